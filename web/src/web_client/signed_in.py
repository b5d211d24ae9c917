"""Who is signed in on this request, their current access token (refreshed when due), and the
role check of every page. An ended session sends the person to sign in and back to this page."""
from __future__ import annotations

import functools
from datetime import timedelta
from typing import Callable

from flask import current_app, g, request

from .models import WebSession
from .oidc import SignInFailed
from .sessions import now

REFRESH_MARGIN = timedelta(seconds=30)  # refresh a little before expiry: a call must not race it


class SignInRequired(Exception):
    """No session, or it ended (logout elsewhere, refresh refused): sign in, then come back."""

    def __init__(self, return_to: str | None = None):
        self.return_to = return_to


class AccessDenied(Exception):
    """Signed in, but the role does not open this page («δεν έχετε πρόσβαση»)."""


def web():
    return current_app.extensions["web_client"]


def load_session() -> None:
    """before_request: the session of the cookie, if any."""
    g.web_session = web().sessions.load(request.cookies.get(web().settings.cookie_name))


def current_session() -> WebSession | None:
    return g.get("web_session")


def return_path() -> str:
    """Where to come back after signing in: this page, or for a form the page it was sent from."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = request.referrer or ""
    base = web().settings.public_base_url
    return referrer[len(base):] if referrer.startswith(base + "/") else "/"


def access_token() -> str:
    row = current_session()
    if row is None:
        raise SignInRequired(return_path())
    if row.access_expires_at - now() > REFRESH_MARGIN:
        return row.access_token
    if not row.refresh_token:
        raise SignInRequired(return_path())
    try:
        tokens = web().oidc.refresh(row.refresh_token)
    except SignInFailed:
        web().sessions.delete(row)
        g.web_session = None
        raise SignInRequired(return_path())
    web().sessions.replace_tokens(row, tokens)
    return row.access_token


def requires_role(*roles: str) -> Callable:
    """Page decorator: signed in (else sign in and come back) with one of `roles` (else 403 page)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            row = current_session()
            if row is None:
                raise SignInRequired(return_path())
            if roles and not row.role_set.intersection(roles):
                raise AccessDenied()
            return view(*args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator
