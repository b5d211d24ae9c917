"""Form K3: «Κατάλογος Προγραμμάτων Επιμόρφωσης προς Υλοποίηση», the programmes that reached the
required applications: cluster, type, room capacity, implementation period, staff, and the number
of successful and reserve applicants of phases A and B (rows from enrollment-svc)."""
from .listing import INTEGER, Column, ListForm
from .programme_lists import CAPACITY, CLUSTER, PERIOD, PROGRAMME_CODE, PROGRAMME_TYPE, STAFF, list_form_kind

LIST = ListForm(
    form=list_form_kind("K3", "Κατάλογος Προγραμμάτων Επιμόρφωσης προς Υλοποίηση"),
    code="K3",
    columns=(
        PROGRAMME_CODE, CLUSTER, PROGRAMME_TYPE, CAPACITY, PERIOD, STAFF,
        Column("successful", "Επιτυχόντες", type=INTEGER, width="23mm"),
        Column("reserves", "Επιλαχόντες", type=INTEGER, width="23mm"),
    ),
    landscape=True,
)
FORM = LIST.form
