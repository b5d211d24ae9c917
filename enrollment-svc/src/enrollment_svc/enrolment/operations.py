"""Use cases of the enrolment slice. Every one starts by locking the programme's enrolment row with a
guarded UPDATE that also checks the period's deadline (`_lock_open_programme`): changes of one
programme run one after the other, and none lands after the deadline. State changes are guarded
UPDATEs (`WHERE state IN <the action's source states>`), the seat count is CHECKed against the
capacity, and one enrolment per period is a unique index (models.py): the database decides."""
from __future__ import annotations

import hashlib
from datetime import datetime

from epimorfosi_platform.errors import Conflict, Invalid, NotFound
from epimorfosi_platform.publishing import emit_many
from sqlalchemy import and_, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from ..periods.models import TrainingPeriod
from .models import EnrolmentEntry, EnrolmentProgramme, EntryHistory, WithdrawalDeclaration
from .rules import SEAT_STATES, Action, State, declaration_problem, free_seats, next_state, sources_of

ENROLLED = "enrollment.trainee.enrolled.v1"
STATUS_CHANGED = "enrollment.candidate.status_changed.v1"


def enrol(session: Session, actor: str, code: str, teacher_ids: list[str], *, now: datetime) -> list[EnrolmentEntry]:
    """«Καταχώριση»: the chosen candidates (successful or promoted) become enrolled, all or nothing.
    Refused if any is not a candidate who may enrol, if the seats are full, or if one is already
    enrolled in another programme of the period."""
    programme = _lock_open_programme(session, code, now)
    wanted = sorted(set(teacher_ids))
    changed = _transition(session, programme, wanted, Action.ENROL, actor=actor, now=now)
    if len(changed) != len(wanted):
        raise Conflict("Δεν μπορούν να εγγραφούν όλοι οι επιλεγμένοι: εγγράφονται μόνο επιτυχόντες "
                       "(ή επιλαχόντες που πήραν θέση) που δεν έχουν ήδη εγγραφεί ή αποχωρήσει.",
                       slug="not-enrollable", teacher_ids=sorted(set(wanted) - set(changed)))
    _count_enrolled(session, code, len(changed))
    emit_many(session, ENROLLED, [(f"{code}/{t}", _enrolled_data(programme, t, actor, now)) for t in wanted])
    return _entries(session, code, wanted)


def withdraw(session: Session, actor: str, code: str, teacher_id: str, *, filename: str, content: bytes,
             content_type: str | None, now: datetime) -> EnrolmentEntry:
    """A successful, promoted or enrolled candidate gives the seat up, with the signed declaration
    uploaded (a PDF, rules.declaration_problem); the seat goes to the waitlist (fill_vacancies)."""
    problem = declaration_problem(content, content_type)
    if problem:
        raise Invalid(problem, slug="invalid-declaration", errors={"file": [problem]})
    programme = _lock_open_programme(session, code, now)
    changed = _transition(session, programme, [teacher_id], Action.WITHDRAW, actor=actor, now=now)
    if not changed:
        raise Conflict("Αποχώρηση δηλώνεται μόνο για επιτυχόντα ή εγγεγραμμένο/η υποψήφιο/α.", slug="not-withdrawable")
    if changed[teacher_id] == State.ENROLLED:
        _count_enrolled(session, code, -1)
    session.execute(insert(WithdrawalDeclaration).values(
        programme_code=code, teacher_id=teacher_id, filename=filename[:200] or "declaration.pdf", size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content, uploaded_by=actor, uploaded_at=now))
    fill_vacancies(session, programme, actor=actor, now=now)
    return _entries(session, code, [teacher_id])[0]


def skip(session: Session, actor: str, code: str, teacher_id: str, *, reason: str, now: datetime) -> list[EnrolmentEntry]:
    """A central admin passes a promoted candidate over (reason recorded): they go back to the
    waitlist, keeping their position, and this seat goes to the next waitlisted in order."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Η παράκαμψη επιλαχόντα χρειάζεται αιτιολογία.", errors={"reason": ["Υποχρεωτικό πεδίο."]})
    programme = _lock_open_programme(session, code, now)
    if not _transition(session, programme, [teacher_id], Action.SKIP, actor=actor, now=now, reason=reason):
        raise Conflict("Παρακάμπτεται μόνο επιλαχών/ούσα που πήρε θέση και δεν έχει εγγραφεί.", slug="not-skippable")
    promoted = fill_vacancies(session, programme, actor=actor, now=now, passed_over={teacher_id})
    return _entries(session, code, [teacher_id, *promoted])


def fill_vacancies(session: Session, programme: EnrolmentProgramme, *, actor: str, now: datetime,
                   passed_over: set[str] = frozenset()) -> list[str]:
    """The one promotion mechanism, for every path that frees a seat (the programme is locked):
    while seats are free, the first waitlisted in strict order (rules.next_in_line) is promoted,
    by an UPDATE that refuses anyone with a waitlisted candidate ahead of them."""
    holding = session.scalar(select(func.count()).select_from(EnrolmentEntry).where(
        EnrolmentEntry.programme_code == programme.programme_code,
        EnrolmentEntry.state.in_([s.value for s in SEAT_STATES])))
    promoted: list[str] = []
    for _ in range(free_seats(programme.capacity, holding)):
        teacher_id = _promote_first(session, programme, passed_over, actor=actor, now=now)
        if teacher_id is None:
            break
        promoted.append(teacher_id)
    return promoted


def _promote_first(session: Session, programme: EnrolmentProgramme, passed_over, *, actor: str, now: datetime):
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
    row = session.execute(
        update(entry).where(*waiting, entry.teacher_id == first.teacher_id, ~someone_ahead)
        .values(state=State.PROMOTED.value, touched=True, changed_at=now)
        .returning(entry.teacher_id).execution_options(synchronize_session=False)).first()
    if row is None:  # cannot happen under the lock; refuse rather than promote out of order
        raise Conflict("Η σειρά των επιλαχόντων άλλαξε· δοκιμάστε ξανά.", slug="waitlist-changed")
    _record(session, programme, {first.teacher_id: State.WAITLISTED}, State.PROMOTED, Action.PROMOTE,
            actor=actor, now=now, positions={first.teacher_id: first.position})
    return first.teacher_id


def _lock_open_programme(session: Session, code: str, now: datetime) -> EnrolmentProgramme:
    """Lock the programme's row until the transaction ends, only if its period's enrolment deadline
    is still ahead (the database compares, in the same statement) and it is to be implemented."""
    table = EnrolmentProgramme
    open_period = exists().where(TrainingPeriod.period_id == table.period_id, TrainingPeriod.enrolment_deadline > now)
    row = session.execute(
        update(table).where(table.programme_code == code, table.to_be_implemented.is_(True), open_period)
        .values(changed_at=now).returning(table).execution_options(synchronize_session=False)).scalar()
    if row is not None:
        return row
    programme = session.get(table, code)
    if programme is None:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
    if not programme.to_be_implemented:
        raise Conflict("Το πρόγραμμα δεν έχει εγκριθεί προς υλοποίηση.", slug="not-to-be-implemented")
    raise Conflict("Η προθεσμία εγγραφών της περιόδου έληξε· δεν γίνονται πλέον αλλαγές.", slug="enrolment-closed")


def _transition(session: Session, programme: EnrolmentProgramme, teacher_ids: list[str], action: Action, *,
                actor: str, now: datetime, reason: str | None = None) -> dict[str, State]:
    """Move the entries that are in one of the action's source states; {teacher: previous state} of
    those moved. The previous states are read under the programme's lock, so they hold."""
    code, sources = programme.programme_code, [s.value for s in sources_of(action)]
    where = [EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id.in_(teacher_ids),
             EnrolmentEntry.state.in_(sources)]
    previous = {t: State(s) for t, s in session.execute(select(EnrolmentEntry.teacher_id, EnrolmentEntry.state).where(*where))}
    if not previous:
        return {}
    target = next_state(next(iter(previous.values())), action)
    try:
        session.execute(update(EnrolmentEntry).where(*where, EnrolmentEntry.teacher_id.in_(sorted(previous)))
                        .values(state=target.value, touched=True, changed_at=now)
                        .execution_options(synchronize_session=False))
    except IntegrityError:  # uq_enrolment_entry_enrolled_once_per_period
        raise Conflict("Υποψήφιος/α είναι ήδη εγγεγραμμένος/η σε άλλο πρόγραμμα της περιόδου.",
                       slug="enrolled-elsewhere") from None
    _record(session, programme, previous, target, action, actor=actor, now=now, reason=reason)
    return previous


def _record(session: Session, programme: EnrolmentProgramme, previous: dict[str, State], target: State,
            action: Action, *, actor: str, now: datetime, reason: str | None = None, positions=None) -> None:
    """History rows and one status-changed event per entry."""
    code, positions = programme.programme_code, positions or {}
    if target == State.WAITLISTED:
        positions = dict(session.execute(select(EnrolmentEntry.teacher_id, EnrolmentEntry.position).where(
            EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id.in_(sorted(previous)))).all())
    rows = [{"programme_code": code, "teacher_id": t, "previous_state": p.value, "state": target.value,
             "action": action.value, "position": positions.get(t), "actor": actor, "reason": reason, "at": now}
            for t, p in sorted(previous.items())]
    session.execute(insert(EntryHistory), rows)
    emit_many(session, STATUS_CHANGED, [(f"{code}/{r['teacher_id']}", {
        "programme_code": code, "period_id": programme.period_id, "centre_code": programme.centre_code,
        "teacher_id": r["teacher_id"], "previous_state": r["previous_state"], "state": r["state"],
        "action": r["action"], "waitlist_position": r["position"], "reason": reason,
        "changed_at": now.isoformat(), "changed_by": actor}) for r in rows])


def _count_enrolled(session: Session, code: str, delta: int) -> None:
    try:
        session.execute(update(EnrolmentProgramme).where(EnrolmentProgramme.programme_code == code)
                        .values(enrolled=EnrolmentProgramme.enrolled + delta).execution_options(synchronize_session=False))
    except IntegrityError:  # ck_enrolment_programme_enrolled_within_capacity
        raise Conflict("Οι θέσεις του προγράμματος συμπληρώθηκαν.", slug="programme-full") from None


def _enrolled_data(programme: EnrolmentProgramme, teacher_id: str, actor: str, now: datetime) -> dict:
    return {"programme_code": programme.programme_code, "period_id": programme.period_id,
            "centre_code": programme.centre_code, "teacher_id": teacher_id,
            "enrolled_at": now.isoformat(), "enrolled_by": actor}


def _entries(session: Session, code: str, teacher_ids: list[str]) -> list[EnrolmentEntry]:
    return list(session.scalars(select(EnrolmentEntry).where(
        EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id.in_(teacher_ids))
        .order_by(EnrolmentEntry.allocated_as, EnrolmentEntry.position)
        .execution_options(populate_existing=True)))
