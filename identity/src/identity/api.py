"""HTTP API of identity: thin controllers. The dev OIDC issuer lives under /oidc (see dev_issuer),
the HTML pages where GSIS and e-mail links land in pages.py.

Public at the gateway: /v1/registration/..., /v1/recovery/..., /v1/gsis/... (no token: the person
is not logged in yet). /v1/support-requests and /v1/me need a token."""
import uuid

from epimorfosi_platform import Problem
from epimorfosi_platform.auth import authenticate, require_roles
from epimorfosi_platform.roles import Role
from epimorfosi_platform.web import current_clock, service_context, session
from flask import request
from flask_smorest import Blueprint
from sqlalchemy import select
from werkzeug.http import dump_cookie

from . import flows
from .directory import DirectoryUnavailable
from .domain import ROLES, SUPPORT_STATUSES, SUPPORT_TOPICS
from .models import SupportRequest
from .operations import change_support_status, create_support_request
from .schemas import (
    ConfirmedSchema,
    CredentialsRecoverySchema,
    EmailSchema,
    GsisFlowQuerySchema,
    GsisFlowStartedSchema,
    GsisFlowStartSchema,
    GsisFlowViewSchema,
    LabelSchema,
    MeSchema,
    MessageSchema,
    NewPasswordWithStateSchema,
    NewPasswordWithTokenSchema,
    RegistrationDoneSchema,
    RegistrationSchema,
    RoleSchema,
    StateSchema,
    SupportRequestCreateSchema,
    SupportRequestQuerySchema,
    SupportRequestSchema,
    SupportStatusSchema,
    TokenSchema,
)

# The GSIS flow is bound to the browser that started it by this HttpOnly cookie (login CSRF).
BINDING_COOKIE = "epi_gsis_flow"

accounts = Blueprint("accounts", __name__, url_prefix="/v1", description="Λογαριασμοί και ρόλοι")


@accounts.route("/me", methods=["GET"])
@accounts.response(200, MeSchema)
def me():
    """Ο συνδεδεμένος χρήστης: στοιχεία, ρόλοι και ΚΣΕ, όπως τα βλέπουν οι υπηρεσίες."""
    principal = authenticate()
    account = _account_of(principal.subject, principal.email)
    return {
        "subject": principal.subject,
        "email": principal.email or (account.email if account else None),
        "display_name": principal.display_name,
        "first_name": account.first_name if account else principal.claims.get("given_name"),
        "last_name": account.last_name if account else principal.claims.get("family_name"),
        # The token is the authority on roles; the account only describes them.
        "roles": [{"id": r, "label": ROLES.get(r, r)} for r in sorted(principal.roles) if r in ROLES],
        "centre_id": principal.centre_id,
        "email_verified": account.email_verified if account else principal.claims.get("email_verified"),
        "gsis_verified_at": account.gsis_verified_at if account else None,
        "has_account": account is not None,
    }


@accounts.route("/roles", methods=["GET"])
@accounts.response(200, RoleSchema(many=True))
def roles():
    """Οι ρόλοι του συστήματος με την ελληνική τους ονομασία."""
    authenticate()
    return [{"id": role, "label": label} for role, label in ROLES.items()]


def _account_of(subject: str, email: str | None):
    """The caller's account in the directory (Keycloak or the dev issuer's table): `sub` is its id
    in both; the e-mail is the fallback. None when the directory has none or is unreachable."""
    directory = service_context().directory(session)
    try:
        account = directory.get(subject)
        if account is None and email:
            account = directory.find_by_email(email)
    except DirectoryUnavailable:
        return None
    return account


def binding_cookie(binding: str) -> str:
    return dump_cookie(
        BINDING_COOKIE, binding, max_age=3600, path="/", httponly=True, samesite="Lax", secure=request.is_secure
    )


def account_of_caller():
    principal = authenticate()
    account = _account_of(principal.subject, principal.email)
    if account is None:
        raise Problem(404, slug="no-account", detail="Δεν βρέθηκε λογαριασμός για τον συνδεδεμένο χρήστη.")
    return account


# -- GSIS ----------------------------------------------------------------------------------------------

gsis = Blueprint("gsis", __name__, url_prefix="/v1/gsis", description="Ταυτοποίηση μέσω ΓΓΠΣ (Taxisnet)")


@gsis.route("/flows", methods=["POST"])
@gsis.arguments(GsisFlowStartSchema)
@gsis.response(201, GsisFlowStartedSchema)
def start_flow(args):
    """Έναρξη ταυτοποίησης μέσω ΓΓΠΣ: εγγραφή, πιστοποίηση λογαριασμού, ξέχασα κωδικό ή e-mail.

    Στείλτε τον browser στο `authorize_url`· η ΓΓΠΣ τον επιστρέφει στο `/v1/gsis/callback`.
    Για `confirm` απαιτείται σύνδεση (token)· για `reset-password` το `email` της εγγραφής."""
    account_id = account_of_caller().id if args["purpose"] == "confirm" else None
    started = flows.start_flow(
        session, service_context(), args["purpose"], email=args.get("email"), account_id=account_id
    )
    return started, 201, {"Set-Cookie": binding_cookie(started["binding"])}


@gsis.route("/flows/current", methods=["GET"])
@gsis.arguments(GsisFlowQuerySchema, location="query")
@gsis.response(200, GsisFlowViewSchema)
def flow_view(args):
    """Τα στοιχεία της ΓΓΠΣ και ό,τι δείχνει η επόμενη οθόνη (ανάλογα με τη διαδικασία)."""
    flow = flows.load_flow(session, service_context(), args["state"], request.cookies.get(BINDING_COOKIE))
    return flows.flow_view(session, service_context(), flow)


@gsis.route("/confirmation", methods=["POST"])
@gsis.arguments(StateSchema)
@gsis.response(200, ConfirmedSchema)
def confirm(args):
    """«Πιστοποίηση και είσοδος»: ο λογαριασμός ενημερώνεται από τα στοιχεία της ΓΓΠΣ."""
    flow = flows.load_flow(session, service_context(), args["state"], request.cookies.get(BINDING_COOKIE), purpose="confirm")
    return flows.confirm_gsis(session, service_context(), flow)


# -- registration -----------------------------------------------------------------------------------

registration = Blueprint("registration", __name__, url_prefix="/v1/registration", description="Εγγραφή μέσω ΓΓΠΣ")


@registration.route("", methods=["POST"])
@registration.arguments(RegistrationSchema)
@registration.response(201, RegistrationDoneSchema)
def register(args):
    """Εγγραφή: τα στοιχεία της ΓΓΠΣ και φύλο, e-mail, κωδικός, Α.Μ.· στέλνεται σύνδεσμος ενεργοποίησης."""
    flow = flows.load_flow(session, service_context(), args["state"], request.cookies.get(BINDING_COOKIE), purpose="registration")
    return flows.register(session, service_context(), flow, args), 201


@registration.route("/verification", methods=["POST"])
@registration.arguments(TokenSchema)
@registration.response(200, MessageSchema)
def verify(args):
    """Ενεργοποίηση λογαριασμού με το token του συνδέσμου (μία χρήση)."""
    return flows.verify_email(session, service_context(), args["token"])


@registration.route("/verification-mail", methods=["POST"])
@registration.arguments(EmailSchema)
@registration.response(202, MessageSchema)
def resend(args):
    """Νέος σύνδεσμος ενεργοποίησης (ίδια απάντηση για κάθε e-mail)."""
    return flows.resend_verification(session, service_context(), args["email"]), 202


# -- recovery ---------------------------------------------------------------------------------------

recovery = Blueprint("recovery", __name__, url_prefix="/v1/recovery", description="Ανάκτηση κωδικών")


@recovery.route("/password", methods=["POST"])
@recovery.arguments(NewPasswordWithStateSchema)
@recovery.response(200, MessageSchema)
def reset_with_gsis(args):
    """«Ξέχασα τον κωδικό πρόσβασης»: νέος κωδικός μετά την ταυτοποίηση στη ΓΓΠΣ· επιστρέφει το όνομα χρήστη."""
    flow = flows.load_flow(session, service_context(), args["state"], request.cookies.get(BINDING_COOKIE), purpose="reset-password")
    return flows.reset_password_with_gsis(session, service_context(), flow, args["password"])


@recovery.route("/credentials", methods=["POST"])
@recovery.arguments(CredentialsRecoverySchema)
@recovery.response(202, MessageSchema)
def recover_credentials(args):
    """«Ανάκτηση Κωδικών» με ΑΦΜ ή Α.Μ.: σύνδεσμος αλλαγής κωδικού στο δηλωμένο e-mail.
    Ίδια απάντηση (και χρόνος) είτε υπάρχει λογαριασμός είτε όχι."""
    return flows.request_credentials(session, service_context(), args["identifier"]), 202


@recovery.route("/reset", methods=["POST"])
@recovery.arguments(NewPasswordWithTokenSchema)
@recovery.response(200, MessageSchema)
def reset_with_token(args):
    """Νέος κωδικός με τον σύνδεσμο που στάλθηκε στο e-mail (μία χρήση)."""
    return flows.reset_password_with_token(session, service_context(), args["token"], args["password"])


# -- support requests ---------------------------------------------------------------------------------

support = Blueprint("support", __name__, url_prefix="/v1/support-requests", description="Αιτήματα υποστήριξης")


def _support_view(row: SupportRequest) -> dict:
    return {
        "id": row.id,
        "topic": row.topic,
        "topic_label": SUPPORT_TOPICS[row.topic],
        "description": row.description,
        "afm": row.afm,
        "contact_email": row.contact_email,
        "status": row.status,
        "status_label": SUPPORT_STATUSES[row.status],
        "requester_name": row.requester_name,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _visible(row: SupportRequest | None, principal) -> bool:
    return row is not None and (principal.has_role(Role.HELPDESK_AGENT) or row.requester_subject == principal.subject)


@support.route("/topics", methods=["GET"])
@support.response(200, LabelSchema(many=True))
def support_topics():
    """Οι τομείς βοήθειας (π.χ. «Τεχνικά θέματα»)."""
    authenticate()
    return [{"id": k, "label": v} for k, v in SUPPORT_TOPICS.items()]


@support.route("", methods=["POST"])
@support.arguments(SupportRequestCreateSchema)
@support.response(201, SupportRequestSchema)
def create_request(args):
    """Νέο αίτημα υποστήριξης: τομέας, περιγραφή, ΑΦΜ, e-mail επικοινωνίας."""
    return _support_view(create_support_request(session, authenticate(), args, now=current_clock().now())), 201


@support.route("", methods=["GET"])
@support.arguments(SupportRequestQuerySchema, location="query")
@support.response(200, SupportRequestSchema(many=True))
def list_requests(args):
    """Τα αιτήματα: όλα για το helpdesk, τα δικά του για κάθε άλλον."""
    principal = authenticate()
    query = select(SupportRequest).order_by(SupportRequest.created_at.desc()).limit(500)
    if not principal.has_role(Role.HELPDESK_AGENT):
        query = query.where(SupportRequest.requester_subject == principal.subject)
    if args.get("status"):
        query = query.where(SupportRequest.status == args["status"])
    return [_support_view(r) for r in session.scalars(query)]


@support.route("/<uuid:request_id>", methods=["GET"])
@support.response(200, SupportRequestSchema)
def get_request(request_id: uuid.UUID):
    principal = authenticate()
    row = session.get(SupportRequest, request_id)
    if not _visible(row, principal):
        raise Problem(404, detail="Το αίτημα υποστήριξης δεν βρέθηκε.")
    return _support_view(row)


@support.route("/<uuid:request_id>/status", methods=["PUT"])
@require_roles(Role.HELPDESK_AGENT)
@support.arguments(SupportStatusSchema)
@support.response(200, SupportRequestSchema)
def set_status(args, request_id: uuid.UUID):
    """Αλλαγή κατάστασης αιτήματος (μόνο helpdesk)."""
    return _support_view(change_support_status(session, authenticate(), request_id, args["status"], now=current_clock().now()))


def blueprints():
    return [accounts, gsis, registration, recovery, support]
