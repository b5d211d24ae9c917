"""Who sees what, for every slice. Central administrators see every centre; a centre's own people
(KSE head, coordinator, technical lead; token claim `centre_id` = centre code) only their centre;
other signed-in users (e.g. teachers) may read the public register of centres but not the rooms."""
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.roles import Role

CENTRE_STAFF = (Role.KSE_HEAD, Role.COORDINATOR, Role.TECHNICAL_LEAD)


def scoped_to_own_centre(principal: Principal) -> bool:
    return principal.has_role(*CENTRE_STAFF) and not principal.has_role(Role.CENTRAL_ADMIN)
