from dataclasses import dataclass

import pytest

from resources_svc.rooms.usability import certification_after_edit, is_room_usable, usable_capacity


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


@pytest.mark.parametrize(
    "room, seats",
    [
        (RoomFacts(True, 15, 16), 15),  # no more trainees than the capacity
        (RoomFacts(True, 15, 12), 12),  # one seat per certified workstation
        (RoomFacts(False, 15, 16), 0),  # an uncertified room offers none
        (RoomFacts(True, 15, 0), 0),
    ],
)
def test_usable_capacity(room, seats):
    assert usable_capacity(room) == seats


@pytest.mark.parametrize(
    "certified, changed, by_certifier, after",
    [
        (True, True, False, False),  # the head changed a certified workstation: withdrawn
        (True, False, False, True),  # the head changed its label only: kept
        (True, True, True, True),  # the admin's edit keeps what they set
        (False, True, False, False),
        (False, False, True, False),
    ],
)
def test_certification_after_edit(certified, changed, by_certifier, after):
    assert certification_after_edit(certified, changed, by_certifier) is after
