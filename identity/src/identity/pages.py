"""Minimal server-rendered Greek pages where a browser lands without the web client: the return
from GSIS (Taxisnet), the links of the e-mails, and the forms that follow them. Each slice adds
its pages (`<slice>/pages.py`) to the one blueprint here; they call the same use cases as the JSON
API and are not part of the OpenAPI document.

GSIS and e-mail links arrive with GET, and the platform commits only mutating requests, so the
views that must keep a change made by such a GET (flow started, GSIS record kept, account
activated) commit it themselves, once, at the end.

The look is the web client's and the login theme's (GOV.GR design system): templates/accounts/base.html,
with the theme's CSS and fonts served from the theme's folder itself (static/theme is a link to
identity/keycloak/themes/epimorfosi/login/resources, shipped in the wheel as package data), under a
strict Content-Security-Policy: no inline script or style, only this service's own files."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.web import service_context
from urllib.parse import urlsplit

from flask import Blueprint, Response, make_response, render_template

from .accounts.rules import PASSWORD_RULES, PasswordRule

STATIC_PATH = "/v1/pages/static"
pages = Blueprint("account_pages", __name__, template_folder="templates", static_folder="static",
                  static_url_path=STATIC_PATH)

_ACTIONS = {
    "register_form": "/v1/registration/form",
    "confirm_form": "/v1/gsis/confirm/form",
    "reset_password_form": "/v1/recovery/password/form",
    "reset_link_form": "/v1/recovery/reset/form",
    "support_form": "/v1/support/new",
}


def account_pages() -> Blueprint:
    """The blueprint with every slice's pages (importing them adds their routes)."""
    from .gsis_confirmation import pages as _confirmation  # noqa: F401
    from .gsis_flow import pages as _flow  # noqa: F401
    from .recovery import pages as _recovery  # noqa: F401
    from .registration import pages as _registration  # noqa: F401
    from .support import pages as _support  # noqa: F401

    return pages


def content_security_policy(public_url: str) -> str:
    """Only this service's own files (by its public origin too: behind the gateway the page and
    its assets come from there); the design system draws its arrows as data: SVGs. No form-action:
    the recovery forms go on to GSIS, whose address is configuration."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(public_url))
    own = f"'self' {origin}"
    return "; ".join([
        "default-src 'none'", f"script-src {own}", f"style-src {own}", f"font-src {own}",
        f"img-src {own} data:", "base-uri 'none'", "object-src 'none'", "frame-ancestors 'none'",
    ])


@pages.app_template_global()
def asset(filename: str) -> str:
    """The public URL of a file of static/ (theme/… is the login theme's resources folder)."""
    return service_context().public_url(f"{STATIC_PATH}/{filename}")


@pages.app_template_global()
def password_rules() -> tuple[PasswordRule, ...]:
    """The rules the password fields list (and password-rules.js ticks): the ones the server checks."""
    return PASSWORD_RULES


@pages.app_template_global()
def support_url() -> str:
    return service_context().settings.support_url


@pages.after_request
def _headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = content_security_policy(service_context().settings.identity_public_url)
        response.headers["X-Content-Type-Options"] = "nosniff"
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


@pages.app_template_global()
def web_url() -> str:
    return service_context().settings.web_url
