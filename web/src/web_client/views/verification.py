"""The public page that confirms a printed document (A2, B4, a list) by its verification code: the
QR code printed on it links here (`EPI_DOCUMENTS_VERIFY_URL` = <public URL>/verify/). No sign-in;
it shows only what documents-svc's /v1/verify confirms (kind, holder's name, programme, date), and
the gateway limits it per client address."""
from __future__ import annotations

import re

from flask import Blueprint, redirect, render_template, request, url_for

from ..api_client import ApiProblem
from ..signed_in import web

bp = Blueprint("verification", __name__, url_prefix="/verify")

TYPED_CODE = re.compile(r"^[A-Za-z0-9 ._-]{1,40}$")  # what a person may type; documents-svc decides


@bp.get("")
def ask():
    """A form to type the code printed on the paper (when there is no QR reader at hand)."""
    typed = (request.args.get("code") or "").strip()
    if typed:
        return redirect(url_for("verification.result", code=typed))
    return render_template("verification/ask.html")


@bp.get("/<code>")
def result(code: str):
    found = None
    if TYPED_CODE.match(code):
        try:
            found = web().api.send("GET", "documents", f"verify/{code}", anonymous=True).json()
        except ApiProblem as problem:
            if problem.status != 404:
                raise
    status = 200 if found else 404
    return render_template("verification/result.html", document=found, code=code[:40]), status
