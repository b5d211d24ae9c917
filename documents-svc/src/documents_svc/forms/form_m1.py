"""Form M1: «Κατάλογος Πιστοποιημένων Επιμορφωτών Β' Επιπέδου Τ.Π.Ε.», the register of certified
trainers as resources-svc keeps it (menu «Έντυπα → Έντυπα Μητρώων»). No ΑΦΜ and no contact data:
the printed register names the trainers, their specialty, level, cluster and region."""
from epimorfosi_platform.roles import CENTRE_ROLES

from .form import Form
from .listing import Column, ListForm
from .programme_lists import CLUSTER, NAME, SPECIALTY, SURNAME

LIST = ListForm(
    form=Form(kind="m1-list", label="Κατάλογος Πιστοποιημένων Επιμορφωτών Β' Επιπέδου Τ.Π.Ε.",
              template="list.html.j2", readers=CENTRE_ROLES),
    code="M1",
    columns=(
        SURNAME, NAME, SPECIALTY,
        Column("level", "Επίπεδο πιστοποίησης", width="28mm", max_length=60),
        Column("certified_on", "Ημερομηνία πιστοποίησης", width="28mm", required=False, max_length=20),
        CLUSTER,
        Column("region", "Περιφέρεια", max_length=100),
    ),
    landscape=True,
)
FORM = LIST.form
