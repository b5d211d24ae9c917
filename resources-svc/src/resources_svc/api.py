"""HTTP API of resources-svc: thin controllers over operations.

Data scope: central administrators see every centre; a centre's own people (KSE head, coordinator,
technical lead; token claim `centre_id` = centre code) only their centre; other signed-in users
(e.g. teachers) may read the public register of centres but not the rooms."""
from epimorfosi_platform.auth import Principal, authenticate, require_centre_scope, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session
from flask_smorest import Blueprint
from sqlalchemy import select

from . import operations
from .models import Centre, Room
from .schemas import CentreCreateSchema, CentreSchema, RoomCreateSchema, RoomSchema

CENTRE_STAFF = (Role.KSE_HEAD, Role.COORDINATOR, Role.TECHNICAL_LEAD)

centres = Blueprint("centres", __name__, url_prefix="/v1/centres", description="Κέντρα Στήριξης Επιμόρφωσης (ΚΣΕ) και αίθουσες")


def _scoped_to_own_centre(principal: Principal) -> bool:
    return principal.has_role(*CENTRE_STAFF) and not principal.has_role(Role.CENTRAL_ADMIN)


@centres.route("", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)  # outermost: no token 401 / wrong role 403 before the body is read
@centres.arguments(CentreCreateSchema)
@centres.response(201, CentreSchema)
def register_centre(values):
    """Καταχώριση ΚΣΕ στο μητρώο."""
    return operations.register_centre(authenticate(), values)


@centres.route("", methods=["GET"])
@centres.response(200, CentreSchema(many=True))
def list_centres():
    """Τα ΚΣΕ κατά κωδικό· ο υπεύθυνος ΚΣΕ βλέπει μόνο το δικό του."""
    principal = authenticate()
    query = select(Centre).order_by(Centre.code)
    if _scoped_to_own_centre(principal):
        query = query.where(Centre.code == principal.centre_id)  # no claim: nothing, not everything
    return session.scalars(query).all()


@centres.route("/<code>", methods=["GET"])
@centres.response(200, CentreSchema)
def get_centre(code: str):
    principal = authenticate()
    if _scoped_to_own_centre(principal):
        require_centre_scope(principal, code)  # before the lookup: other centres' codes are not probed
    return operations.find_centre(code)


@centres.route("/<code>/rooms", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN, Role.KSE_HEAD)
@centres.arguments(RoomCreateSchema)
@centres.response(201, RoomSchema)
def add_room(values, code: str):
    """Προσθήκη αίθουσας/εργαστηρίου στο ΚΣΕ (κεντρικός διαχειριστής ή ο υπεύθυνος του ΚΣΕ)."""
    principal = authenticate()
    require_centre_scope(principal, code)
    return operations.add_room(principal, operations.find_centre(code), values)


@centres.route("/<code>/rooms", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN, *CENTRE_STAFF)
@centres.response(200, RoomSchema(many=True))
def list_rooms(code: str):
    """Οι αίθουσες του ΚΣΕ («Διαχείριση πόρων ΚΣΕ → Αίθουσες»)."""
    require_centre_scope(authenticate(), code)
    centre = operations.find_centre(code)
    return session.scalars(select(Room).where(Room.centre_id == centre.id).order_by(Room.name)).all()


def blueprints():
    return [centres]
