"""Reads of the register of centres."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access import scoped_to_own_centre
from .models import Centre


def find_centre(session: Session, code: str) -> Centre:
    centre = session.scalar(select(Centre).where(Centre.code == code))
    if centre is None:
        raise NotFound(f"Το ΚΣΕ με κωδικό {code} δεν βρέθηκε.", slug="centre-not-found")
    return centre


def visible_centres(session: Session, principal: Principal) -> list[Centre]:
    """The centres by code; a centre's people see only their own."""
    query = select(Centre).order_by(Centre.code)
    if scoped_to_own_centre(principal):
        query = query.where(Centre.code == principal.centre_id)  # no claim: nothing, not everything
    return list(session.scalars(query))
