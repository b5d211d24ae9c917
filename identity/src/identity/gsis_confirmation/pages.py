"""Pages of the GSIS confirmation: the comparison after GSIS and its form."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.problems import as_problem
from epimorfosi_platform.web import service_context, session
from flask import Response, make_response, render_template, request

from ..gsis_flow.api import posted_flow
from ..pages import action, message_page, pages, problem_page
from ..states import GsisPurpose
from . import operations

HEADING = "Πιστοποίηση στοιχείων μέσω ΓΓΠΣ"


def confirmation_page(view: dict) -> Response:
    return make_response(render_template(
        "accounts/confirm.html", view=view, state=request.values.get("state", ""), action=action("confirm_form"),
    ), 409 if view.get("error") else 200)


@pages.post("/v1/gsis/confirm/form")
def confirm_form():
    try:
        result = operations.confirm_gsis(session, service_context(), posted_flow(GsisPurpose.CONFIRM))
    except (DomainError, Problem) as error:
        return problem_page(as_problem(error), HEADING)
    return message_page(HEADING, result["detail"], success=True, link=result["continue_url"], link_label="Είσοδος")
