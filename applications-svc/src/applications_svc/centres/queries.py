"""Reads of the centres read model."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from .models import Centre, Room


def usable_rooms(session: Session, centre_code: str) -> list[Room]:
    return list(session.scalars(
        select(Room).where(Room.centre_code == centre_code, Room.usable.is_(True)).order_by(Room.room_id)
    ))


def largest_usable_rooms(session: Session) -> dict[str, int]:
    """Centre code -> usable capacity of its largest usable room (centres with one): a room seats
    one trainee per certified workstation, at most its capacity (domain: uncertified workstations
    are not used in training; resources-svc's `usable_capacity`, from the facts its events carry)."""
    usable_capacity = case((Room.capacity < Room.certified_workstations, Room.capacity),
                           else_=Room.certified_workstations)
    return {code: capacity for code, capacity in session.execute(
        select(Room.centre_code, func.max(usable_capacity)).where(Room.usable.is_(True))
        .group_by(Room.centre_code))}


def centre_names(session: Session, codes: set[str]) -> dict[str, str]:
    return dict(session.execute(select(Centre.code, Centre.name).where(Centre.code.in_(codes))).all())


def centre_view(session: Session, code: str) -> dict:
    centre = session.get(Centre, code)
    if centre is None:
        raise NotFound(f"Το ΚΣΕ {code} δεν είναι γνωστό στην υπηρεσία.")
    rooms = session.scalars(select(Room).where(Room.centre_code == code).order_by(Room.room_id)).all()
    return {"code": centre.code, "name": centre.name, "directorate": centre.directorate,
            "prefecture": centre.prefecture, "region": centre.region, "rooms": rooms}
