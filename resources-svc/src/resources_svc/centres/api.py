"""HTTP API of the centres slice (`/v1/centres`): thin controllers (load, check access, act). The
rooms slice adds `/v1/centres/<code>/rooms` to this blueprint."""
from epimorfosi_platform.auth import authenticate, require_centre_scope, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session
from flask_smorest import Blueprint

from ..access import scoped_to_own_centre
from . import operations, queries
from .schemas import CentreCreateSchema, CentreSchema

centres = Blueprint("centres", __name__, url_prefix="/v1/centres", description="Κέντρα Στήριξης Επιμόρφωσης (ΚΣΕ) και αίθουσες")


@centres.route("", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)  # outermost: no token 401 / wrong role 403 before the body is read
@centres.arguments(CentreCreateSchema)
@centres.response(201, CentreSchema)
def register_centre(values):
    """Καταχώριση ΚΣΕ στο μητρώο."""
    return operations.register_centre(session, authenticate(), values)


@centres.route("", methods=["GET"])
@centres.response(200, CentreSchema(many=True))
def list_centres():
    """Τα ΚΣΕ κατά κωδικό· ο υπεύθυνος ΚΣΕ βλέπει μόνο το δικό του."""
    return queries.visible_centres(session, authenticate())


@centres.route("/<code>", methods=["GET"])
@centres.response(200, CentreSchema)
def get_centre(code: str):
    principal = authenticate()
    if scoped_to_own_centre(principal):
        require_centre_scope(principal, code)  # before the lookup: other centres' codes are not probed
    return queries.find_centre(session, code)
