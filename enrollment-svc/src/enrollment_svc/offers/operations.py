"""Use cases of the offers slice. Each locks the programme first (enrolment.changes), moves the entry
with a guarded UPDATE, and gives every freed seat to enrolment.promotion.fill_vacancies, so accepting,
declining and expiring race safely with each other and with the centre's enrolments."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.errors import Conflict, NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.log import SYSTEM
from ..enrolment.changes import entries_of, is_open, lock_open_programme, lock_programme, transition
from ..enrolment.models import EnrolmentEntry
from ..enrolment.promotion import fill_vacancies
from ..enrolment.rules import Action, State, token_digest

LINK_GONE = "Ο σύνδεσμος δεν ισχύει πλέον: η πρόσκληση απαντήθηκε, έληξε ή δεν υπάρχει."


def accept(session: Session, teacher_id: str, code: str, *, now: datetime) -> EnrolmentEntry:
    """The offered teacher takes the seat (their own entry only, before the offer's deadline): they
    are promoted, and the centre enrols them as a successful candidate."""
    programme = lock_open_programme(session, code, now)
    moved = transition(session, programme, [teacher_id], Action.ACCEPT, actor=teacher_id, now=now,
                       where=[EnrolmentEntry.offer_expires_at > now])
    if not moved:
        raise Conflict("Δεν υπάρχει ενεργή πρόσκληση για θέση σε αυτό το πρόγραμμα (ίσως έληξε).", slug="no-open-offer")
    return entries_of(session, code, [teacher_id])[0]


def decline(session: Session, teacher_id: str, code: str, *, now: datetime, actor: str | None = None,
            where=()) -> EnrolmentEntry:
    """The offered teacher does not take the seat: declined (final); the seat is offered to the next
    waitlisted in strict order."""
    programme = lock_open_programme(session, code, now)
    if not transition(session, programme, [teacher_id], Action.DECLINE, actor=actor or teacher_id, now=now,
                      where=where):
        raise Conflict("Δεν υπάρχει ενεργή πρόσκληση για θέση σε αυτό το πρόγραμμα.", slug="no-open-offer")
    fill_vacancies(session, programme, actor=actor or teacher_id, now=now)
    return entries_of(session, code, [teacher_id])[0]


def offer_of_token(session: Session, token: str) -> EnrolmentEntry:
    """The open offer a decline link's token belongs to (NotFound once answered: single use)."""
    entry = session.scalar(select(EnrolmentEntry).where(EnrolmentEntry.offer_token_digest == token_digest(token),
                                                        EnrolmentEntry.state == State.OFFERED.value))
    if entry is None:
        raise NotFound(LINK_GONE, slug="offer-link-gone")
    return entry


def decline_by_token(session: Session, token: str, *, now: datetime) -> EnrolmentEntry:
    """The one-click decline of the e-mail: the token (unguessable, stored as its digest) names the
    offer; it works once, as the teacher's own decline (the guarded UPDATE matches the digest, which
    leaving the offered state clears)."""
    entry = offer_of_token(session, token)
    digest = token_digest(token)
    try:
        return decline(session, entry.teacher_id, entry.programme_code, now=now,
                       where=[EnrolmentEntry.offer_token_digest == digest])
    except Conflict as refused:
        if getattr(refused, "slug", None) == "no-open-offer":
            raise NotFound(LINK_GONE, slug="offer-link-gone") from None
        raise


def programmes_with_expired_offers(session: Session, now: datetime) -> list[str]:
    return list(session.scalars(select(EnrolmentEntry.programme_code).where(
        EnrolmentEntry.state == State.OFFERED.value, EnrolmentEntry.offer_expires_at <= now)
        .distinct().order_by(EnrolmentEntry.programme_code)))


def expire_offers(session: Session, code: str, *, now: datetime) -> list[str]:
    """The programme's offers whose deadline passed become declined (action expire, by the system)
    and their seats are offered on while enrolment is open. Idempotent: under the programme's lock a
    second run (or a concurrent one, which waits) finds no expired offer left. The teachers expired."""
    programme = lock_programme(session, code, now)
    if programme is None:
        return []
    expired_ids = list(session.scalars(select(EnrolmentEntry.teacher_id).where(
        EnrolmentEntry.programme_code == code, EnrolmentEntry.state == State.OFFERED.value,
        EnrolmentEntry.offer_expires_at <= now)))
    moved = transition(session, programme, expired_ids, Action.EXPIRE, actor=SYSTEM, now=now,
                       where=[EnrolmentEntry.offer_expires_at <= now]) if expired_ids else {}
    if moved and is_open(session, programme, now):
        fill_vacancies(session, programme, actor=SYSTEM, now=now)
    return sorted(moved)
