"""HTTP API of enrollment-svc: thin controllers."""
from epimorfosi_platform.auth import authenticate
from epimorfosi_platform.problems import Problem
from epimorfosi_platform.web import session
from flask_smorest import Blueprint
from sqlalchemy import select

from .models import TrainingPeriod
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


def blueprints():
    return [periods]
