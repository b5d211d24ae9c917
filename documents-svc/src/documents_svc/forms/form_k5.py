"""Form K5: «Συγκεντρωτική Κατάσταση Εγγεγραμμένων Προγράμματος Επιμόρφωσης», one programme's
enrolled trainees, issued by the centre once enrolment is over (rows from enrollment-svc)."""
from .listing import ListForm
from .programme_lists import (EMAIL, MOBILE, NAME, PHONE, PROGRAMME_HEADING, REGISTRY_NUMBER, SPECIALTY, SURNAME,
                              list_form_kind)

LIST = ListForm(
    form=list_form_kind("K5", "Συγκεντρωτική Κατάσταση Εγγεγραμμένων Προγράμματος Επιμόρφωσης"),
    code="K5",
    columns=(SURNAME, NAME, REGISTRY_NUMBER, SPECIALTY, PHONE, MOBILE, EMAIL),
    heading=PROGRAMME_HEADING,
    landscape=True,
)
FORM = LIST.form
