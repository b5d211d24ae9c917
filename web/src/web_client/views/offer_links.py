"""The page behind an offer e-mail's one-click decline link, `/offer-links/<token>`: it works without
signing in (the link's token is the credential). GET shows what the offer is and changes nothing
(mail scanners follow links); its one button posts the decline (enrollment-svc's public
`/offer-links/<token>` and `/offer-links/<token>/decline`, through the gateway without a token)."""
from __future__ import annotations

import re

from flask import Blueprint, abort, render_template

from ..api_client import ApiProblem
from ..security import token_is_credential
from ..signed_in import web

bp = Blueprint("offer_links", __name__, url_prefix="/offer-links")

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")  # secrets.token_urlsafe: never a path of the API


def _call(method: str, path: str) -> dict | None:
    """The API's answer, or None when the link no longer works (answered, expired or unknown)."""
    try:
        return web().api.public(method, "enrollment", path)
    except ApiProblem as problem:
        if problem.status in (404, 409):
            return None
        raise


@bp.get("/<token>")
def show(token: str):
    if not TOKEN.match(token):
        abort(404)
    offer = _call("GET", f"enrolment/offer-links/{token}")
    return render_template("offer_links/show.html", offer=offer, token=token), 200 if offer else 404


@bp.post("/<token>")
@token_is_credential
def decline(token: str):
    if not TOKEN.match(token):
        abort(404)
    offer = _call("POST", f"enrolment/offer-links/{token}/decline")
    return render_template("offer_links/declined.html", offer=offer), 200 if offer else 404
