"""HTTP API of the GSIS confirmation, on the GSIS blueprint (`/v1/gsis/confirmation`)."""
from epimorfosi_platform.web import service_context, session

from ..gsis_flow.api import flow_of_request, gsis
from ..schemas import StateSchema
from ..states import GsisPurpose
from . import operations
from .schemas import ConfirmedSchema


@gsis.route("/confirmation", methods=["POST"])
@gsis.arguments(StateSchema)
@gsis.response(200, ConfirmedSchema)
def confirm(args):
    """«Πιστοποίηση και είσοδος»: ο λογαριασμός ενημερώνεται από τα στοιχεία της ΓΓΠΣ."""
    flow = flow_of_request(args["state"], GsisPurpose.CONFIRM)
    return operations.confirm_gsis(session, service_context(), flow)
