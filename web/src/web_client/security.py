"""Browser-facing protections: a strict Content-Security-Policy and other headers on every
response, and a CSRF token (per session) required on every form that changes something."""
from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import Flask, Response, abort, g, request

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_FIELD = "csrf_token"


def content_security_policy(issuer: str) -> str:
    issuer_origin = "{0.scheme}://{0.netloc}".format(urlsplit(issuer))
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",  # no inline script, no eval
        "style-src 'self'",  # no inline style either (htmx's indicator styles are switched off)
        "img-src 'self' data:",  # the design system draws its arrows as data: SVGs
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        # Chromium applies form-action to a form's redirects too: logout goes on to the issuer.
        f"form-action 'self' {issuer_origin}",
    ])


def install_security_headers(app: Flask, issuer: str) -> None:
    policy = content_security_policy(issuer)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if response.mimetype == "text/html":
            # Pages carry personal data and the CSRF token: never from a shared cache.
            response.headers["Cache-Control"] = "no-store"
        return response


def token_is_credential(view):
    """Marks a form that works without signing in because a secret in its own address is the
    credential (an e-mail's one-click link): no session, so no session CSRF token. A forged
    cross-site post would need that secret, which only its holder has; the browser's own word that
    the post comes from another site (Sec-Fetch-Site) refuses it all the same."""
    view.token_is_credential = True
    return view


def check_same_site() -> None:
    """400 for a post another site made (the browser says so), for the forms `token_is_credential`."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        abort(400, description="csrf")


def check_csrf() -> None:
    """400 unless the form carries this session's token. Without a session (it ended while the form
    was open) the person signs in again and comes back to the page; nothing is done."""
    from .signed_in import SignInRequired, return_path

    web_session = g.get("web_session")
    if web_session is None:
        raise SignInRequired(return_path())
    sent = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token") or ""
    if not hmac.compare_digest(sent.encode(), web_session.csrf_token.encode()):
        abort(400, description="csrf")
