"""Reads of the programmes read model."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..enrolment.models import EnrolmentEntry
from .models import CandidateStatus, Programme


def programmes_page(
    session: Session, *, centre: str | None, period_id: int | None, first: int, size: int
) -> tuple[int, list[Programme]]:
    """(how many match, the `size` of them from `first` on) of one centre (None: every centre) and
    one period (None: every period), newest period first."""
    statement = select(Programme)
    if centre is not None:
        statement = statement.where(Programme.centre_code == centre)
    if period_id:
        statement = statement.where(Programme.period_id == period_id)
    count = session.scalar(select(func.count()).select_from(statement.subquery()))
    page = session.scalars(
        statement.order_by(Programme.period_id.desc(), Programme.centre_code, Programme.cluster_code, Programme.code)
        .offset(first)
        .limit(size)
    )
    return count, list(page)


def find_programme(session: Session, code: str) -> Programme:
    programme = session.get(Programme, code)
    if programme is None:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
    return programme


def candidate_lists(session: Session, programme: Programme) -> dict:
    """The programme and its candidates, one list per CandidateStatus (the allocation's list the
    entry came from), in list order, each with the state of its enrolment entry."""
    candidates = session.scalars(
        select(EnrolmentEntry).where(EnrolmentEntry.programme_code == programme.code)
        .order_by(EnrolmentEntry.allocated_as, EnrolmentEntry.position, EnrolmentEntry.teacher_id)
    ).all()
    return {
        "programme": programme,
        **{status.value: [c for c in candidates if c.allocated_as == status] for status in CandidateStatus},
    }
