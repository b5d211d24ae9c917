from dataclasses import dataclass

import pytest

from resources_svc.rooms.usability import is_room_usable


@dataclass
class RoomFacts:
    certified: bool
    capacity: int
    certified_workstations: int


@pytest.mark.parametrize(
    "room, usable",
    [
        (RoomFacts(True, 15, 16), True),
        (RoomFacts(True, 15, 1), True),
        (RoomFacts(False, 15, 16), False),  # not certified
        (RoomFacts(True, 0, 16), False),  # no seats
        (RoomFacts(True, 15, 0), False),  # only uncertified workstations
    ],
)
def test_a_room_is_usable_only_when_certified_with_seats_and_certified_workstations(room, usable):
    assert is_room_usable(room) is usable
