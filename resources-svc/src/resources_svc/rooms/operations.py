"""Use cases of the rooms slice. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict
from epimorfosi_platform.publishing import emit
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..writes import flush_or_conflict
from .models import Room


def add_room(session: Session, principal: Principal, centre: Centre, values: dict) -> Room:
    conflict = Conflict(f"Το ΚΣΕ {centre.code} έχει ήδη αίθουσα με όνομα «{values['name']}».", slug="room-exists")
    if session.scalar(select(Room.id).where(Room.centre_id == centre.id, Room.name == values["name"])) is not None:
        raise conflict
    room = Room(**values, centre=centre, created_by=principal.subject)
    session.add(room)
    flush_or_conflict(session, conflict)
    emit(
        session, "resources.room.added.v1",
        subject=str(room.id),
        data={
            "room_id": room.id,
            "centre_code": centre.code,
            "name": room.name,
            "certified": room.certified,
            "capacity": room.capacity,
            "certified_workstations": room.certified_workstations,
            "uncertified_workstations": room.uncertified_workstations,
            "usable": room.usable,
        },
    )
    return room
