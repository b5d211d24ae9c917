"""Entries from an allocation (applications.allocation.published.v1), called by the consumer once
the event was found newer than the allocation applied (the guard in ``consumers``).

A newer allocation never undoes what was done here (rules.may_reseed): an entry that was enrolled,
withdrew, was promoted, offered or skipped keeps its state; only its place in the allocation's lists
(`allocated_as`, `position`, `phase`) follows the newest lists. Untouched entries take the newest
lists' state, and those no longer listed are removed. Nothing is deleted and inserted again."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from epimorfosi_platform.db import conflict_aware_insert
from sqlalchemy import case, delete, insert, select, update
from sqlalchemy.orm import Session

from .models import EnrolmentEntry, EnrolmentProgramme, EntryHistory
from .rules import may_reseed, seed_lists


@dataclass(frozen=True)
class AllocationLists:
    programme_code: str
    period_id: int
    centre_code: str
    capacity: int
    to_be_implemented: bool
    phase: str
    successful: tuple[str, ...]
    waitlisted: tuple[str, ...]


def seed_from_allocation(session: Session, lists: AllocationLists, *, now: datetime, event_id: str) -> None:
    _upsert_programme(session, lists, now)  # also the programme's lock: enrolments wait for it
    code = lists.programme_code
    current = {e.teacher_id: e for e in session.scalars(
        select(EnrolmentEntry).where(EnrolmentEntry.programme_code == code))}
    seeded = seed_lists(lists.successful, lists.waitlisted)
    history, new_rows = [], []
    for item in seeded:
        listed = {"allocated_as": item.state.value, "position": item.position, "phase": lists.phase,
                  "last_event_id": event_id}
        entry = current.pop(item.teacher_id, None)
        if entry is None:
            new_rows.append({"programme_code": code, "teacher_id": item.teacher_id, "period_id": lists.period_id,
                             "state": item.state.value, "touched": False, "changed_at": now, **listed})
        elif may_reseed(entry.state, entry.touched):
            if entry.state != item.state.value:
                listed.update(state=item.state.value, changed_at=now)
            else:
                item = None  # same state: no history row
            _update(session, code, entry.teacher_id, listed)
        else:
            _update(session, code, entry.teacher_id, listed)
            item = None
        if item is not None:
            history.append(_history(code, item, entry.state if entry else None, now, event_id))
    if new_rows:
        session.execute(insert(EnrolmentEntry), new_rows)
    if history:
        session.execute(insert(EntryHistory), history)
    _remove_unlisted(session, code, [e.teacher_id for e in current.values() if may_reseed(e.state, e.touched)])


def _upsert_programme(session: Session, lists: AllocationLists, now: datetime) -> None:
    table = EnrolmentProgramme.__table__
    values = {"period_id": lists.period_id, "centre_code": lists.centre_code, "capacity": lists.capacity,
              "to_be_implemented": lists.to_be_implemented, "changed_at": now}
    upsert = conflict_aware_insert(session, table).values(programme_code=lists.programme_code, enrolled=0, **values)
    new = upsert.excluded
    session.execute(upsert.on_conflict_do_update(
        index_elements=[table.c.programme_code],
        # Never below the seats already taken: the CHECK would refuse the whole event.
        set_={**{name: new[name] for name in values},
              "capacity": case((new.capacity >= table.c.enrolled, new.capacity), else_=table.c.enrolled)},
    ))


def _update(session: Session, code: str, teacher_id: str, values: dict) -> None:
    session.execute(
        update(EnrolmentEntry)
        .where(EnrolmentEntry.programme_code == code, EnrolmentEntry.teacher_id == teacher_id)
        .values(**values).execution_options(synchronize_session=False)
    )


def _history(code: str, item, previous: str | None, now: datetime, event_id: str) -> dict:
    return {"programme_code": code, "teacher_id": item.teacher_id, "previous_state": previous,
            "state": item.state.value, "action": "allocation",
            "position": item.position if item.state.value == "waitlisted" else None,
            "actor": event_id, "reason": None, "at": now}


def _remove_unlisted(session: Session, code: str, teacher_ids: list[str]) -> None:
    if not teacher_ids:
        return
    for table in (EntryHistory, EnrolmentEntry):
        session.execute(delete(table).where(table.programme_code == code, table.teacher_id.in_(teacher_ids))
                        .execution_options(synchronize_session=False))
