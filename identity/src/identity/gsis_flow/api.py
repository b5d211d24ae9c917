"""HTTP API of the GSIS round trip (`/v1/gsis/...`; no token but for `confirm`). The flow is bound
to the browser that started it by an HttpOnly cookie (login CSRF); the other GSIS slices read the
flow of a request with `flow_of_request`."""
from epimorfosi_platform.web import service_context, session
from flask import Response, redirect, request
from flask_smorest import Blueprint
from werkzeug.http import dump_cookie

from ..accounts.api import caller_account
from ..states import GsisPurpose
from . import operations, queries
from .schemas import GsisFlowQuerySchema, GsisFlowStartedSchema, GsisFlowStartSchema, GsisFlowViewSchema

BINDING_COOKIE = "epi_gsis_flow"

# The confirmation slice adds /v1/gsis/confirmation to this blueprint (gsis_confirmation/api.py).
gsis = Blueprint("gsis", __name__, url_prefix="/v1/gsis", description="Ταυτοποίηση μέσω ΓΓΠΣ (Taxisnet)")


def binding_cookie(binding: str) -> str:
    return dump_cookie(
        BINDING_COOKIE, binding, max_age=3600, path="/", httponly=True, samesite="Lax", secure=request.is_secure
    )


def flow_of_request(state: str | None, purpose: GsisPurpose | None = None):
    """The flow named by `state`, if this browser started it (its binding cookie)."""
    return operations.load_flow(session, service_context(), state, request.cookies.get(BINDING_COOKIE), purpose=purpose)


def posted_flow(purpose: GsisPurpose):
    """The flow of a posted HTML form (its hidden `state`) for this browser."""
    return flow_of_request(request.form.get("state"), purpose)


def redirect_to_gsis(started: dict) -> Response:
    """An HTML page's answer to a started flow: the browser goes to Taxisnet with the binding cookie."""
    response = redirect(started["authorize_url"], code=303)
    response.headers["Set-Cookie"] = binding_cookie(started["binding"])
    return response


@gsis.route("/flows", methods=["POST"])
@gsis.arguments(GsisFlowStartSchema)
@gsis.response(201, GsisFlowStartedSchema)
def start_flow(args):
    """Έναρξη ταυτοποίησης μέσω ΓΓΠΣ: εγγραφή, πιστοποίηση λογαριασμού, ξέχασα κωδικό ή e-mail.

    Στείλτε τον browser στο `authorize_url`· η ΓΓΠΣ τον επιστρέφει στο `/v1/gsis/callback`.
    Για `confirm` απαιτείται σύνδεση (token)· για `reset-password` το `email` της εγγραφής."""
    account_id = caller_account().id if args["purpose"] == GsisPurpose.CONFIRM else None
    started = operations.start_flow(
        session, service_context(), args["purpose"], email=args.get("email"), account_id=account_id
    )
    return started, 201, {"Set-Cookie": binding_cookie(started["binding"])}


@gsis.route("/flows/current", methods=["GET"])
@gsis.arguments(GsisFlowQuerySchema, location="query")
@gsis.response(200, GsisFlowViewSchema)
def flow_view(args):
    """Τα στοιχεία της ΓΓΠΣ και ό,τι δείχνει η επόμενη οθόνη (ανάλογα με τη διαδικασία)."""
    return queries.flow_view(session, service_context(), flow_of_request(args["state"]))
