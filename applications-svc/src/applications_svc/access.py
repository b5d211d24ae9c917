"""Access checks shared by the controllers of several slices."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal, authenticate, require_centre_scope
from epimorfosi_platform.problems import Problem


def centre_principal(centre_code: str, *roles: str) -> Principal:
    """The caller, when they have one of ``roles`` and, for a centre-scoped role, that centre."""
    principal = authenticate()
    if not principal.has_role(*roles):
        raise Problem(403, detail="Ο ρόλος σας δεν επιτρέπει αυτή την ενέργεια.")
    require_centre_scope(principal, centre_code)
    return principal
