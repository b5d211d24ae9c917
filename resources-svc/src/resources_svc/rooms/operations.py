"""Use cases of the rooms slice. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict, NotFound
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..access import require_certifier
from ..centres.models import Centre
from ..workstations.counts import recount
from ..workstations.models import Workstation
from ..writes import flush_or_conflict
from .announcements import announce_added, announce_capacity_changes
from .models import Room


def room_exists(centre: Centre, name: str) -> Conflict:
    return Conflict(f"Το ΚΣΕ {centre.code} έχει ήδη αίθουσα με όνομα «{name}».", slug="room-exists")


def locked_room(session: Session, centre: Centre, room_id: int) -> Room:
    """The centre's room, locked until the transaction ends (its counts and capacity change
    one request at a time); a room of another centre is not found."""
    room = session.scalar(
        select(Room).where(Room.id == room_id, Room.centre_id == centre.id).with_for_update()
    )
    if room is None:
        raise NotFound(f"Η αίθουσα {room_id} δεν βρέθηκε στο ΚΣΕ {centre.code}.", slug="room-not-found")
    return room


def add_room(session: Session, principal: Principal, centre: Centre, values: dict) -> Room:
    """A room, with the workstations given with it (optional)."""
    workstations = values.pop("workstations", [])
    require_certifier(principal, values)
    for workstation in workstations:
        require_certifier(principal, workstation)
    room = Room(**values, centre=centre, created_by=principal.subject,
                certified_workstations=0, uncertified_workstations=0)
    session.add(room)
    flush_or_conflict(session, room_exists(centre, values["name"]))
    if workstations:
        session.execute(insert(Workstation), [
            dict(w, room_id=room.id, created_by=principal.subject) for w in workstations])
        flush_or_conflict(session, Conflict("Δύο σταθμοί εργασίας έχουν την ίδια ονομασία.",
                                            slug="workstation-exists"))
        recount(session, room)
    announce_added(session, [(room, centre.code)])
    return room


def update_room(session: Session, principal: Principal, centre: Centre, room_id: int, changes: dict) -> Room:
    """Changes a room's name, capacity or description; central administrators also its
    certification and evaluation result (a centre head who sends them is refused)."""
    require_certifier(principal, {k: True for k in ("certified", "evaluation") if k in changes})
    room = locked_room(session, centre, room_id)
    previous = room.usable_capacity
    for name, value in changes.items():
        setattr(room, name, value)
    flush_or_conflict(session, room_exists(centre, changes.get("name", room.name)))
    announce_capacity_changes(session, [(room, centre.code, previous)])
    return room
