"""Who may see and change which programme's enrolment (pure).

- central admins: every programme; they alone may skip a waitlisted candidate;
- a centre's head: their own centre's programmes, to read and to enrol/withdraw;
- a centre's coordinator: their own centre's programmes, to read only;
- a teacher: their own entries only (`/my-entries`, by the token's subject);
- another centre's programme does not exist for a centre's people (404, not 403: its code says
  nothing about whether it exists); anyone else is refused (403)."""
from __future__ import annotations

from typing import Iterable

from epimorfosi_platform.errors import Forbidden, NotFound
from epimorfosi_platform.roles import Role

READERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD, Role.COORDINATOR)
WRITERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD)
SKIPPERS = (Role.CENTRAL_ADMIN,)
OWN_ENTRIES = (Role.TEACHER,)  # a teacher reads their own entries only (the caller's subject)


def centre_of_listing(roles: Iterable[str], principal_centre: str | None) -> str | None:
    """Which centre's programmes a listing shows: None (all) for central admins, their own for a
    centre's people; a centre role without a centre sees nothing (Forbidden)."""
    roles = frozenset(roles)
    if Role.CENTRAL_ADMIN in roles:
        return None
    if roles & {Role.KSE_HEAD, Role.COORDINATOR} and principal_centre:
        return principal_centre
    raise Forbidden("Έχετε πρόσβαση μόνο στα στοιχεία του δικού σας ΚΣΕ.", slug="out-of-scope")


def check_programme_scope(roles: Iterable[str], principal_centre: str | None, programme_centre: str) -> None:
    """A programme of another centre is NotFound for a centre's people."""
    if Role.CENTRAL_ADMIN in frozenset(roles):
        return
    if principal_centre != programme_centre:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
