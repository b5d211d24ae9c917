"""Who sees what, for every slice. Central administrators see and change every centre; a centre's
own people (KSE head, coordinator, technical lead; token claim `centre_id` = centre code) see only
their centre, and of them only the head changes its rooms and workstations; other signed-in users
(e.g. teachers) may read the public register of centres but not the rooms.

Another centre is answered as an unknown one (404, the same message): a centre's people cannot
tell another centre's data, or even its existence, from the answers. Certification (of rooms and
workstations) and the evaluation result are set by central administrators only."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Forbidden, NotFound
from epimorfosi_platform.roles import Role

CENTRE_STAFF = (Role.KSE_HEAD, Role.COORDINATOR, Role.TECHNICAL_LEAD)
READERS = (Role.CENTRAL_ADMIN, *CENTRE_STAFF)
WRITERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD)
CERTIFICATION_FIELDS = ("certified", "evaluation")


def scoped_to_own_centre(principal: Principal) -> bool:
    return principal.has_role(*CENTRE_STAFF) and not principal.has_role(Role.CENTRAL_ADMIN)


def centre_not_found(code: str) -> NotFound:
    return NotFound(f"Το ΚΣΕ με κωδικό {code} δεν βρέθηκε.", slug="centre-not-found")


def require_visible(principal: Principal, code: str) -> None:
    """A centre's people reach their own centre only; any other code is unknown to them."""
    if scoped_to_own_centre(principal) and principal.centre_id != code:
        raise centre_not_found(code)


def may_certify(principal: Principal) -> bool:
    return principal.has_role(Role.CENTRAL_ADMIN)


def require_certifier(principal: Principal, changes: dict) -> None:
    """Only central administrators set certification or the evaluation result: a centre head's
    request that sets them (to anything but «not certified», «no evaluation») is refused."""
    if may_certify(principal):
        return
    if changes.get("certified") or changes.get("evaluation"):
        raise Forbidden("Την πιστοποίηση και το αποτέλεσμα αξιολόγησης ορίζει μόνο ο Κεντρικός Διαχειριστής.",
                        slug="certification-by-central-admin")
