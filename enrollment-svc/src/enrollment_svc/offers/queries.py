"""Reads of the offers slice: a teacher's own entries, with the live waitlist position."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..enrolment.models import EnrolmentEntry
from ..enrolment.rules import State


def own_entries(session: Session, teacher_id: str) -> list[dict]:
    """The teacher's entries in every programme; a waitlisted entry with its live position: 1 + how
    many still wait ahead of it in strict order (rules.waitlist_order)."""
    entry, ahead = EnrolmentEntry, aliased(EnrolmentEntry)
    waiting_ahead = (select(func.count()).where(
        ahead.programme_code == entry.programme_code, ahead.state == State.WAITLISTED.value,
        or_(ahead.position < entry.position, and_(ahead.position == entry.position, ahead.teacher_id < entry.teacher_id)))
        .correlate(entry).scalar_subquery())
    rows = session.execute(select(entry, waiting_ahead).where(entry.teacher_id == teacher_id)
                           .order_by(entry.period_id.desc(), entry.programme_code))
    return [{"entry": e, "programme_code": e.programme_code, "state": e.state,
             "live_position": (ahead_count + 1) if e.state == State.WAITLISTED else None,
             "offer_expires_at": e.offer_expires_at} for e, ahead_count in rows]
