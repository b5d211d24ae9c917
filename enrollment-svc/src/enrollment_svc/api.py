"""HTTP API of enrollment-svc: thin controllers."""
from epimorfosi_platform.auth import authenticate, require_centre_scope, require_roles
from epimorfosi_platform.roles import CENTRE_ROLES, Role
from epimorfosi_platform.problems import Problem
from epimorfosi_platform.web import session
from flask_smorest import Blueprint
from sqlalchemy import func, select

from .domain import programmes_centre_filter
from .models import CandidateStatus, Programme, ProgrammeCandidate, TrainingPeriod
from .schemas import PeriodSchema, ProgrammeCandidatesSchema, ProgrammeQuerySchema, ProgrammeSchema

periods = Blueprint(
    "periods",
    __name__,
    url_prefix="/v1/periods",
    description="Περίοδοι επιμόρφωσης όπως τις ανακοινώνει η applications-svc, με την προθεσμία εγγραφών.",
)


@periods.route("", methods=["GET"])
@periods.response(200, PeriodSchema(many=True))
def list_periods():
    """Όλες οι περίοδοι, νεότερη πρώτη."""
    authenticate()
    return session.scalars(select(TrainingPeriod).order_by(TrainingPeriod.period_id.desc())).all()


@periods.route("/<int:period_id>", methods=["GET"])
@periods.response(200, PeriodSchema)
def get_period(period_id: int):
    """Μία περίοδος και αν οι εγγραφές της είναι ανοιχτές."""
    authenticate()
    period = session.get(TrainingPeriod, period_id)
    if period is None:
        raise Problem(404, detail="Η περίοδος δεν βρέθηκε.")
    return period


programmes = Blueprint(
    "programmes",
    __name__,
    url_prefix="/v1/programmes",
    description="Προγράμματα επιμόρφωσης που ανατέθηκαν στα ΚΣΕ με την κλήρωση (από την applications-svc).",
)


@programmes.route("", methods=["GET"])
@programmes.arguments(ProgrammeQuerySchema, location="query")
@programmes.response(200, ProgrammeSchema(many=True))
@programmes.paginate(page_size=100, max_page_size=500)
def list_programmes(query, pagination_parameters):
    """Τα προγράμματα ενός ΚΣΕ (ο/η υπεύθυνος/η ΚΣΕ και ο/η συντονιστής/τρια μόνο του δικού τους) ή,
    για την κεντρική διαχείριση, όλων των ΚΣΕ."""
    principal = authenticate()
    centre = programmes_centre_filter(principal.roles, principal.centre_id, query.get("centre"))
    statement = select(Programme)
    if centre is not None:
        statement = statement.where(Programme.centre_code == centre)
    if query.get("period_id"):
        statement = statement.where(Programme.period_id == query["period_id"])
    pagination_parameters.item_count = session.scalar(select(func.count()).select_from(statement.subquery()))
    return session.scalars(
        statement.order_by(Programme.period_id.desc(), Programme.centre_code, Programme.cluster_code, Programme.code)
        .offset(pagination_parameters.first_item)
        .limit(pagination_parameters.page_size)
    ).all()


@programmes.route("/<code>/candidates", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN, *sorted(CENTRE_ROLES))  # outermost: no token 401 / other roles 403
@programmes.response(200, ProgrammeCandidatesSchema)
def list_candidates(code: str):
    """Επιτυχόντες και επιλαχόντες του προγράμματος μετά την κατανομή.

    Για την κεντρική διαχείριση και για τον/την υπεύθυνο/η ΚΣΕ και τον/τη συντονιστή/τρια του ΚΣΕ
    του προγράμματος. Μετά τη φάση B οι λίστες είναι σωρευτικές (πρώτα της φάσης A, μετά της B)."""
    programme = session.get(Programme, code)
    if programme is None:
        raise Problem(404, detail="Το πρόγραμμα δεν βρέθηκε.")
    # After the lookup: the centre is known only from the programme.
    require_centre_scope(authenticate(), programme.centre_code)
    candidates = session.scalars(
        select(ProgrammeCandidate).where(ProgrammeCandidate.programme_code == code)
        .order_by(ProgrammeCandidate.status, ProgrammeCandidate.position)
    ).all()
    return {
        "programme": programme,
        **{status.value: [c for c in candidates if c.status == status] for status in CandidateStatus},
    }


def blueprints():
    return [periods, programmes]
