"""HTTP API of the staff slice: a centre's lists for a period
(`/v1/centres/<code>/periods/<period_id>/staff`) and their final submission
(`.../staff-submission`). Thin controllers: load, check access, act."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..centre_scope import centre_in_scope
from ..minutes.queries import minutes_of
from ..periods.queries import find_period
from . import operations, queries
from .schemas import StaffMemberInSchema, StaffMemberSchema, StaffQuerySchema, SubmissionSchema

staff = Blueprint("staff", __name__, url_prefix="/v1/centres",
                  description="Προσωπικό Συντονισμού και Τεχνικοί Υπεύθυνοι του ΚΣΕ ανά περίοδο, οριστική υποβολή")
READERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD, Role.COORDINATOR)
WRITERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD)
PATH = "/<code>/periods/<int:period_id>/staff"


def _load(code: str, period_id: int):
    principal = authenticate()
    return principal, centre_in_scope(session, principal, code), find_period(session, period_id)


def _with_confirmation(members, centre, period):
    record = minutes_of(session, centre, period)
    confirmed = {c.afm for c in record.confirmations} if record else set()
    return [dict(vars(m), confirmed=m.afm in confirmed) for m in members]


@staff.route(PATH, methods=["GET"])
@require_roles(*READERS)
@staff.arguments(StaffQuerySchema, location="query")
@staff.response(200, StaffMemberSchema(many=True))
def list_staff(query, code: str, period_id: int):
    """«Προβολή στοιχείων»: οι κατάλογοι της περιόδου (`role` για τον έναν), με την επιβεβαίωση από το Πρακτικό."""
    _, centre, period = _load(code, period_id)
    return _with_confirmation(queries.members_of(session, centre, period, query.get("role")), centre, period)


@staff.route(PATH, methods=["POST"])
@require_roles(*WRITERS)
@staff.arguments(StaffMemberInSchema)
@staff.response(201, StaffMemberSchema)
def add_staff_member(values, code: str, period_id: int):
    """«Εισαγωγή μέλους» (μόνο όσο είναι ανοιχτό το παράθυρο αλλαγών και πριν από την οριστική υποβολή)."""
    principal, centre, period = _load(code, period_id)
    member = operations.add_member(session, principal, centre, period, values, now=current_clock().now())
    return _with_confirmation([member], centre, period)[0]


@staff.route(PATH + "/<int:member_id>", methods=["GET"])
@require_roles(*READERS)
@staff.response(200, StaffMemberSchema)
def get_staff_member(code: str, period_id: int, member_id: int):
    _, centre, period = _load(code, period_id)
    return _with_confirmation([operations.find_member(session, centre, period, member_id)], centre, period)[0]


@staff.route(PATH + "/<int:member_id>", methods=["PUT"])
@require_roles(*WRITERS)
@staff.arguments(StaffMemberInSchema)
@staff.response(200, StaffMemberSchema)
def modify_staff_member(values, code: str, period_id: int, member_id: int):
    """«Τροποποίηση στοιχείων» μέλους."""
    _, centre, period = _load(code, period_id)
    member = operations.modify_member(session, centre, period, member_id, values, now=current_clock().now())
    return _with_confirmation([member], centre, period)[0]


@staff.route(PATH + "/<int:member_id>", methods=["DELETE"])
@require_roles(*WRITERS)
@staff.response(204)
def delete_staff_member(code: str, period_id: int, member_id: int):
    """«Διαγραφή» μέλους."""
    _, centre, period = _load(code, period_id)
    operations.delete_member(session, centre, period, member_id, now=current_clock().now())


def _submission(centre, period):
    now = current_clock().now()
    lists = queries.staff_list(session, centre, period)
    submitted_at = lists.submitted_at if lists else None
    window_open = period.staff_window_open(now)
    return {"centre_code": centre.code, "period_id": period.period_id, "window_open": window_open,
            "submitted_at": submitted_at, "submitted_by": lists.submitted_by if lists else None,
            "editable": window_open and submitted_at is None}


@staff.route("/<code>/periods/<int:period_id>/staff-submission", methods=["GET"])
@require_roles(*READERS)
@staff.response(200, SubmissionSchema)
def get_submission(code: str, period_id: int):
    """Κατάσταση των καταλόγων: ανοιχτό παράθυρο, οριστική υποβολή (πότε, από ποιον)."""
    _, centre, period = _load(code, period_id)
    return _submission(centre, period)


@staff.route("/<code>/periods/<int:period_id>/staff-submission", methods=["POST"])
@require_roles(*WRITERS)
@staff.response(200, SubmissionSchema)
def submit_staff(code: str, period_id: int):
    """«Οριστική υποβολή αίτησης αλλαγών στελεχικού δυναμικού»: παγώνει τους καταλόγους της περιόδου.

    Απορρίπτεται (409) όταν οι κατάλογοι είναι κενοί, όταν δεν έχει αναρτηθεί Πρακτικό ή όταν κάποιος
    στους καταλόγους δεν επιβεβαιώνεται από αυτό (`errors`: ποιοι)."""
    principal, centre, period = _load(code, period_id)
    operations.submit(session, principal, centre, period, now=current_clock().now())
    return _submission(centre, period)
