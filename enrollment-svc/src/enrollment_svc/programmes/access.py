"""Who sees which centre's programmes (pure)."""
from __future__ import annotations

from typing import Iterable

from epimorfosi_platform import errors
from epimorfosi_platform.roles import CENTRE_ROLES, Role


class OutOfScope(errors.OutOfScope):
    """The principal may not see programmes of the requested centre (or any)."""

    def __init__(self, requested: str | None):
        super().__init__("Έχετε πρόσβαση μόνο στα στοιχεία του δικού σας ΚΣΕ.")
        self.requested = requested


def programmes_centre_filter(roles: Iterable[str], principal_centre: str | None, requested: str | None) -> str | None:
    """Which centre's programmes a listing shows: central administrators see every centre (or the
    one they ask for, None = all); a centre's people see only their own centre, asked for or not.
    Anyone else, or a centre role without a centre, is out of scope."""
    roles = frozenset(roles)
    if Role.CENTRAL_ADMIN in roles:
        return requested or None
    if roles & CENTRE_ROLES and principal_centre:
        if requested and requested != principal_centre:
            raise OutOfScope(requested)
        return principal_centre
    raise OutOfScope(requested)
