"""Form B4: «Βεβαίωση εγγραφής», one per trainee, issued when the centre enrols them
(enrollment.trainee.enrolled.v1), printed, signed by the centre head and handed to the trainee.
It carries personal data: the centre's people, the trainee (and central administrators) read it."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from epimorfosi_platform.roles import CENTRE_ROLES

from .dates import format_athens
from .form import Form, FormDocument

FORM = Form(
    kind="b4-certificate",
    label="Β4 – Βεβαίωση εγγραφής",
    template="form_b4.html.j2",
    readers=CENTRE_ROLES,
    centre_scoped=True,
    holder_reads=True,  # a teacher reads their own B4
)


def b4_subject(programme_code: str, teacher_id: str) -> str:
    """Decision: a B4 is about one trainee in one programme, `<programme code>/<teacher id>`, the
    subject of the enrolment event itself."""
    return f"{programme_code}/{teacher_id}"[:100]


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def form_b4(*, programme: Any, trainee_name: str, head_name: str | None, enrolled_at: datetime,
            teacher_id: str) -> FormDocument:
    """The B4 of a trainee enrolled in `programme` (the programmes read model's row)."""
    return FormDocument(
        FORM,
        subject=b4_subject(programme.code, teacher_id),
        # Public through /v1/verify: the kind and the programme; the name is printed on the paper only.
        title=f"Β4 – Βεβαίωση εγγραφής στο πρόγραμμα {programme.code}"[:300],
        values={
            "trainee_name": trainee_name,
            "head_name": head_name,
            "programme": {
                "code": programme.code, "centre_name": programme.centre_name, "cluster_name": programme.cluster_name,
                "category_name": programme.category_name, "starts_on": _day(programme.starts_on),
                "ends_on": _day(programme.ends_on),
            },
            "period_title": programme.period_code,
            "enrolled_at": format_athens(enrolled_at),
        },
        owner_centre=programme.centre_code,
        holder_id=teacher_id,
        holder_name=trainee_name,
        programme_code=programme.code,
    )
