"""HTTP API of accounts (`/v1/me`, `/v1/roles`): need a token."""
from epimorfosi_platform.auth import authenticate
from epimorfosi_platform.web import service_context, session
from flask_smorest import Blueprint

from . import queries
from .rules import ROLES
from .schemas import MeSchema, RoleSchema

accounts = Blueprint("accounts", __name__, url_prefix="/v1", description="Λογαριασμοί και ρόλοι")


@accounts.route("/me", methods=["GET"])
@accounts.response(200, MeSchema)
def me():
    """Ο συνδεδεμένος χρήστης: στοιχεία, ρόλοι και ΚΣΕ, όπως τα βλέπουν οι υπηρεσίες."""
    principal = authenticate()
    account = queries.account_of(service_context().directory(session), principal.subject, principal.email)
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


def caller_account():
    """The logged-in caller's account (404 `no-account` when the directory has none)."""
    principal = authenticate()
    return queries.caller_account(service_context().directory(session), principal.subject, principal.email)
