"""HTTP API of the periods slice (`/v1/periods`): thin controllers over the read model."""
from epimorfosi_platform.auth import authenticate
from epimorfosi_platform.web import session
from flask_smorest import Blueprint

from . import queries
from .schemas import PeriodSchema

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
    return queries.all_periods(session)


@periods.route("/<int:period_id>", methods=["GET"])
@periods.response(200, PeriodSchema)
def get_period(period_id: int):
    """Μία περίοδος και αν οι εγγραφές της είναι ανοιχτές."""
    authenticate()
    return queries.get_period(session, period_id)
