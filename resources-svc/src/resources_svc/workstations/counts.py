"""A room's workstation counts, recounted from its rows (the room row is locked by the caller)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Workstation


def recount(session: Session, room) -> None:
    session.flush()
    counts = dict(session.execute(
        select(Workstation.certified, func.count()).where(Workstation.room_id == room.id)
        .group_by(Workstation.certified)
    ).all())
    room.certified_workstations = counts.get(True, 0)
    room.uncertified_workstations = counts.get(False, 0)
