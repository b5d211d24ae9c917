"""Pages of recovery: the one-field forms that start it, the screens after GSIS, the reset link."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.problems import as_problem
from epimorfosi_platform.web import service_context, session
from flask import Response, make_response, render_template, request

from ..gsis_flow.api import posted_flow, redirect_to_gsis
from ..gsis_flow.operations import start_flow
from ..gsis_flow.queries import flow_view
from ..links.operations import check_link
from ..pages import action, message_page, pages, problem_page, web_url
from ..states import GsisPurpose, LinkPurpose
from . import operations

FORGOT_PASSWORD = "Ξέχασα τον κωδικό πρόσβασης"
FORGOT_EMAIL = "Ξέχασα το Email Μητρώου"
CREDENTIALS = "Ανάκτηση Κωδικών"


_ASK = {  # the one-field forms: heading, field, input type, autocomplete, label, message
    "password": (FORGOT_PASSWORD, "email", "email", "email", "Email εγγραφής",
                 "Δώστε τη διεύθυνση e-mail που δηλώσατε κατά την εγγραφή σας. Στη συνέχεια θα γίνει "
                 "αυθεντικοποίηση μέσω της ΓΓΠΣ (κωδικοί Taxisnet)."),
    "credentials": (CREDENTIALS, "identifier", "text", "off", "Α.Φ.Μ. ή Α.Μ. Εκπαιδευτικού",
                    "Πληκτρολογήστε τον Α.Φ.Μ. ή τον Α.Μ. Εκπαιδευτικού σας (εφόσον διαθέτετε) για να λάβετε "
                    "σύνδεσμο στο δηλωμένο e-mail σας."),
}


def _ask_page(which: str, problem: Problem | None = None) -> Response:
    """The one-field form that starts a recovery; it posts back to the same page, and comes back
    with the error next to the field when the value is refused (422)."""
    heading, name, input_type, autocomplete, label, message = _ASK[which]
    errors = (problem.extensions.get("errors") or {name: [problem.detail]}) if problem else {}
    return make_response(render_template(
        "accounts/ask.html", heading=heading, name=name, input_type=input_type, autocomplete=autocomplete,
        label=label, message=message, values={name: request.form.get(name, "")}, errors=errors,
        error=problem.detail if problem else None, action=service_context().public_url(request.path),
    ), problem.status if problem else 200)


def _refused(which: str, problem: Problem) -> Response:
    session.rollback()
    return _ask_page(which, problem) if problem.status == 422 else problem_page(problem, _ASK[which][0])


def _new_password_page(username: str, hidden: dict, form_action: str, *, status: int = 200,
                       errors: dict | None = None, error: str | None = None) -> Response:
    return make_response(render_template(
        "accounts/new_password.html", username=username, hidden=hidden, errors=errors or {}, error=error,
        action=action(form_action)), status)


def _changed_page(result: dict) -> Response:
    return message_page("Ο κωδικός πρόσβασης άλλαξε", result["detail"], success=True, value=result["username"],
                        value_label="Όνομα χρήστη", link=web_url(), link_label="Συνέχεια")


def reset_password_page(view: dict, *, status: int = 200, errors: dict | None = None,
                        error: str | None = None) -> Response:
    if view.get("error"):
        return message_page(FORGOT_PASSWORD, view["error"]["detail"], 403, error=True,
                            link=service_context().public_url("/v1/gsis/start?purpose=forgot-email"),
                            link_label=FORGOT_EMAIL)
    return _new_password_page(view["username"], {"state": request.values.get("state", "")}, "reset_password_form",
                              status=status, errors=errors, error=error)


def forgot_email_page(view: dict) -> Response:
    if view.get("error"):
        return message_page(FORGOT_EMAIL, view["error"]["detail"], 404, error=True,
                            link=service_context().public_url("/v1/gsis/start?purpose=registration"),
                            link_label="Εγγραφή μέσω ΓΓΠΣ")
    return message_page(FORGOT_EMAIL, "Το email μητρώου του λογαριασμού σας είναι:", value=view["email"],
                        value_label="Email μητρώου", link=web_url(), link_label="Επιστροφή")


@pages.route("/v1/recovery/password/start", methods=["GET", "POST"])
def forgot_password_start():
    """«Ξέχασα τον κωδικό πρόσβασης»: the registered e-mail, then Taxisnet."""
    if request.method == "GET":
        return _ask_page("password")
    try:
        started = start_flow(session, service_context(), GsisPurpose.RESET_PASSWORD, email=request.form.get("email"))
    except (DomainError, Problem) as error:
        return _refused("password", as_problem(error))
    return redirect_to_gsis(started)


@pages.route("/v1/recovery/credentials/start", methods=["GET", "POST"])
def credentials_start():
    """«Ανάκτηση Κωδικών» (seed 001): ΑΦΜ ή Α.Μ."""
    if request.method == "GET":
        return _ask_page("credentials")
    try:
        result = operations.request_credentials(session, service_context(), request.form.get("identifier", ""))
    except (DomainError, Problem) as error:
        return _refused("credentials", as_problem(error))
    return message_page(CREDENTIALS, result["detail"])


@pages.post("/v1/recovery/password/form")
def reset_password_form():
    ctx = service_context()
    try:
        flow = posted_flow(GsisPurpose.RESET_PASSWORD)
        result = operations.reset_password_with_gsis(session, ctx, flow, request.form.get("password", ""))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        if problem.status == 422:
            session.rollback()
            view = flow_view(session, ctx, posted_flow(GsisPurpose.RESET_PASSWORD))
            return reset_password_page(view, status=422, errors=problem.extensions.get("errors"), error=problem.detail)
        return problem_page(problem, FORGOT_PASSWORD)
    return _changed_page(result)


@pages.get("/v1/recovery/reset")
def reset_link():
    token = request.args.get("token", "")
    try:
        row = check_link(session, service_context(), token, LinkPurpose.RESET_PASSWORD)
    except (DomainError, Problem) as error:
        return problem_page(as_problem(error), CREDENTIALS)
    return _new_password_page(row.email, {"token": token}, "reset_link_form")


@pages.post("/v1/recovery/reset/form")
def reset_link_form():
    ctx = service_context()
    token = request.form.get("token", "")
    try:
        result = operations.reset_password_with_token(session, ctx, token, request.form.get("password", ""))
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        if problem.status == 422:
            row = check_link(session, ctx, token, LinkPurpose.RESET_PASSWORD)
            return _new_password_page(row.email, {"token": token}, "reset_link_form", status=422,
                                      errors=problem.extensions.get("errors"), error=problem.detail)
        return problem_page(problem, CREDENTIALS)
    return _changed_page(result)
