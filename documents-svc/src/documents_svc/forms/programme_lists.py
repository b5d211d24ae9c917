"""The columns shared by the K-forms (as the manual's screens show them), so each form module names
its own columns from one vocabulary."""
from epimorfosi_platform.roles import CENTRE_ROLES

from .form import Form
from .listing import INTEGER, Column

LIST_READERS = CENTRE_ROLES  # a centre's lists: its head and coordinators (and central administrators)

PROGRAMME_CODE = Column("programme_code", "Κωδικός Προγράμματος", width="30mm", max_length=40)
PROGRAMME_TYPE = Column("programme_type", "Τύπος Προγράμματος", max_length=200)
CENTRE_NAME = Column("centre_name", "Ονομασία Κ.Σ.Ε.", max_length=200)
DIRECTORATE = Column("directorate", "Διεύθυνση Εκπαίδευσης", max_length=200)
CLUSTER = Column("cluster", "Συστάδα", max_length=200)
CAPACITY = Column("capacity", "Δυναμικότητα αίθουσας", type=INTEGER, width="28mm")
PERIOD = Column("implementation_period", "Διάστημα υλοποίησης", width="32mm", max_length=60)
STAFF = Column("staff", "Συντελεστές", required=False, max_length=500)

SURNAME = Column("surname", "Επώνυμο", max_length=100)
NAME = Column("name", "Όνομα", max_length=100)
REGISTRY_NUMBER = Column("registry_number", "Α.Μ.", width="20mm", required=False, max_length=20)
SPECIALTY = Column("specialty", "Ειδικότητα", max_length=100)
PHONE = Column("phone", "Τηλέφωνο", width="24mm", required=False, max_length=30)
MOBILE = Column("mobile", "Κινητό Τηλέφωνο", width="24mm", required=False, max_length=30)
EMAIL = Column("email", "e-mail", required=False, max_length=200)

PROGRAMME_HEADING = (PROGRAMME_CODE, PROGRAMME_TYPE, CENTRE_NAME, DIRECTORATE, CLUSTER)


def list_form_kind(code: str, label: str) -> Form:
    """The `Form` of a centre's list `code` (K2 → kind «k2-list»), rendered from list.html.j2."""
    return Form(kind=f"{code.lower()}-list", label=label, template="list.html.j2", readers=LIST_READERS, centre_scoped=True)
