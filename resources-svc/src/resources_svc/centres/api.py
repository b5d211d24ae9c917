"""HTTP API of the centres slice (`/v1/centres`): thin controllers (load, check access, act). The
rooms slice adds `/v1/centres/<code>/rooms` to this blueprint."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session
from flask import request
from flask_smorest import Blueprint

from . import operations, queries
from .schemas import CentreChangesSchema, CentreCreateSchema, CentreQuerySchema, CentreSchema, RegisterImportSchema

centres = Blueprint("centres", __name__, url_prefix="/v1/centres", description="Κέντρα Στήριξης Επιμόρφωσης (ΚΣΕ) και αίθουσες")


@centres.route("", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)  # outermost: no token 401 / wrong role 403 before the body is read
@centres.arguments(CentreCreateSchema)
@centres.response(201, CentreSchema)
def register_centre(values):
    """Καταχώριση ΚΣΕ στο μητρώο."""
    return operations.register_centre(session, authenticate(), values)


@centres.route("", methods=["GET"])
@centres.arguments(CentreQuerySchema, location="query")
@centres.response(200, CentreSchema(many=True))
def list_centres(query):
    """Τα ΚΣΕ κατά κωδικό (προαιρετικά ενός Νομού ή μιας Περιφέρειας)· ο υπεύθυνος ΚΣΕ βλέπει μόνο το δικό του."""
    return queries.visible_centres(session, authenticate(), **query)


@centres.route("/<code>", methods=["GET"])
@centres.response(200, CentreSchema)
def get_centre(code: str):
    return queries.visible_centre(session, authenticate(), code)


@centres.route("/<code>", methods=["PATCH"])
@require_roles(Role.CENTRAL_ADMIN)
@centres.arguments(CentreChangesSchema(partial=True))
@centres.response(200, CentreSchema)
def update_centre(changes, code: str):
    """Αλλαγή στοιχείων ΚΣΕ (όχι του κωδικού): resources.centre.updated.v1."""
    return operations.update_centre(session, code, changes)


@centres.route("", methods=["PUT"])
@require_roles(Role.CENTRAL_ADMIN)
@centres.response(200, RegisterImportSchema)
def import_register():
    """Εισαγωγή του μητρώου ΚΣΕ από CSV (UTF-8, «,» ή «;»): στήλες code, name, school, directorate,
    prefecture, region, head (ή οι ελληνικές επικεφαλίδες). Σώμα `text/csv` ή `multipart/form-data` με
    πεδίο `file`. Όλα ή τίποτα: με ένα σφάλμα δεν αλλάζει τίποτα και απαντά 422 με τα σφάλματα ανά
    γραμμή. Νέος κωδικός: καταχώριση· υπάρχων: ενημέρωση (η ίδια εισαγωγή ξανά δεν αλλάζει τίποτα)."""
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return operations.import_register(session, authenticate(), data)
