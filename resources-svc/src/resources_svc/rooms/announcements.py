"""The rooms' integration events: what a consumer learns of a room (applications-svc and
enrollment-svc plan programmes on the rooms' usable capacity)."""
from __future__ import annotations

from collections.abc import Iterable

from epimorfosi_platform.publishing import emit_many
from sqlalchemy.orm import Session

from .usability import is_room_usable, usable_capacity

ADDED = "resources.room.added.v1"
CAPACITY_CHANGED = "resources.room.capacity_changed.v1"


def room_facts(room, centre_code: str) -> dict:
    """The room as resources.room.added.v1 carries it (`room` is a Room or any object with its
    columns and `id`)."""
    return {
        "room_id": room.id,
        "centre_code": centre_code,
        "name": room.name,
        "certified": room.certified,
        "capacity": room.capacity,
        "certified_workstations": room.certified_workstations,
        "uncertified_workstations": room.uncertified_workstations,
        "usable": is_room_usable(room),
        "version": room.version,
    }


def announce_added(session: Session, rooms: Iterable[tuple[object, str]]) -> None:
    """resources.room.added.v1 for each (room, centre code)."""
    emit_many(session, ADDED, [(str(room.id), room_facts(room, code)) for room, code in rooms])


def announce_capacity_changes(session: Session, rooms: Iterable[tuple[object, str, int]]) -> None:
    """resources.room.capacity_changed.v1 for each (room, centre code, usable capacity before the
    change) whose usable capacity is no longer what it was; the others are not announced. Each
    announced room's `version` is raised first (the caller holds the room's lock), so that a
    consumer receiving the room's events out of order keeps the newest facts."""
    changed = [(room, code, previous) for room, code, previous in rooms if usable_capacity(room) != previous]
    for room, _code, _previous in changed:
        room.version += 1
    items = [
        (str(room.id), {**room_facts(room, code), "usable_capacity": usable_capacity(room),
                        "previous_usable_capacity": previous})
        for room, code, previous in changed
    ]
    if items:
        emit_many(session, CAPACITY_CHANGED, items)
