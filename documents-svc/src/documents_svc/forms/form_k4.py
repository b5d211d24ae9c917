"""Form K4: «Συγκεντρωτική Κατάσταση Επιτυχόντων / Επιλαχόντων Προγράμματος Επιμόρφωσης», one
programme's successful and reserve applicants with their contact details, so the centre can call
them before enrolment (rows from enrollment-svc)."""
from .listing import Column, ListForm
from .programme_lists import (EMAIL, MOBILE, NAME, PHONE, PROGRAMME_HEADING, REGISTRY_NUMBER, SPECIALTY, SURNAME,
                              list_form_kind)

LIST = ListForm(
    form=list_form_kind("K4", "Συγκεντρωτική Κατάσταση Επιτυχόντων / Επιλαχόντων Προγράμματος Επιμόρφωσης"),
    code="K4",
    columns=(
        SURNAME, NAME, REGISTRY_NUMBER, SPECIALTY, PHONE, MOBILE, EMAIL,
        Column("outcome", "Επιτυχών/Επιλαχών", width="30mm", max_length=20),
    ),
    heading=PROGRAMME_HEADING,
    landscape=True,
)
FORM = LIST.form
