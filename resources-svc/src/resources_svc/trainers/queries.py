"""Reads of the register of certified trainers. Who sees what: central administrators the whole
record; a centre's people (head, coordinator, technical lead) the public part of it — name,
specialty, certification, region — to staff programmes, never the ΑΦΜ or the contact data."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import NotFound
from epimorfosi_platform.roles import Role
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Trainer

PUBLIC_FIELDS = ("id", "surname", "name", "specialty", "level", "certified_on", "cluster", "region",
                 "active", "version", "updated_at")
PRIVATE_FIELDS = ("afm", "phone", "email")


def find_trainer(session: Session, trainer_id: int, *, lock: bool = False) -> Trainer:
    query = select(Trainer).where(Trainer.id == trainer_id)
    trainer = session.scalar(query.with_for_update() if lock else query)
    if trainer is None:
        raise NotFound(f"Ο επιμορφωτής {trainer_id} δεν βρέθηκε στο μητρώο.", slug="trainer-not-found")
    return trainer


def trainer_view(trainer: Trainer, principal: Principal) -> dict:
    fields = PUBLIC_FIELDS + (PRIVATE_FIELDS if principal.has_role(Role.CENTRAL_ADMIN) else ())
    return {name: getattr(trainer, name) for name in fields}


def trainers_page(session: Session, principal: Principal, filters: dict, *, first: int,
                  size: int) -> tuple[int, list[dict]]:
    """The register by surname, name (then id), filtered by specialty, cluster, region, active."""
    query = select(Trainer)
    for name in ("specialty", "cluster", "region", "active"):
        if filters.get(name) is not None:
            query = query.where(getattr(Trainer, name) == filters[name])
    count = session.scalar(select(func.count()).select_from(query.subquery()))
    page = session.scalars(query.order_by(Trainer.surname, Trainer.name, Trainer.id).offset(first).limit(size))
    return count, [trainer_view(t, principal) for t in page]
