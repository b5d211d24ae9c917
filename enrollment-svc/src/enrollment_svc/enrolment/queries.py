"""Reads of the enrolment slice."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..programmes.models import Programme
from .models import EnrolmentEntry, EnrolmentProgramme, EntryHistory, WithdrawalDeclaration
from .rules import State


def find_programme(session: Session, code: str) -> EnrolmentProgramme:
    programme = session.get(EnrolmentProgramme, code)
    if programme is None:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
    return programme


def approved_programmes(session: Session, *, centre: str | None, period_id: int | None,
                        code: str | None = None) -> list[dict]:
    """The programmes to be implemented (approved) of a centre (None: all) with their counts per
    state, in the order of the programmes' listing; `code`: only that programme (its counts alone
    are aggregated, not every programme's)."""
    entry = EnrolmentEntry
    counts = select(entry.programme_code, *[func.sum(case((entry.state == s.value, 1), else_=0)).label(s.value)
                                            for s in State])
    if code is not None:
        counts = counts.where(entry.programme_code == code)
    counts = counts.group_by(entry.programme_code).subquery()
    statement = (select(EnrolmentProgramme, Programme, *[counts.c[s.value] for s in State])
                 .join(Programme, Programme.code == EnrolmentProgramme.programme_code)
                 .outerjoin(counts, counts.c.programme_code == EnrolmentProgramme.programme_code)
                 .where(EnrolmentProgramme.to_be_implemented.is_(True)))
    if centre is not None:
        statement = statement.where(EnrolmentProgramme.centre_code == centre)
    if period_id:
        statement = statement.where(EnrolmentProgramme.period_id == period_id)
    if code is not None:
        statement = statement.where(EnrolmentProgramme.programme_code == code)
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


def my_entries(session: Session, teacher_id: str) -> list[dict]:
    """A teacher's own entries, newest period first, each with its programme and, while waitlisted,
    the live position (rules.live_position: 1 + the waitlisted strictly ahead, counted now)."""
    entry, ahead = EnrolmentEntry, aliased(EnrolmentEntry)
    in_front = (select(func.count()).select_from(ahead).where(
        ahead.programme_code == entry.programme_code, ahead.state == State.WAITLISTED.value,
        or_(ahead.position < entry.position, and_(ahead.position == entry.position, ahead.teacher_id < entry.teacher_id)))
        .correlate(entry).scalar_subquery())
    live = case((entry.state == State.WAITLISTED.value, in_front + 1), else_=None).label("live_position")
    rows = session.execute(select(entry, Programme, live).join(Programme, Programme.code == entry.programme_code)
                           .where(entry.teacher_id == teacher_id)
                           .order_by(Programme.period_id.desc(), entry.allocated_as, entry.position, Programme.code))
    return [{"programme": p, "state": e.state, "allocated_as": e.allocated_as, "position": e.position,
             "phase": e.phase, "changed_at": e.changed_at, "live_position": position,
             "offer_expires_at": e.offer_expires_at} for e, p, position in rows]
