"""HTTP API of the staff slice: the register of trainers (`/v1/trainers`) and a programme's staff
(`/v1/programmes/<code>/staff`): thin controllers (load, check access, act)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.errors import NotFound
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..enrolment.access import READERS, check_programme_scope
from ..programmes.queries import find_programme
from . import operations, queries
from .rules import ASSIGNERS
from .schemas import ProgrammeStaffSchema, StaffRequestSchema, TrainerQuerySchema, TrainerSchema

staff = Blueprint("staff", __name__, url_prefix="/v1",
                  description="Συντελεστές προγραμμάτων: συντονιστής/τρια, τεχνικός υπεύθυνος και επιμορφωτές "
                              "(από το μητρώο Μ1 της resources-svc).")


def _programme(code: str):
    principal = authenticate()
    programme = find_programme(session, code)
    check_programme_scope(principal.roles, principal.centre_id, programme.centre_code)  # another centre: 404
    return principal, programme


def _staff_of(code: str):
    found = queries.programme_staff(session, code)
    if found is None:
        raise NotFound("Δεν έχουν οριστεί συντελεστές για το πρόγραμμα.", slug="no-staff")
    return found


@staff.route("/trainers", methods=["GET"])
@require_roles(*ASSIGNERS)
@staff.arguments(TrainerQuerySchema, location="query")
@staff.response(200, TrainerSchema(many=True))
@staff.paginate(page_size=100, max_page_size=500)
def list_trainers(query, pagination_parameters):
    """Οι επιμορφωτές του μητρώου Μ1 (για την ανάθεση σε πρόγραμμα: μόνο οι ενεργοί ανατίθενται)."""
    count, page = queries.trainers_page(session, cluster=query.get("cluster"), active=query.get("active"),
                                        first=pagination_parameters.first_item, size=pagination_parameters.page_size)
    pagination_parameters.item_count = count
    return page


@staff.route("/programmes/<code>/staff", methods=["GET"])
@require_roles(*READERS)
@staff.response(200, ProgrammeStaffSchema)
def get_staff(code: str):
    """Οι συντελεστές του προγράμματος."""
    _programme(code)
    return _staff_of(code)


@staff.route("/programmes/<code>/staff", methods=["PUT"])
@require_roles(*ASSIGNERS)
@staff.arguments(StaffRequestSchema)
@staff.response(200, ProgrammeStaffSchema)
def assign_staff(body, code: str):
    """Ορισμός συντελεστών από τον/την υπεύθυνο/η ΚΣΕ: συντονιστής/τρια, τεχνικός υπεύθυνος και
    επιμορφωτές (ενεργοί του μητρώου Μ1). Αντικαθιστά τον προηγούμενο ορισμό."""
    principal, _ = _programme(code)
    operations.assign_staff(session, principal.subject, code, body, now=current_clock().now())
    return _staff_of(code)
