"""HTTP API of the programme lottery (`/v1/periods/{period_id}/lottery`)."""
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, session
from flask_smorest import Blueprint

from ..draws.responses import record_response
from ..draws.schemas import SeedSchema
from . import operations, queries
from .schemas import LotterySchema, LotterySummarySchema

lottery = Blueprint("lottery", __name__, url_prefix="/v1/periods/<int:period_id>/lottery",
                    description="Κλήρωση προγραμμάτων (δημόσια και επαληθεύσιμη)")


@lottery.route("", methods=["GET"])
@lottery.response(200, LotterySchema)
def get_lottery(period_id: int):
    """Όλα όσα χρειάζονται για την επαλήθευση εκτός συστήματος (δεδομένα, σπόρος, αποτέλεσμα) στη
    μορφή που δέχεται το `python -m applications_svc.verify`."""
    authenticate()
    return record_response(LotterySchema, queries.lottery_record(session, period_id))


@lottery.route("/freeze", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@lottery.response(201, LotterySummarySchema)
def freeze(period_id: int):
    """«Πάγωμα» των δεδομένων της κλήρωσης και δημοσίευση του SHA-256 τους."""
    operations.freeze_lottery(session, authenticate(), period_id, now=current_clock().now())
    return queries.lottery_summary(session, period_id)


@lottery.route("/seed", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@lottery.arguments(SeedSchema)
@lottery.response(200, LotterySummarySchema)
def seed(values, period_id: int):
    """Καταχώριση του σπόρου από δημόσια πηγή (μία φορά, μετά το «πάγωμα»)."""
    operations.record_seed(session, authenticate(), period_id, values["seed"], values["source"],
                           now=current_clock().now())
    return queries.lottery_summary(session, period_id)


@lottery.route("/draw", methods=["POST"])
@require_roles(Role.CENTRAL_ADMIN)
@lottery.response(200, LotterySummarySchema)
def draw(period_id: int):
    """Διενέργεια της κλήρωσης: δημιουργεί τα προγράμματα και ανακοινώνει το αποτέλεσμα."""
    operations.draw_lottery(session, authenticate(), period_id, now=current_clock().now())
    return queries.lottery_summary(session, period_id)
