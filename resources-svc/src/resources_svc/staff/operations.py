"""Use cases of the staff slice: a centre's lists for a period (add, modify, delete a member) and
their final submission. Every change first takes the lists' row with a guarded
`UPDATE staff_list ... WHERE submitted_at IS NULL` (a row lock until the request commits), so a change
and the final submission are decided one after the other by the database, never by a read before
the write: a change racing the submission either lands before it (and is cross-checked by it) or
finds the lists submitted."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.errors import Conflict, NotFound
from epimorfosi_platform.publishing import emit
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..minutes.queries import minutes_of
from ..periods.models import TrainingPeriod
from ..writes import flush_or_conflict
from .models import StaffList, StaffMember, StaffRole
from .rules import Person, describe, greek_time, unconfirmed

LIST_LABELS = {StaffRole.COORDINATOR: "Προσωπικό Συντονισμού", StaffRole.TECHNICAL_LEAD: "Τεχνικοί Υπεύθυνοι"}


def lock_open_lists(session: Session, centre: Centre, period: TrainingPeriod, *, now: datetime) -> None:
    """Refuse unless the staff window is open and the lists are not submitted; then hold the lists'
    row locked for the rest of the transaction (also for the minutes slice)."""
    _require_window(period, now)
    _ensure_list_row(session, centre, period)
    locked = session.execute(
        update(StaffList)
        .where(StaffList.centre_id == centre.id, StaffList.period_id == period.period_id, StaffList.submitted_at.is_(None))
        .values(changes=StaffList.changes + 1)
        .returning(StaffList.id)
        .execution_options(synchronize_session=False)
    ).first()
    if locked is None:
        raise _submitted(centre, period)


def add_member(session: Session, principal: Principal, centre: Centre, period: TrainingPeriod, values: dict,
               *, now: datetime) -> StaffMember:
    lock_open_lists(session, centre, period, now=now)
    member = StaffMember(**values, centre_id=centre.id, period_id=period.period_id, created_by=principal.subject)
    session.add(member)
    flush_or_conflict(session, _already_listed(member, period))
    return member


def modify_member(session: Session, centre: Centre, period: TrainingPeriod, member_id: int, values: dict,
                  *, now: datetime) -> StaffMember:
    member = find_member(session, centre, period, member_id)
    lock_open_lists(session, centre, period, now=now)
    for name, value in values.items():
        setattr(member, name, value)
    member.updated_at = now
    flush_or_conflict(session, _already_listed(member, period))
    return member


def delete_member(session: Session, centre: Centre, period: TrainingPeriod, member_id: int, *, now: datetime) -> None:
    member = find_member(session, centre, period, member_id)
    lock_open_lists(session, centre, period, now=now)
    session.delete(member)
    session.flush()


def submit(session: Session, principal: Principal, centre: Centre, period: TrainingPeriod, *, now: datetime) -> StaffList:
    """«Οριστική υποβολή αίτησης αλλαγών στελεχικού δυναμικού»: freeze the lists (guarded UPDATE),
    then check them against the period's minutes (a refusal rolls the freeze back) and announce them."""
    _require_window(period, now)
    _ensure_list_row(session, centre, period)
    frozen = session.execute(
        update(StaffList)
        .where(StaffList.centre_id == centre.id, StaffList.period_id == period.period_id, StaffList.submitted_at.is_(None))
        .values(submitted_at=now, submitted_by=principal.subject, changes=StaffList.changes + 1)
        .returning(StaffList.id)
        .execution_options(synchronize_session=False)
    ).first()
    if frozen is None:
        raise _submitted(centre, period)
    members = _members(session, centre, period)  # read after the lock: every committed change is seen
    _require_confirmed(session, centre, period, members)
    emit(session, "resources.staff.submitted.v1", subject=f"{centre.code}/{period.period_id}",
         data=_submitted_event(principal, centre, period, members, now))
    lists = session.get(StaffList, frozen.id)
    session.refresh(lists)
    return lists


def find_member(session: Session, centre: Centre, period: TrainingPeriod, member_id: int) -> StaffMember:
    member = session.get(StaffMember, member_id)
    if member is None or member.centre_id != centre.id or member.period_id != period.period_id:
        raise NotFound(f"Η εγγραφή προσωπικού {member_id} δεν βρέθηκε.", slug="staff-member-not-found")
    return member


def _members(session: Session, centre: Centre, period: TrainingPeriod) -> list[StaffMember]:
    query = select(StaffMember).where(StaffMember.centre_id == centre.id, StaffMember.period_id == period.period_id)
    return list(session.scalars(query.order_by(StaffMember.role, StaffMember.surname, StaffMember.id)))


def _require_confirmed(session: Session, centre: Centre, period: TrainingPeriod, members: list[StaffMember]) -> None:
    if not members:
        raise Conflict("Οι κατάλογοι προσωπικού είναι κενοί: προσθέστε τα μέλη πριν από την οριστική υποβολή.",
                       slug="staff-lists-empty")
    minutes = minutes_of(session, centre, period)
    if minutes is None:
        raise Conflict("Αναρτήστε πρώτα το Πρακτικό Συλλόγου Διδασκόντων της περιόδου: η σύνθεση του προσωπικού "
                       "πρέπει να επιβεβαιώνεται από αυτό.", slug="minutes-missing")
    people = [Person(m.afm, m.surname, m.given_name, LIST_LABELS[StaffRole(m.role)]) for m in members]
    missing = unconfirmed(people, (c.afm for c in minutes.confirmations))
    if missing:
        raise Conflict("Δεν επιβεβαιώνονται από το Πρακτικό Συλλόγου Διδασκόντων της περιόδου: "
                       + "; ".join(describe(p) for p in missing) + ".",
                       slug="staff-not-confirmed", errors=[describe(p) for p in missing])


def _submitted_event(principal: Principal, centre: Centre, period: TrainingPeriod, members: list[StaffMember],
                     now: datetime) -> dict:
    return {
        "centre_code": centre.code,
        "period_id": period.period_id,
        "submitted_at": now.isoformat(),
        "submitted_by": principal.subject,
        "members": [{"role": m.role, "membership": m.membership, "afm": m.afm, "surname": m.surname,
                     "given_name": m.given_name, "specialty": m.specialty} for m in members],
    }


def _require_window(period: TrainingPeriod, now: datetime) -> None:
    if not period.staff_window_open(now):
        raise Conflict(
            f"Οι αλλαγές στο προσωπικό του ΚΣΕ επιτρέπονται μόνο όσο είναι ανοιχτή η πρόσκληση της περιόδου "
            f"«{period.name}» (από {greek_time(period.interest_opens_at)} έως {greek_time(period.interest_closes_at)}). "
            "Οι κατάλογοι είναι τώρα μόνο για ανάγνωση.", slug="staff-window-closed")


def _ensure_list_row(session: Session, centre: Centre, period: TrainingPeriod) -> None:
    table = StaffList.__table__
    session.execute(conflict_aware_insert(session, table)
                    .values(centre_id=centre.id, period_id=period.period_id, changes=0)
                    .on_conflict_do_nothing(index_elements=[table.c.centre_id, table.c.period_id]))


def _submitted(centre: Centre, period: TrainingPeriod) -> Conflict:
    return Conflict(f"Οι κατάλογοι προσωπικού του ΚΣΕ {centre.code} για την περίοδο «{period.name}» έχουν υποβληθεί "
                    "οριστικά και δεν αλλάζουν πλέον.", slug="staff-submitted")


def _already_listed(member: StaffMember, period: TrainingPeriod) -> Conflict:
    label = LIST_LABELS[StaffRole(member.role)]
    return Conflict(f"Το πρόσωπο με ΑΦΜ {member.afm} είναι ήδη στον κατάλογο «{label}» της περιόδου "
                    f"«{period.name}».", slug="staff-member-exists")
