"""HTTP API of recovery (`/v1/recovery/...`; no token: the person cannot log in)."""
from epimorfosi_platform.web import service_context, session
from flask_smorest import Blueprint

from ..gsis_flow.api import flow_of_request
from ..schemas import MessageSchema
from ..states import GsisPurpose
from . import operations
from .schemas import CredentialsRecoverySchema, NewPasswordWithStateSchema, NewPasswordWithTokenSchema

recovery = Blueprint("recovery", __name__, url_prefix="/v1/recovery", description="Ανάκτηση κωδικών")


@recovery.route("/password", methods=["POST"])
@recovery.arguments(NewPasswordWithStateSchema)
@recovery.response(200, MessageSchema)
def reset_with_gsis(args):
    """«Ξέχασα τον κωδικό πρόσβασης»: νέος κωδικός μετά την ταυτοποίηση στη ΓΓΠΣ· επιστρέφει το όνομα χρήστη."""
    flow = flow_of_request(args["state"], GsisPurpose.RESET_PASSWORD)
    return operations.reset_password_with_gsis(session, service_context(), flow, args["password"])


@recovery.route("/credentials", methods=["POST"])
@recovery.arguments(CredentialsRecoverySchema)
@recovery.response(202, MessageSchema)
def recover_credentials(args):
    """«Ανάκτηση Κωδικών» με ΑΦΜ ή Α.Μ.: σύνδεσμος αλλαγής κωδικού στο δηλωμένο e-mail.
    Ίδια απάντηση (και χρόνος) είτε υπάρχει λογαριασμός είτε όχι."""
    return operations.request_credentials(session, service_context(), args["identifier"]), 202


@recovery.route("/reset", methods=["POST"])
@recovery.arguments(NewPasswordWithTokenSchema)
@recovery.response(200, MessageSchema)
def reset_with_token(args):
    """Νέος κωδικός με τον σύνδεσμο που στάλθηκε στο e-mail (μία χρήση)."""
    return operations.reset_password_with_token(session, service_context(), args["token"], args["password"])
