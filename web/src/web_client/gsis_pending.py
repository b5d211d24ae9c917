"""Right after signing in: a teacher whose account has not yet been confirmed at GSIS (identity's
`/me` says `gsis_verified_at` is empty: an account from before the GSIS registration) goes first to
identity's one-time confirmation (Taxisnet, both records side by side, «Πιστοποίηση και είσοδος»),
whose «Είσοδος» brings them back to the web client, still signed in.

The flow is started through the gateway with the person's token, as any other API call; identity's
answer sets the flow's binding cookie, which the browser must carry to identity's GSIS return page
on this same origin, so it is handed on unchanged. A failure to ask (identity down, an account the
directory does not know) never stops the sign-in: the person goes where they were going."""
from __future__ import annotations

import logging

from flask import Response, g, redirect

from . import roles
from .api_client import ApiProblem, ApiUnavailable
from .models import WebSession
from .signed_in import web

log = logging.getLogger(__name__)


def confirmation_redirect(row: WebSession) -> Response | None:
    """The redirect to GSIS that starts the confirmation of this newly signed-in person, if due."""
    if roles.TEACHER not in row.role_set:
        return None
    g.web_session = row  # the API calls below are this person's
    try:
        me = web().api.get("identity", "me")
        if not me.get("has_account") or me.get("gsis_verified_at"):
            return None
        started = web().api.send("POST", "identity", "gsis/flows", json={"purpose": "confirm"})
    except (ApiProblem, ApiUnavailable) as exc:
        log.warning("GSIS confirmation not started", extra={"error": repr(exc)})
        return None
    response = redirect(started.json()["authorize_url"], 303)
    binding = started.headers.get("Set-Cookie")
    if binding:
        response.headers.add("Set-Cookie", binding)
    return response
