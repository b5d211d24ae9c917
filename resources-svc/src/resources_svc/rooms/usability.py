"""When a room can host training (pure)."""
from __future__ import annotations

from typing import Protocol


class RoomFacts(Protocol):
    certified: bool
    capacity: int
    certified_workstations: int


def is_room_usable(room: RoomFacts) -> bool:
    """A room can host a programme only when it is certified, has seats and has certified
    workstations; uncertified workstations are never used in training."""
    return bool(room.certified) and room.capacity > 0 and room.certified_workstations > 0
