"""Reads of the rooms slice."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from .models import Room


def rooms_of(session: Session, centre: Centre) -> list[Room]:
    return list(session.scalars(select(Room).where(Room.centre_id == centre.id).order_by(Room.name)))
