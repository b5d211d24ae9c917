"""Form K6: «Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης», the programmes approved for
implementation after enrolment: cluster, type, room capacity, enrolled trainees, implementation
period and staff (rows from enrollment-svc)."""
from .listing import INTEGER, Column, ListForm
from .programme_lists import CAPACITY, CLUSTER, PERIOD, PROGRAMME_CODE, PROGRAMME_TYPE, STAFF, list_form_kind

LIST = ListForm(
    form=list_form_kind("K6", "Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης"),
    code="K6",
    columns=(
        PROGRAMME_CODE, CLUSTER, PROGRAMME_TYPE, CAPACITY,
        Column("enrolled", "Εγγεγραμμένοι", type=INTEGER, width="28mm"),
        PERIOD, STAFF,
    ),
    landscape=True,
)
FORM = LIST.form
