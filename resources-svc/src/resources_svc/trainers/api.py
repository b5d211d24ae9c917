"""HTTP API of the trainers slice (`/v1/trainers`, M1): thin controllers (load, check access, act).
Central administrators keep the register; a centre's people read its public part (queries.py)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask import request
from flask_smorest import Blueprint

from ..access import CENTRE_STAFF
from . import operations, queries
from .schemas import ImportResultSchema, TrainerEditSchema, TrainerQuerySchema, TrainerSchema

trainers = Blueprint("trainers", __name__, url_prefix="/v1/trainers",
                     description="Μητρώο πιστοποιημένων επιμορφωτών (M1)")
READERS = (Role.CENTRAL_ADMIN, *CENTRE_STAFF)


@trainers.route("", methods=["GET"])
@require_roles(*READERS)
@trainers.arguments(TrainerQuerySchema, location="query")
@trainers.response(200, TrainerSchema(many=True))
@trainers.paginate(page_size=50, max_page_size=500)
def list_trainers(query, pagination_parameters):
    """Το μητρώο κατά επώνυμο (φίλτρα: ειδικότητα, συστάδα, περιφέρεια, ενεργοί). ΑΦΜ, τηλέφωνο και
    e-mail μόνο για κεντρικούς διαχειριστές· οι άνθρωποι ενός ΚΣΕ βλέπουν τα υπόλοιπα."""
    count, page = queries.trainers_page(session, authenticate(), query, first=pagination_parameters.first_item,
                                        size=pagination_parameters.page_size)
    pagination_parameters.item_count = count
    return page


@trainers.route("/<int:trainer_id>", methods=["GET"])
@require_roles(*READERS)
@trainers.response(200, TrainerSchema)
def get_trainer(trainer_id: int):
    principal = authenticate()
    return queries.trainer_view(queries.find_trainer(session, trainer_id), principal)


@trainers.route("/<int:trainer_id>", methods=["PUT"])
@require_roles(Role.CENTRAL_ADMIN)
@trainers.arguments(TrainerEditSchema)
@trainers.response(200, TrainerSchema)
def edit_trainer(values, trainer_id: int):
    """Διόρθωση στοιχείων επιμορφωτή (όχι του ΑΦΜ, που είναι το κλειδί του μητρώου)."""
    principal = authenticate()
    trainer = operations.edit_trainer(session, principal, trainer_id, values, now=current_clock().now())
    return queries.trainer_view(trainer, principal)


@trainers.route("/<int:trainer_id>/deactivate", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@trainers.response(200, TrainerSchema)
def deactivate_trainer(trainer_id: int):
    """Απενεργοποίηση επιμορφωτή (μένει στο μητρώο· μια νέα εισαγωγή τον ενεργοποιεί ξανά)."""
    principal = authenticate()
    trainer = operations.deactivate_trainer(session, principal, trainer_id, now=current_clock().now())
    return queries.trainer_view(trainer, principal)


@trainers.route("/import", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@trainers.response(200, ImportResultSchema)
def import_register():
    """Εισαγωγή του μητρώου από CSV (UTF-8, «,» ή «;»): ΑΦΜ, Επώνυμο, Όνομα, Ειδικότητα, Επίπεδο,
    Ημερομηνία πιστοποίησης, Συστάδα, Περιφέρεια, [Τηλέφωνο], [e-mail]. Σώμα `text/csv` ή
    `multipart/form-data` με πεδίο `file`. Ενημερώνει κατά ΑΦΜ. Όλα ή τίποτα: με ένα σφάλμα δεν
    αλλάζει τίποτα και απαντά 422 με τα σφάλματα ανά γραμμή."""
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return operations.import_register(session, authenticate(), data, now=current_clock().now())
