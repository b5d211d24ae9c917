"""Minimal server-rendered Greek pages where a browser lands without the web client: the return
from GSIS (Taxisnet), the links of the e-mails, and the forms that follow them. Each slice adds
its pages (`<slice>/pages.py`) to the one blueprint here; they call the same use cases as the JSON
API and are not part of the OpenAPI document.

GSIS and e-mail links arrive with GET, and the platform commits only mutating requests, so the
views that must keep a change made by such a GET (flow started, GSIS record kept, account
activated) commit it themselves, once, at the end."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.web import service_context
from flask import Blueprint, Response, make_response, render_template

pages = Blueprint("account_pages", __name__, template_folder="templates")

_ACTIONS = {
    "register_form": "/v1/registration/form",
    "confirm_form": "/v1/gsis/confirm/form",
    "reset_password_form": "/v1/recovery/password/form",
    "reset_link_form": "/v1/recovery/reset/form",
}


def account_pages() -> Blueprint:
    """The blueprint with every slice's pages (importing them adds their routes)."""
    from .gsis_confirmation import pages as _confirmation  # noqa: F401
    from .gsis_flow import pages as _flow  # noqa: F401
    from .recovery import pages as _recovery  # noqa: F401
    from .registration import pages as _registration  # noqa: F401

    return pages


@pages.after_request
def _headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
        response.headers["Referrer-Policy"] = "no-referrer"  # the links carry single-use tokens
    return response


def message_page(heading: str, message: str, status: int = 200, *, error: bool = False, **extra) -> Response:
    return make_response(render_template("accounts/message.html", heading=heading, message=message, error=error, **extra), status)


def problem_page(problem: Problem, heading: str = "Δεν ήταν δυνατή η ολοκλήρωση") -> Response:
    return message_page(heading, problem.detail or problem.title, problem.status, error=True,
                        link=service_context().settings.web_url, link_label="Αρχική σελίδα")


def action(name: str) -> str:
    # Absolute, on the public URL: behind the gateway the path has a prefix (/api/identity).
    return service_context().public_url(_ACTIONS[name])


def web_url() -> str:
    return service_context().settings.web_url
