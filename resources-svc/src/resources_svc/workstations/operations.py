"""Use cases of the workstations slice. Each locks the room (its counts and usable capacity change
one request at a time), recounts it from its rows and announces a change of its usable capacity."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict, NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access import may_certify, require_certifier
from ..centres.models import Centre
from ..rooms.announcements import announce_capacity_changes
from ..rooms.operations import locked_room
from ..rooms.usability import certification_after_edit
from ..writes import flush_or_conflict
from .counts import recount
from .models import CHARACTERISTICS, Workstation


def label_taken(label: str) -> Conflict:
    return Conflict(f"Η αίθουσα έχει ήδη σταθμό εργασίας «{label}».", slug="workstation-exists")


def _workstation(session: Session, room_id: int, workstation_id: int) -> Workstation:
    workstation = session.scalar(
        select(Workstation).where(Workstation.id == workstation_id, Workstation.room_id == room_id))
    if workstation is None:
        raise NotFound(f"Ο σταθμός εργασίας {workstation_id} δεν βρέθηκε στην αίθουσα.", slug="workstation-not-found")
    return workstation


def _recount_and_announce(session: Session, centre: Centre, room, previous: int) -> None:
    recount(session, room)
    announce_capacity_changes(session, [(room, centre.code, previous)])


def add_workstation(session: Session, principal: Principal, centre: Centre, room_id: int,
                    values: dict) -> Workstation:
    require_certifier(principal, values)
    room = locked_room(session, centre, room_id)
    previous = room.usable_capacity
    workstation = Workstation(**values, room_id=room.id, created_by=principal.subject)
    session.add(workstation)
    flush_or_conflict(session, label_taken(values["label"]))
    _recount_and_announce(session, centre, room, previous)
    return workstation


def update_workstation(session: Session, principal: Principal, centre: Centre, room_id: int,
                       workstation_id: int, changes: dict) -> Workstation:
    """A centre head changes the characteristics (which withdraws a certification, see
    `certification_after_edit`); a central administrator also certifies or withdraws it."""
    require_certifier(principal, {"certified": True} if "certified" in changes else {})
    room = locked_room(session, centre, room_id)
    previous = room.usable_capacity
    workstation = _workstation(session, room.id, workstation_id)
    changed = any(name in changes and changes[name] != getattr(workstation, name) for name in CHARACTERISTICS)
    for name, value in changes.items():
        setattr(workstation, name, value)
    workstation.certified = certification_after_edit(workstation.certified, changed, may_certify(principal))
    flush_or_conflict(session, label_taken(changes.get("label", workstation.label)))
    _recount_and_announce(session, centre, room, previous)
    return workstation


def delete_workstation(session: Session, principal: Principal, centre: Centre, room_id: int,
                       workstation_id: int) -> None:
    room = locked_room(session, centre, room_id)
    previous = room.usable_capacity
    session.delete(_workstation(session, room.id, workstation_id))
    _recount_and_announce(session, centre, room, previous)
