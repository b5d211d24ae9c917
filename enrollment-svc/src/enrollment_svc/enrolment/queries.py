"""Reads of the enrolment slice."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..programmes.models import Programme
from .models import EnrolmentEntry, EnrolmentProgramme, EntryHistory, WithdrawalDeclaration
from .rules import State


def find_programme(session: Session, code: str) -> EnrolmentProgramme:
    programme = session.get(EnrolmentProgramme, code)
    if programme is None:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
    return programme


def approved_programmes(session: Session, *, centre: str | None, period_id: int | None) -> list[dict]:
    """The programmes to be implemented (approved) of a centre (None: all) with their counts per
    state, in the order of the programmes' listing."""
    entry = EnrolmentEntry
    counts = (select(entry.programme_code, *[func.sum(case((entry.state == s.value, 1), else_=0)).label(s.value)
                                             for s in State])
              .group_by(entry.programme_code).subquery())
    statement = (select(EnrolmentProgramme, Programme, *[counts.c[s.value] for s in State])
                 .join(Programme, Programme.code == EnrolmentProgramme.programme_code)
                 .outerjoin(counts, counts.c.programme_code == EnrolmentProgramme.programme_code)
                 .where(EnrolmentProgramme.to_be_implemented.is_(True)))
    if centre is not None:
        statement = statement.where(EnrolmentProgramme.centre_code == centre)
    if period_id:
        statement = statement.where(EnrolmentProgramme.period_id == period_id)
    rows = session.execute(statement.order_by(Programme.period_id.desc(), Programme.cluster_code, Programme.code)
                           .execution_options(populate_existing=True))
    return [{"programme": p, "capacity": e.capacity, "enrolled": e.enrolled,
             "counts": {s.value: int(getattr(row, s.value) or 0) for s in State}}
            for row in rows for e, p in [(row[0], row[1])]]


def entries(session: Session, code: str) -> list[EnrolmentEntry]:
    """A programme's candidates: the seated in seat order, then the waitlist in strict order."""
    return list(session.scalars(select(EnrolmentEntry).where(EnrolmentEntry.programme_code == code)
                                .order_by(EnrolmentEntry.allocated_as, EnrolmentEntry.position, EnrolmentEntry.teacher_id)
                                .execution_options(populate_existing=True)))


def history(session: Session, code: str, teacher_id: str) -> list[EntryHistory]:
    rows = list(session.scalars(select(EntryHistory).where(
        EntryHistory.programme_code == code, EntryHistory.teacher_id == teacher_id).order_by(EntryHistory.id)))
    if not rows:
        raise NotFound("Ο/Η υποψήφιος/α δεν βρέθηκε στο πρόγραμμα.")
    return rows


def declaration(session: Session, code: str, teacher_id: str) -> WithdrawalDeclaration:
    found = session.get(WithdrawalDeclaration, (code, teacher_id))
    if found is None:
        raise NotFound("Δεν υπάρχει υπεύθυνη δήλωση αποχώρησης.")
    return found
