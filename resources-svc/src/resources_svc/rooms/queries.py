"""Reads of the rooms slice."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from .models import Room


def rooms_of(session: Session, centre: Centre) -> list[Room]:
    return list(session.scalars(select(Room).where(Room.centre_id == centre.id).order_by(Room.name)))


def room_of(session: Session, centre: Centre, room_id: int) -> Room:
    room = session.scalar(select(Room).where(Room.id == room_id, Room.centre_id == centre.id))
    if room is None:
        raise NotFound(f"Η αίθουσα {room_id} δεν βρέθηκε στο ΚΣΕ {centre.code}.", slug="room-not-found")
    return room
