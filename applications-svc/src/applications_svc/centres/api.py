"""HTTP API of the centres slice (`/v1/centres`): a centre as the service knows it, and its
lottery results (read from the lottery slice)."""
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import session
from flask_smorest import Blueprint

from ..access import centre_principal
from ..lottery import queries as lottery_queries
from ..lottery.schemas import CentreLotteryResultSchema
from . import queries
from .schemas import CentreSchema, ResultsQuerySchema

# Who reads a centre's data: its KSE head and coordinator, and the central administration.
READERS = (Role.KSE_HEAD, Role.COORDINATOR, Role.CENTRAL_ADMIN)

centres = Blueprint("centres", __name__, url_prefix="/v1/centres", description="ΚΣΕ (από την υπηρεσία πόρων)")


@centres.route("/<centre_code>", methods=["GET"])
@centres.response(200, CentreSchema)
def get_centre(centre_code: str):
    """Το ΚΣΕ και οι αίθουσές του, όπως τα γνωρίζει η υπηρεσία (από τα γεγονότα της υπηρεσίας πόρων)."""
    centre_principal(centre_code, *READERS)
    return queries.centre_view(session, centre_code)


@centres.route("/<centre_code>/lottery-results", methods=["GET"])
@centres.arguments(ResultsQuerySchema, location="query")
@centres.response(200, CentreLotteryResultSchema(many=True))
def centre_lottery_results(query, centre_code: str):
    """Αποτελέσματα κλήρωσης για το ΚΣΕ: αν επιλέχθηκε, σε ποιες συστάδες και κατηγορίες."""
    centre_principal(centre_code, *READERS)
    return lottery_queries.centre_lottery_results(session, centre_code, query.get("period_id"))
