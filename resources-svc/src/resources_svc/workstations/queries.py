"""Reads of the workstations slice."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Workstation


def workstations_of(session: Session, room_id: int, certified: bool | None = None) -> list[Workstation]:
    """The room's workstations by label; only the certified (or uncertified) ones when asked."""
    query = select(Workstation).where(Workstation.room_id == room_id).order_by(Workstation.label, Workstation.id)
    if certified is not None:
        query = query.where(Workstation.certified == certified)
    return list(session.scalars(query))
