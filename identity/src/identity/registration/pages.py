"""Pages of registration: the form after GSIS and the activation link."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.problems import as_problem
from epimorfosi_platform.web import service_context, session
from flask import Response, make_response, render_template, request

from ..gsis_flow.api import posted_flow
from ..gsis_flow.queries import flow_view
from ..gsis_flow.record import GSIS_FIELDS
from ..pages import action, message_page, pages, problem_page, web_url
from ..states import GsisPurpose
from . import operations

HEADING = "Εγγραφή νέου χρήστη"


def registration_page(view: dict, *, status: int = 200, form: dict | None = None, errors: dict | None = None,
                      error: str | None = None) -> Response:
    if view.get("error"):
        return message_page(HEADING, view["error"]["detail"], 409, error=True, link=web_url(), link_label="Αρχική σελίδα")
    return make_response(render_template(
        "accounts/register.html", view=view, fields=GSIS_FIELDS, state=request.values.get("state", ""),
        form=form or {}, errors=errors or {}, error=error, action=action("register_form"),
    ), status)


@pages.post("/v1/registration/form")
def register_form():
    form = {k: request.form.get(k, "") for k in ("email", "gender", "registry_number", "password")}
    try:
        flow = posted_flow(GsisPurpose.REGISTRATION)
    except (DomainError, Problem) as error:
        return problem_page(as_problem(error), HEADING)
    try:
        result = operations.register(session, service_context(), flow, form)
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        session.rollback()
        if problem.status == 422 or problem.extensions.get("errors"):
            flow = posted_flow(GsisPurpose.REGISTRATION)
            form.pop("password")
            return registration_page(flow_view(session, service_context(), flow), status=problem.status, form=form,
                                     errors=problem.extensions.get("errors") or {}, error=problem.detail)
        return problem_page(problem, HEADING)
    return message_page("Η εγγραφή σας έγινε με επιτυχία", result["detail"], 201, success=True)


@pages.get("/v1/registration/verify")
def verify_link():
    try:
        result = operations.verify_email(session, service_context(), request.args.get("token"))
    except (DomainError, Problem) as error:
        return problem_page(as_problem(error), "Ενεργοποίηση λογαριασμού")
    session.commit()  # the link is a GET (see pages.py)
    return message_page("Ενεργοποίηση λογαριασμού",
                        result["detail"] + " Κάντε κλικ στο «εδώ» για να μεταβείτε στην αρχική σελίδα.",
                        success=True, link=web_url(), link_label="εδώ")
