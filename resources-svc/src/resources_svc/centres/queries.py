"""Reads of the register of centres."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access import centre_not_found, require_visible, scoped_to_own_centre
from .models import Centre


def find_centre(session: Session, code: str) -> Centre:
    centre = session.scalar(select(Centre).where(Centre.code == code))
    if centre is None:
        raise centre_not_found(code)
    return centre


def visible_centre(session: Session, principal: Principal, code: str) -> Centre:
    """The centre, when the caller may see it; another centre is as unknown as a missing one."""
    require_visible(principal, code)  # before the lookup: other centres' codes are not probed
    return find_centre(session, code)


def visible_centres(session: Session, principal: Principal, *, prefecture: str | None = None,
                    region: str | None = None) -> list[Centre]:
    """The centres by code (of a prefecture or region when asked); a centre's people see only their own."""
    query = select(Centre).order_by(Centre.code)
    if prefecture:
        query = query.where(Centre.prefecture == prefecture)
    if region:
        query = query.where(Centre.region == region)
    if scoped_to_own_centre(principal):
        query = query.where(Centre.code == principal.centre_id)  # no claim: nothing, not everything
    return list(session.scalars(query))
