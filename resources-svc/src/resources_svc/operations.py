"""State changes of resources-svc. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from epimorfosi_platform.errors import Conflict, NotFound
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.web import emit, session
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .models import Centre, Room


def find_centre(code: str) -> Centre:
    centre = session.scalar(select(Centre).where(Centre.code == code))
    if centre is None:
        raise NotFound(f"Το ΚΣΕ με κωδικό {code} δεν βρέθηκε.", slug="centre-not-found")
    return centre


def _flush_or_conflict(conflict: Conflict) -> None:
    """Flush now to get ids for the event; a unique key taken by a concurrent request is a conflict,
    not a fault (the check before the insert cannot see uncommitted rows of others)."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise conflict from exc


def register_centre(principal: Principal, values: dict) -> Centre:
    conflict = Conflict(f"Υπάρχει ήδη ΚΣΕ με κωδικό {values['code']}.", slug="centre-exists")
    if session.scalar(select(Centre.id).where(Centre.code == values["code"])) is not None:
        raise conflict
    centre = Centre(**values, created_by=principal.subject)
    session.add(centre)
    _flush_or_conflict(conflict)
    emit(
        "resources.centre.registered.v1",
        subject=centre.code,
        data={
            "code": centre.code,
            "name": centre.name,
            "directorate": centre.directorate,
            "prefecture": centre.prefecture,
            "region": centre.region,
        },
    )
    return centre


def add_room(principal: Principal, centre: Centre, values: dict) -> Room:
    conflict = Conflict(f"Το ΚΣΕ {centre.code} έχει ήδη αίθουσα με όνομα «{values['name']}».", slug="room-exists")
    if session.scalar(select(Room.id).where(Room.centre_id == centre.id, Room.name == values["name"])) is not None:
        raise conflict
    room = Room(**values, centre=centre, created_by=principal.subject)
    session.add(room)
    _flush_or_conflict(conflict)
    emit(
        "resources.room.added.v1",
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
