"""The support page («Τεχνική υποστήριξη», seed 002 §6): a request for help by someone who may not
be able to sign in (that is often the problem), so it needs no token; the helpdesk reads it
through the API (/v1/support-requests). The confirmation page's «Επιστροφή», the login theme and
the web client's footer link here."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.problems import as_problem
from epimorfosi_platform.web import current_clock, session
from flask import Response, make_response, render_template, request

from ..pages import action, message_page, pages, problem_page, web_url
from . import operations
from .rules import SUPPORT_TOPICS, contact_fields
from .schemas import SupportPageSchema

HEADING = "Αίτημα τεχνικής υποστήριξης"
FIELDS = ("topic", "description", "afm", "contact_email", "requester_name")


def _form_page(values: dict, errors: dict | None = None, status: int = 200) -> Response:
    return make_response(render_template(
        "accounts/support.html", heading=HEADING, values=values, errors=errors or {}, action=action("support_form"),
        topics=SUPPORT_TOPICS.items(), error="Ελέγξτε τα πεδία που επισημαίνονται." if errors else None,
    ), status)


@pages.route("/v1/support/new", methods=["GET", "POST"])
def support_form():
    if request.method == "GET":
        return _form_page({"topic": request.args.get("topic", "")})
    values = {name: request.form.get(name, "") for name in FIELDS}
    # Every wrong field at once: the form's own checks and the ΑΦΜ / e-mail rules.
    errors = SupportPageSchema().validate(values)
    errors.update(contact_fields(values["afm"], values["contact_email"])[2])
    if errors:
        return _form_page(values, errors, 422)
    try:
        row = operations.create_anonymous_support_request(session, SupportPageSchema().load(values),
                                                          now=current_clock().now())
    except (DomainError, Problem) as error:
        problem = as_problem(error)
        if problem.status == 422:
            return _form_page(values, problem.extensions.get("errors") or {}, 422)
        return problem_page(problem, HEADING)
    return message_page(
        "Το αίτημά σας καταχωρίστηκε",
        f"Η Τεχνική Υποστήριξη θα σας απαντήσει στο {row.contact_email}. Αναφέρετε τον αριθμό του αιτήματος αν επικοινωνήσετε ξανά.",
        201, success=True, value=str(row.id), value_label="Αριθμός αιτήματος", link=web_url(), link_label="Αρχική σελίδα",
    )
