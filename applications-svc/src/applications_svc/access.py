"""Access checks shared by the controllers of several slices."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal, authenticate, require_centre_scope
from epimorfosi_platform.errors import Forbidden
from epimorfosi_platform.roles import Role


def centre_principal(centre_code: str, *roles: Role) -> Principal:
    """The caller, when they have one of ``roles`` and, for a centre-scoped role, that centre."""
    principal = authenticate()
    if not principal.has_role(*roles):
        raise Forbidden("Ο ρόλος σας δεν επιτρέπει αυτή την ενέργεια.")
    require_centre_scope(principal, centre_code)
    return principal
