"""HTTP API of the periods read model (`/v1/periods`): the periods and whether their staff window
is open now, for the staff screens."""
from epimorfosi_platform.auth import require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from . import queries
from .schemas import PeriodSchema

periods = Blueprint("periods", __name__, url_prefix="/v1/periods", description="Περίοδοι επιμόρφωσης (ανάγνωση)")


@periods.route("", methods=["GET"])
@require_roles(Role.CENTRAL_ADMIN, Role.KSE_HEAD, Role.COORDINATOR)
@periods.response(200, PeriodSchema(many=True))
def list_periods():
    """Οι περίοδοι επιμόρφωσης, νεότερη πρώτη, με το αν είναι ανοιχτό το παράθυρο αλλαγών προσωπικού."""
    now = current_clock().now()
    return [dict(vars(p), staff_window_open=p.staff_window_open(now)) for p in queries.all_periods(session)]
