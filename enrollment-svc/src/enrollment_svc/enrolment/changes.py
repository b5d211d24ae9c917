"""The mechanics every use case of an entry shares: the programme's lock, guarded transitions, their
history, audit rows and events, the enrolled counter. Every change of a programme's entries starts by
locking the programme's row with an UPDATE (`lock_open_programme` / `lock_programme`): changes of one
programme run one after the other. State changes are guarded UPDATEs (`WHERE state IN <the action's
source states>`), so an entry moves at most once however many requests race for it."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.errors import Conflict, NotFound
from epimorfosi_platform.publishing import emit_many
from sqlalchemy import exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..audit.log import audit_rows
from ..periods.models import TrainingPeriod
from .models import EnrolmentEntry, EnrolmentProgramme, EntryHistory, ProgrammeOutcome
from .rules import Action, State, next_state, sources_of

STATUS_CHANGED = "enrollment.candidate.status_changed.v1"


def lock_open_programme(session: Session, code: str, now: datetime) -> EnrolmentProgramme:
    """Lock the programme's row until the transaction ends, only if its period's enrolment deadline
    is still ahead (the database compares, in the same statement), it is to be implemented and
    neither cancelled nor final."""
    table = EnrolmentProgramme
    open_period = exists().where(TrainingPeriod.period_id == table.period_id, TrainingPeriod.enrolment_deadline > now)
    row = session.execute(
        update(table).where(table.programme_code == code, table.to_be_implemented.is_(True),
                            table.outcome == ProgrammeOutcome.OPEN.value, open_period)
        .values(changed_at=now).returning(table).execution_options(synchronize_session=False)).scalar()
    if row is not None:
        return row
    programme = session.get(table, code)
    if programme is None:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
    if not programme.to_be_implemented:
        raise Conflict("Το πρόγραμμα δεν έχει εγκριθεί προς υλοποίηση.", slug="not-to-be-implemented")
    if programme.outcome == ProgrammeOutcome.CANCELLED:
        raise Conflict("Το πρόγραμμα ακυρώθηκε· δεν γίνονται πλέον αλλαγές.", slug="programme-cancelled")
    if programme.outcome == ProgrammeOutcome.FINAL:
        raise Conflict("Το πρόγραμμα εγκρίθηκε οριστικά· δεν γίνονται πλέον αλλαγές.", slug="programme-final")
    raise Conflict("Η προθεσμία εγγραφών της περιόδου έληξε· δεν γίνονται πλέον αλλαγές.", slug="enrolment-closed")


def lock_programme(session: Session, code: str, now: datetime) -> EnrolmentProgramme | None:
    """Lock the programme's row whatever the deadline (the deadline's own sweeps); None if unknown."""
    return session.execute(
        update(EnrolmentProgramme).where(EnrolmentProgramme.programme_code == code).values(changed_at=now)
        .returning(EnrolmentProgramme).execution_options(synchronize_session=False)).scalar()


def is_open(session: Session, programme: EnrolmentProgramme, now: datetime) -> bool:
    """Enrolment still goes on in the (locked) programme: open outcome, deadline ahead."""
    deadline = session.scalar(select(TrainingPeriod.enrolment_deadline).where(
        TrainingPeriod.period_id == programme.period_id))
    return programme.outcome == ProgrammeOutcome.OPEN and deadline is not None and now < deadline


def transition(session: Session, programme: EnrolmentProgramme, teacher_ids: list[str], action: Action, *,
               actor: str, now: datetime, reason: str | None = None, where=()) -> dict[str, State]:
    """Move the entries that are in one of the action's source states (and match `where`);
    {teacher: previous state} of those moved. The previous states are read under the programme's
    lock, so they hold. Leaving a state clears any offer (only the offer itself sets one)."""
    code, sources = programme.programme_code, [s.value for s in sources_of(action)]
    condition = [EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id.in_(teacher_ids),
                 EnrolmentEntry.state.in_(sources), *where]
    previous = {t: State(s) for t, s in session.execute(
        select(EnrolmentEntry.teacher_id, EnrolmentEntry.state).where(*condition))}
    if not previous:
        return {}
    target = next_state(next(iter(previous.values())), action)
    try:
        session.execute(update(EnrolmentEntry).where(*condition, EnrolmentEntry.teacher_id.in_(sorted(previous)))
                        .values(state=target.value, touched=True, changed_at=now, offer_expires_at=None,
                                offer_token_digest=None)
                        .execution_options(synchronize_session=False))
    except IntegrityError:  # uq_enrolment_entry_one_seat_per_period
        raise Conflict("Υποψήφιος/α έχει ήδη θέση (εγγραφή ή αποδοχή πρόσκλησης) σε άλλο πρόγραμμα της περιόδου.",
                       slug="enrolled-elsewhere") from None
    record(session, programme, previous, target, action, actor=actor, now=now, reason=reason)
    return previous


def record(session: Session, programme: EnrolmentProgramme, previous: dict[str, State], target: State,
           action: Action, *, actor: str, now: datetime, reason: str | None = None, positions=None,
           details: dict | None = None) -> None:
    """History rows, audit rows and one status-changed event per entry."""
    code, positions = programme.programme_code, positions or {}
    if target == State.WAITLISTED:
        positions = dict(session.execute(select(EnrolmentEntry.teacher_id, EnrolmentEntry.position).where(
            EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id.in_(sorted(previous)))).all())
    rows = [{"programme_code": code, "teacher_id": t, "previous_state": p.value, "state": target.value,
             "action": action.value, "position": positions.get(t), "actor": actor, "reason": reason, "at": now}
            for t, p in sorted(previous.items())]
    session.execute(insert(EntryHistory), rows)
    audit_rows(session, [{**{k: r[k] for k in ("programme_code", "teacher_id", "previous_state", "state", "action",
                                                "actor", "reason", "at")},
                          "period_id": programme.period_id, "centre_code": programme.centre_code,
                          "details": {"waitlist_position": r["position"], **(details or {})}} for r in rows])
    emit_many(session, STATUS_CHANGED, [(f"{code}/{r['teacher_id']}", {
        "programme_code": code, "period_id": programme.period_id, "centre_code": programme.centre_code,
        "teacher_id": r["teacher_id"], "previous_state": r["previous_state"], "state": r["state"],
        "action": r["action"], "waitlist_position": r["position"], "reason": reason,
        "changed_at": now.isoformat(), "changed_by": actor}) for r in rows])


def count_enrolled(session: Session, code: str, delta: int) -> None:
    try:
        session.execute(update(EnrolmentProgramme).where(EnrolmentProgramme.programme_code == code)
                        .values(enrolled=EnrolmentProgramme.enrolled + delta).execution_options(synchronize_session=False))
    except IntegrityError:  # ck_enrolment_programme_enrolled_within_capacity
        raise Conflict("Οι θέσεις του προγράμματος συμπληρώθηκαν.", slug="programme-full") from None


def entries_of(session: Session, code: str, teacher_ids: list[str]) -> list[EnrolmentEntry]:
    return list(session.scalars(select(EnrolmentEntry).where(
        EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id.in_(teacher_ids))
        .order_by(EnrolmentEntry.allocated_as, EnrolmentEntry.position)
        .execution_options(populate_existing=True)))
