"""HTTP API of applications-svc: thin controllers over operations."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.problems import Problem
from epimorfosi_platform.web import session
from flask_smorest import Blueprint
from sqlalchemy import select

from . import operations
from .models import TrainingPeriod
from .schemas import PeriodCreateSchema, PeriodSchema

periods = Blueprint("periods", __name__, url_prefix="/v1/periods", description="Περίοδοι επιμόρφωσης")


@periods.route("", methods=["POST"])
@require_roles("central-admin")  # outermost: no token 401 / wrong role 403 before the body is read
@periods.arguments(PeriodCreateSchema)
@periods.response(201, PeriodSchema)
def open_period(values):
    """Άνοιγμα περιόδου επιμόρφωσης με τα παράθυρα της πρόσκλησης."""
    return operations.open_period(authenticate(), values)


@periods.route("", methods=["GET"])
@periods.response(200, PeriodSchema(many=True))
def list_periods():
    """Όλες οι περίοδοι, νεότερη πρώτη."""
    authenticate()
    return session.scalars(select(TrainingPeriod).order_by(TrainingPeriod.id.desc())).all()


@periods.route("/<int:period_id>", methods=["GET"])
@periods.response(200, PeriodSchema)
def get_period(period_id: int):
    authenticate()
    period = session.get(TrainingPeriod, period_id)
    if period is None:
        raise Problem(404, detail="Η περίοδος δεν βρέθηκε.")
    return period


def blueprints():
    return [periods]
