"""Form K2: «Κατάλογος Εγκριμένων Προγραμμάτων Επιμόρφωσης», the programmes approved in a period
(rows from the service that approves them)."""
from .listing import ListForm
from .programme_lists import CAPACITY, CENTRE_NAME, CLUSTER, DIRECTORATE, PROGRAMME_CODE, PROGRAMME_TYPE, list_form_kind

LIST = ListForm(
    form=list_form_kind("K2", "Κατάλογος Εγκριμένων Προγραμμάτων Επιμόρφωσης"),
    code="K2",
    columns=(PROGRAMME_CODE, PROGRAMME_TYPE, CENTRE_NAME, DIRECTORATE, CLUSTER, CAPACITY),
    landscape=True,
)
FORM = LIST.form
