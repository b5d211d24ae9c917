"""Use cases of the trainees slice, run by the event handlers in the inbox's transaction: keep the
read models and issue a trainee's B4."""
from __future__ import annotations

from datetime import date, datetime

from epimorfosi_platform.handlers import HandlerContext
from epimorfosi_platform.roles import Role
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..context import DocumentsContext
from ..documents import operations as documents
from ..documents.models import Document
from ..forms.form_b4 import form_b4
from .models import Person, Programme


class NotYetKnown(RuntimeError):
    """The enrolment arrived before the event that names its trainee or its programme: the handler
    fails, and the worker retries it with back-off (events of different producers are not ordered)."""


def record_person(session: Session, *, user_id: str, first_name: str, last_name: str, roles, centre_id) -> None:
    session.merge(Person(user_id=user_id, first_name=first_name, last_name=last_name, centre_id=centre_id,
                         centre_head=Role.KSE_HEAD in set(roles)))


def record_programme(session: Session, *, code: str, period_code: str, centre_code: str, centre_name: str,
                     cluster_name: str, category_name: str, starts_on: date | None, ends_on: date | None) -> None:
    session.merge(Programme(code=code, period_code=period_code, centre_code=centre_code, centre_name=centre_name,
                            cluster_name=cluster_name, category_name=category_name, starts_on=starts_on,
                            ends_on=ends_on))


def centre_head_name(session: Session, centre_code: str) -> str | None:
    """The signatory of a centre's B4: its head's name (the first by surname if several), if known."""
    head = session.scalars(select(Person).where(Person.centre_id == centre_code, Person.centre_head)
                           .order_by(Person.last_name, Person.first_name).limit(1)).first()
    return head.full_name if head else None


def issue_b4(ctx: HandlerContext[DocumentsContext], *, programme_code: str, teacher_id: str,
             enrolled_at: datetime) -> Document:
    session = ctx.session
    programme = session.get(Programme, programme_code)
    trainee = session.get(Person, teacher_id)
    if programme is None or trainee is None:
        raise NotYetKnown(f"B4 of {programme_code}/{teacher_id}: programme or trainee not known yet")
    wanted = form_b4(programme=programme, trainee_name=trainee.full_name,
                     head_name=centre_head_name(session, programme.centre_code), enrolled_at=enrolled_at,
                     teacher_id=teacher_id)
    return documents.render_document(ctx, wanted)
