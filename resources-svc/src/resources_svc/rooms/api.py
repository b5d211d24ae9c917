"""HTTP API of the rooms slice: `/v1/centres/<code>/rooms`, on the centres blueprint (a room is a
sub-resource of its centre). Thin controllers: load, check access, act."""
from epimorfosi_platform.auth import authenticate, require_centre_scope, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session

from ..access import CENTRE_STAFF
from ..centres.api import centres
from ..centres.queries import find_centre
from . import operations, queries
from .schemas import RoomCreateSchema, RoomSchema


@centres.route("/<code>/rooms", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN, Role.KSE_HEAD)
@centres.arguments(RoomCreateSchema)
@centres.response(201, RoomSchema)
def add_room(values, code: str):
    """Προσθήκη αίθουσας/εργαστηρίου στο ΚΣΕ (κεντρικός διαχειριστής ή ο υπεύθυνος του ΚΣΕ)."""
    principal = authenticate()
    require_centre_scope(principal, code)
    return operations.add_room(session, principal, find_centre(session, code), values)


@centres.route("/<code>/rooms", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN, *CENTRE_STAFF)
@centres.response(200, RoomSchema(many=True))
def list_rooms(code: str):
    """Οι αίθουσες του ΚΣΕ («Διαχείριση πόρων ΚΣΕ → Αίθουσες»)."""
    require_centre_scope(authenticate(), code)
    return queries.rooms_of(session, find_centre(session, code))
