"""Minimal server-rendered Greek pages where a browser lands without the web client: the return
from GSIS (Taxisnet), the links of the e-mails, and the forms that follow them. They call the same
flows as the JSON API (api.py) and are not part of the OpenAPI document.

GSIS and e-mail links arrive with GET, and the platform commits only mutating requests, so the
views that must keep a change made by such a GET (flow started, GSIS record kept, account
activated) commit it themselves, once, at the end."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.problems import as_problem
from epimorfosi_platform.web import service_context, session
from flask import Blueprint, Response, make_response, redirect, render_template, request

from . import flows
from .api import BINDING_COOKIE, binding_cookie
from .domain import GSIS_FIELDS

pages = Blueprint("account_pages", __name__, template_folder="templates")

_START_PURPOSES = {"registration", "forgot-email"}


@pages.after_request
def _headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
        response.headers["Referrer-Policy"] = "no-referrer"  # the links carry single-use tokens
    return response


def _message(heading: str, message: str, status: int = 200, *, error: bool = False, **extra) -> Response:
    return make_response(render_template("accounts/message.html", heading=heading, message=message, error=error, **extra), status)


def _problem_page(problem: Problem, heading: str = "Δεν ήταν δυνατή η ολοκλήρωση") -> Response:
    ctx = service_context()
    return _message(heading, problem.detail or problem.title, problem.status, error=True,
                    link=ctx.config.web_url, link_label="Αρχική σελίδα")


_ACTIONS = {
    "register_form": "/v1/registration/form",
    "confirm_form": "/v1/gsis/confirm/form",
    "reset_password_form": "/v1/recovery/password/form",
    "reset_link_form": "/v1/recovery/reset/form",
}


def _action(name: str) -> str:
    # Absolute, on the public URL: behind the gateway the path has a prefix (/api/identity).
    return service_context().config.identity_public_url + _ACTIONS[name]


def _redirect_to_gsis(started: dict) -> Response:
    response = redirect(started["authorize_url"], code=303)
    response.headers["Set-Cookie"] = binding_cookie(started["binding"])
    return response


# -- start ----------------------------------------------------------------------------------------------


@pages.get("/v1/gsis/start")
def start():
    """«Εγγραφή μέσω ΓΓΠΣ» and «Ξέχασα το Email Μητρώου» buttons: straight to Taxisnet."""
    purpose = request.args.get("purpose", "")
    if purpose not in _START_PURPOSES:
        return _message("Μη έγκυρο αίτημα", "Άγνωστη διαδικασία ταυτοποίησης.", 400, error=True)
    started = flows.start_flow(session, service_context(), purpose)
    session.commit()
    return _redirect_to_gsis(started)


def _ask_page(heading: str, field: str, input_type: str, label: str, message: str) -> str:
    """The one-field form that starts a recovery; it posts back to the same page."""
    return render_template("accounts/ask.html", heading=heading, field=field, input_type=input_type,
                           label=label, message=message,
                           action=service_context().config.identity_public_url + request.path)


@pages.route("/v1/recovery/password/start", methods=["GET", "POST"])
def forgot_password_start():
    """«Ξέχασα τον κωδικό πρόσβασης»: the registered e-mail, then Taxisnet."""
    if request.method == "GET":
        return _ask_page(
            "Ξέχασα τον κωδικό πρόσβασης", "email", "email", "Email εγγραφής",
            "Δώστε τη διεύθυνση e-mail που δηλώσατε κατά την εγγραφή σας. Στη συνέχεια θα γίνει αυθεντικοποίηση μέσω της ΓΓΠΣ (κωδικοί Taxisnet).",
        )
    try:
        started = flows.start_flow(session, service_context(), "reset-password", email=request.form.get("email"))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem)
    return _redirect_to_gsis(started)


@pages.route("/v1/recovery/credentials/start", methods=["GET", "POST"])
def credentials_start():
    """«Ανάκτηση Κωδικών» (seed 001): ΑΦΜ ή Α.Μ."""
    if request.method == "GET":
        return _ask_page(
            "Ανάκτηση Κωδικών", "identifier", "text", "Α.Φ.Μ. ή Α.Μ. Εκπαιδευτικού",
            "Πληκτρολογήστε τον Α.Φ.Μ. ή τον Α.Μ. Εκπαιδευτικού σας (εφόσον διαθέτετε) για να λάβετε σύνδεσμο στο δηλωμένο e-mail σας.",
        )
    try:
        result = flows.request_credentials(session, service_context(), request.form.get("identifier", ""))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem)
    return _message("Ανάκτηση Κωδικών", result["detail"])


# -- return from GSIS --------------------------------------------------------------------------------------


def _flow_page(flow, view: dict, *, status: int = 200, form: dict | None = None, errors: dict | None = None,
               error: str | None = None) -> Response:
    ctx = service_context()
    state = request.values.get("state", "")
    if flow.purpose == "registration":
        if view.get("error"):
            return _message("Εγγραφή νέου χρήστη", view["error"]["detail"], 409, error=True,
                            link=ctx.config.web_url, link_label="Αρχική σελίδα")
        return make_response(render_template(
            "accounts/register.html", view=view, fields=GSIS_FIELDS, state=state, form=form or {},
            errors=errors or {}, error=error, action=_action("register_form"),
        ), status)
    if flow.purpose == "confirm":
        return make_response(render_template(
            "accounts/confirm.html", view=view, state=state, action=_action("confirm_form"),
        ), 409 if view.get("error") else status)
    if flow.purpose == "reset-password":
        if view.get("error"):
            return _message("Ξέχασα τον κωδικό πρόσβασης", view["error"]["detail"], 403, error=True,
                            link=f"{ctx.config.identity_public_url}/v1/gsis/start?purpose=forgot-email",
                            link_label="Ξέχασα το Email Μητρώου")
        return make_response(render_template(
            "accounts/new_password.html", username=view["username"], hidden={"state": state},
            errors=errors or {}, error=error, action=_action("reset_password_form"),
        ), status)
    # forgot-email
    if view.get("error"):
        return _message("Ξέχασα το Email Μητρώου", view["error"]["detail"], 404, error=True,
                        link=f"{ctx.config.identity_public_url}/v1/gsis/start?purpose=registration", link_label="Εγγραφή μέσω ΓΓΠΣ")
    return _message("Ξέχασα το Email Μητρώου", "Το email μητρώου του λογαριασμού σας είναι:",
                    value=view["email"], value_label="Email μητρώου", link=ctx.config.web_url, link_label="Επιστροφή")


@pages.get("/v1/gsis/callback")
def callback():
    ctx = service_context()
    try:
        flow = flows.finish_callback(
            session, ctx, state=request.args.get("state"), binding=request.cookies.get(BINDING_COOKIE),
            code=request.args.get("code"), error=request.args.get("error"),
        )
        view = flows.flow_view(session, ctx, flow)
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem, "Ταυτοποίηση μέσω ΓΓΠΣ")
    session.commit()  # keep the certified record for the next step (a GET: see the module's docstring)
    return _flow_page(flow, view)


def _load(purpose: str):
    return flows.load_flow(session, service_context(), request.form.get("state"), request.cookies.get(BINDING_COOKIE), purpose=purpose)


@pages.post("/v1/registration/form")
def register_form():
    ctx = service_context()
    form = {k: request.form.get(k, "") for k in ("email", "gender", "registry_number", "password")}
    try:
        flow = _load("registration")
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem, "Εγγραφή νέου χρήστη")
    try:
        result = flows.register(session, ctx, flow, form)
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        session.rollback()
        if problem.status == 422 or problem.extensions.get("errors"):
            flow = _load("registration")
            form.pop("password")
            return _flow_page(flow, flows.flow_view(session, ctx, flow), status=problem.status, form=form,
                              errors=problem.extensions.get("errors") or {}, error=problem.detail)
        return _problem_page(problem, "Εγγραφή νέου χρήστη")
    return _message("Η εγγραφή σας έγινε με επιτυχία", result["detail"], 201)


@pages.get("/v1/registration/verify")
def verify_link():
    ctx = service_context()
    try:
        result = flows.verify_email(session, ctx, request.args.get("token"))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem, "Ενεργοποίηση λογαριασμού")
    session.commit()  # the link is a GET (see the module's docstring)
    return _message("Ενεργοποίηση λογαριασμού", result["detail"] + " Κάντε κλικ στο «εδώ» για να μεταβείτε στην αρχική σελίδα.",
                    link=ctx.config.web_url, link_label="εδώ")


@pages.post("/v1/gsis/confirm/form")
def confirm_form():
    try:
        result = flows.confirm_gsis(session, service_context(), _load("confirm"))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem, "Πιστοποίηση στοιχείων μέσω ΓΓΠΣ")
    return _message("Πιστοποίηση στοιχείων μέσω ΓΓΠΣ", result["detail"], link=result["continue_url"], link_label="Είσοδος")


@pages.post("/v1/recovery/password/form")
def reset_password_form():
    ctx = service_context()
    try:
        flow = _load("reset-password")
        result = flows.reset_password_with_gsis(session, ctx, flow, request.form.get("password", ""))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        if problem.status == 422:
            session.rollback()
            return _flow_page(flow, flows.flow_view(session, ctx, _load("reset-password")), status=422,
                              errors=problem.extensions.get("errors"), error=problem.detail)
        return _problem_page(problem, "Ξέχασα τον κωδικό πρόσβασης")
    return _message("Ο κωδικός πρόσβασης άλλαξε", result["detail"], value=result["username"], value_label="Όνομα χρήστη",
                    link=ctx.config.web_url, link_label="Συνέχεια")


@pages.get("/v1/recovery/reset")
def reset_link():
    token = request.args.get("token", "")
    try:
        row = flows.check_link(session, service_context(), token, "reset-password")
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        return _problem_page(problem, "Ανάκτηση Κωδικών")
    return render_template("accounts/new_password.html", username=row.email, hidden={"token": token}, errors={},
                           error=None, action=_action("reset_link_form"))


@pages.post("/v1/recovery/reset/form")
def reset_link_form():
    ctx = service_context()
    token = request.form.get("token", "")
    try:
        result = flows.reset_password_with_token(session, ctx, token, request.form.get("password", ""))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        if problem.status == 422:
            row = flows.check_link(session, service_context(), token, "reset-password")
            return make_response(render_template(
                "accounts/new_password.html", username=row.email, hidden={"token": token},
                errors=problem.extensions.get("errors") or {}, error=problem.detail,
                action=_action("reset_link_form")), 422)
        return _problem_page(problem, "Ανάκτηση Κωδικών")
    return _message("Ο κωδικός πρόσβασης άλλαξε", result["detail"], value=result["username"], value_label="Όνομα χρήστη",
                    link=ctx.config.web_url, link_label="Συνέχεια")
