"""The centre a staff or minutes request is about, within the caller's scope: central administrators
reach every centre; a centre's people only their own, and another centre's code is answered as an
unknown centre (404, the same answer as a code that does not exist: nothing about it is disclosed)."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import NotFound
from sqlalchemy.orm import Session

from .access import scoped_to_own_centre
from .centres.models import Centre
from .centres.queries import find_centre


def centre_in_scope(session: Session, principal: Principal, code: str) -> Centre:
    if scoped_to_own_centre(principal) and principal.centre_id != code:
        raise NotFound(f"Το ΚΣΕ με κωδικό {code} δεν βρέθηκε.", slug="centre-not-found")
    return find_centre(session, code)
