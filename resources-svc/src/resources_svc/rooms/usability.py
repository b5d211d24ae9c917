"""When a room can host training, and how many trainees it can take (pure)."""
from __future__ import annotations

from typing import Protocol


class RoomFacts(Protocol):
    certified: bool
    capacity: int
    certified_workstations: int


def usable_capacity(room: RoomFacts) -> int:
    """The seats a room offers to training. An uncertified room offers none. A certified room
    offers one seat per certified workstation, at most its capacity (each trainee works at a
    certified workstation; uncertified workstations are never used in training, and a room holds
    no more trainees than its capacity however many workstations it has)."""
    if not room.certified:
        return 0
    return max(0, min(room.capacity, room.certified_workstations))


def is_room_usable(room: RoomFacts) -> bool:
    """A room can host a programme only when it offers seats: it is certified, has capacity and
    has certified workstations."""
    return usable_capacity(room) > 0


def certification_after_edit(certified: bool, characteristics_changed: bool, by_certifier: bool) -> bool:
    """A workstation's certification attests to its technical characteristics: when someone who
    does not certify (a centre head) changes them, the certification is withdrawn until a central
    administrator certifies it again; a central administrator's edit keeps what they set."""
    if certified and characteristics_changed and not by_certifier:
        return False
    return certified
