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
    }


def announce_added(session: Session, rooms: Iterable[tuple[object, str]]) -> None:
    """resources.room.added.v1 for each (room, centre code)."""
    emit_many(session, ADDED, [(str(room.id), room_facts(room, code)) for room, code in rooms])


def announce_capacity_changes(session: Session, rooms: Iterable[tuple[object, str, int]]) -> None:
    """resources.room.capacity_changed.v1 for each (room, centre code, usable capacity before the
    change) whose usable capacity is no longer what it was; the others are not announced."""
    items = [
        (str(room.id), {**room_facts(room, code), "usable_capacity": usable_capacity(room),
                        "previous_usable_capacity": previous})
        for room, code, previous in rooms if usable_capacity(room) != previous
    ]
    if items:
        emit_many(session, CAPACITY_CHANGED, items)
