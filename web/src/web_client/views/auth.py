"""Sign-in (authorization code + PKCE at the issuer), the callback that opens a server-side session,
and sign-out that also ends the SSO session at the issuer (RP-initiated logout)."""
from __future__ import annotations

import hmac
import logging

from flask import Blueprint, abort, redirect, request

from epimorfosi_platform.auth import InvalidToken

from ..gsis_pending import confirmation_redirect
from ..oidc import SignInFailed
from ..signed_in import current_session, web

log = logging.getLogger(__name__)

bp = Blueprint("auth", __name__, url_prefix="/auth")

LOGIN_COOKIE = "epi_login"  # binds the attempt to this browser: a callback from elsewhere is refused


def safe_return(value: str | None) -> str:
    """Only a path of this site (no scheme, no //host): signing in is no open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@bp.get("/login")
def login():
    sessions = web().sessions
    state, nonce, verifier = sessions.begin_login(safe_return(request.args.get("next")))
    response = redirect(web().oidc.authorization_url(state, nonce, verifier), 303)
    settings = web().settings
    response.set_cookie(LOGIN_COOKIE, state, max_age=600, httponly=True, secure=settings.cookie_secure,
                        samesite="Lax", path="/auth/")
    return response


@bp.get("/callback")
def callback():
    state = request.args.get("state", "")
    if not state or not hmac.compare_digest(state, request.cookies.get(LOGIN_COOKIE, "")):
        abort(400)
    attempt = web().sessions.finish_login(state)
    if attempt is None or "code" not in request.args:
        # Refused at the issuer, expired or replayed: start again from where the person was going.
        return redirect(web_login_url(attempt.return_to if attempt else "/"), 303)
    try:
        tokens = web().oidc.exchange(request.args["code"], attempt.code_verifier, attempt.nonce)
        # The same check the services make: roles and centre come from the access token.
        principal = _runtime().verifier.verify(tokens["access_token"])
    except (SignInFailed, InvalidToken, KeyError) as exc:
        log.warning("sign-in failed", extra={"error": str(exc)})
        abort(400)
    value = web().sessions.create(principal, tokens)
    settings = web().settings
    response = confirmation_redirect(web().sessions.load(value)) or redirect(attempt.return_to, 303)
    response.set_cookie(settings.cookie_name, value, httponly=True, secure=settings.cookie_secure,
                        samesite="Lax", path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/auth/")
    return response


@bp.post("/logout")
def logout():
    row = current_session()  # the CSRF check has run: a session is there
    settings = web().settings
    web().sessions.delete(row)
    target = web().oidc.end_session_url(row.id_token, settings.public_base_url + "/") or "/"
    response = redirect(target, 303)
    response.delete_cookie(settings.cookie_name, path="/", secure=settings.cookie_secure, httponly=True,
                           samesite="Lax")
    return response


def web_login_url(return_to: str) -> str:
    from urllib.parse import urlencode

    return "/auth/login?" + urlencode({"next": safe_return(return_to)})


def _runtime():
    from epimorfosi_platform.web import current_runtime

    return current_runtime()
