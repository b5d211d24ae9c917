"""Rules of resources-svc as pure functions (no I/O)."""
from __future__ import annotations

import re
from typing import Protocol

# Codes of the KSE register, e.g. "KSE-0001".
CENTRE_CODE = re.compile(r"^KSE-[0-9]{4}$")


class RoomFacts(Protocol):
    certified: bool
    capacity: int
    certified_workstations: int


def is_room_usable(room: RoomFacts) -> bool:
    """A room can host a programme only when it is certified, has seats and has certified
    workstations; uncertified workstations are never used in training."""
    return bool(room.certified) and room.capacity > 0 and room.certified_workstations > 0
