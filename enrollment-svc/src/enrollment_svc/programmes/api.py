"""HTTP API of the programmes slice (`/v1/programmes`): thin controllers (load, check access, act)."""
from epimorfosi_platform.auth import authenticate, require_centre_scope, require_roles
from epimorfosi_platform.roles import CENTRE_ROLES, Role
from epimorfosi_platform.web import session
from flask_smorest import Blueprint

from . import queries
from .access import programmes_centre_filter
from .schemas import ProgrammeCandidatesSchema, ProgrammeQuerySchema, ProgrammeSchema

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
    count, page = queries.programmes_page(
        session, centre=centre, period_id=query.get("period_id"),
        first=pagination_parameters.first_item, size=pagination_parameters.page_size,
    )
    pagination_parameters.item_count = count
    return page


@programmes.route("/<code>/candidates", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN, *sorted(CENTRE_ROLES))  # outermost: no token 401 / other roles 403
@programmes.response(200, ProgrammeCandidatesSchema)
def list_candidates(code: str):
    """Επιτυχόντες και επιλαχόντες του προγράμματος μετά την κατανομή.

    Για την κεντρική διαχείριση και για τον/την υπεύθυνο/η ΚΣΕ και τον/τη συντονιστή/τρια του ΚΣΕ
    του προγράμματος. Μετά τη φάση B οι λίστες είναι σωρευτικές (πρώτα της φάσης A, μετά της B)."""
    programme = queries.find_programme(session, code)
    # After the lookup: the centre is known only from the programme.
    require_centre_scope(authenticate(), programme.centre_code)
    return queries.candidate_lists(session, programme)
