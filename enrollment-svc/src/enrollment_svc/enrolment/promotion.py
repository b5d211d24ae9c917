"""The one promotion mechanism (`fill_vacancies`), for every path that frees a seat: a withdrawal, a
declined or expired offer, a skip. A free seat is offered to the first waitlisted in strict order;
the offer holds the seat until it is accepted, declined or expires (rules.offer_deadline)."""
from __future__ import annotations

import secrets
from datetime import datetime

from epimorfosi_platform.errors import Conflict
from epimorfosi_platform.publishing import emit
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from ..periods.models import TrainingPeriod
from .changes import record
from .models import EnrolmentEntry, EnrolmentProgramme
from .rules import SEAT_STATES, Action, State, free_seats, offer_deadline, token_digest

OFFER_MADE = "enrollment.offer.made.v1"


def fill_vacancies(session: Session, programme: EnrolmentProgramme, *, actor: str, now: datetime,
                   passed_over: set[str] = frozenset()) -> list[str]:
    """While seats are free (the programme is locked and open), offer one to the first waitlisted in
    strict order (rules.next_in_line), by an UPDATE that refuses anyone with a waitlisted candidate
    ahead of them. The teachers offered a seat, in order."""
    holding = session.scalar(select(func.count()).select_from(EnrolmentEntry).where(
        EnrolmentEntry.programme_code == programme.programme_code,
        EnrolmentEntry.state.in_([s.value for s in SEAT_STATES])))
    period = session.get(TrainingPeriod, programme.period_id)
    expires_at = offer_deadline(now, period.offer_period_hours, period.enrolment_deadline)
    offered: list[str] = []
    for _ in range(free_seats(programme.capacity, holding)):
        teacher_id = _offer_first(session, programme, passed_over, actor=actor, now=now, expires_at=expires_at)
        if teacher_id is None:
            break
        offered.append(teacher_id)
    return offered


def _offer_first(session: Session, programme: EnrolmentProgramme, passed_over, *, actor: str, now: datetime,
                 expires_at: datetime) -> str | None:
    code = programme.programme_code
    entry, ahead = EnrolmentEntry, aliased(EnrolmentEntry)
    waiting = [entry.programme_code == code, entry.state == State.WAITLISTED.value,
               entry.teacher_id.not_in(sorted(passed_over))]
    first = session.execute(select(entry.teacher_id, entry.position).where(*waiting)
                            .order_by(entry.position, entry.teacher_id).limit(1)).first()
    if first is None:
        return None
    someone_ahead = exists().where(
        ahead.programme_code == code, ahead.state == State.WAITLISTED.value,
        ahead.teacher_id.not_in(sorted(passed_over)),
        or_(ahead.position < entry.position, and_(ahead.position == entry.position, ahead.teacher_id < entry.teacher_id)))
    token = secrets.token_urlsafe(32)
    row = session.execute(
        update(entry).where(*waiting, entry.teacher_id == first.teacher_id, ~someone_ahead)
        .values(state=State.OFFERED.value, touched=True, changed_at=now, offer_expires_at=expires_at,
                offer_token_digest=token_digest(token))
        .returning(entry.teacher_id).execution_options(synchronize_session=False)).first()
    if row is None:  # cannot happen under the lock; refuse rather than offer out of order
        raise Conflict("Η σειρά των επιλαχόντων άλλαξε· δοκιμάστε ξανά.", slug="waitlist-changed")
    record(session, programme, {first.teacher_id: State.WAITLISTED}, State.OFFERED, Action.OFFER,
           actor=actor, now=now, positions={first.teacher_id: first.position},
           details={"offer_expires_at": expires_at.isoformat()})
    emit(session, OFFER_MADE, subject=f"{code}/{first.teacher_id}", data={
        "programme_code": code, "period_id": programme.period_id, "centre_code": programme.centre_code,
        "teacher_id": first.teacher_id, "waitlist_position": first.position, "offered_at": now.isoformat(),
        "expires_at": expires_at.isoformat(), "decline_token": token})
    return first.teacher_id
