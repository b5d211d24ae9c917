"""HTTP API of registration (`/v1/registration/...`; no token: the person is not logged in yet)."""
from epimorfosi_platform.web import service_context, session
from flask_smorest import Blueprint

from ..gsis_flow.api import flow_of_request
from ..schemas import MessageSchema, TokenSchema
from ..states import GsisPurpose
from . import operations
from .schemas import EmailSchema, RegistrationDoneSchema, RegistrationSchema

registration = Blueprint("registration", __name__, url_prefix="/v1/registration", description="Εγγραφή μέσω ΓΓΠΣ")


@registration.route("", methods=["POST"])
@registration.arguments(RegistrationSchema)
@registration.response(201, RegistrationDoneSchema)
def register(args):
    """Εγγραφή: τα στοιχεία της ΓΓΠΣ και φύλο, e-mail, κωδικός, Α.Μ.· στέλνεται σύνδεσμος ενεργοποίησης."""
    flow = flow_of_request(args["state"], GsisPurpose.REGISTRATION)
    return operations.register(session, service_context(), flow, args), 201


@registration.route("/verification", methods=["POST"])
@registration.arguments(TokenSchema)
@registration.response(200, MessageSchema)
def verify(args):
    """Ενεργοποίηση λογαριασμού με το token του συνδέσμου (μία χρήση)."""
    return operations.verify_email(session, service_context(), args["token"])


@registration.route("/verification-mail", methods=["POST"])
@registration.arguments(EmailSchema)
@registration.response(202, MessageSchema)
def resend(args):
    """Νέος σύνδεσμος ενεργοποίησης (ίδια απάντηση για κάθε e-mail)."""
    return operations.resend_verification(session, service_context(), args["email"]), 202
