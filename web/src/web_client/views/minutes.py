"""The centre head's «Διαχείριση πόρων ΚΣΕ → Πρακτικό Συλλόγου Διδασκόντων»: upload the period's
minutes (a PDF) with the people of the lists it confirms, the current minutes as a link (the PDF
streamed from resources-svc), and the minutes of earlier periods."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..downloads import pdf_response
from ..signed_in import requires_role, web
from .staff_scope import Scope, load_scope, own_centre_code

bp = Blueprint("minutes", __name__, url_prefix="/resources")

LABELS = {"file": N_("Πρακτικό (PDF)"), "confirmed_afm": N_("Μέλη που επιβεβαιώνει το Πρακτικό")}


def _current(scope: Scope) -> dict | None:
    try:
        return web().api.get("resources", f"{scope.base}/minutes")
    except ApiProblem as problem:
        if problem.status == 404:
            return None
        raise


def _upload(scope: Scope) -> FormErrors:
    upload = request.files.get("file")
    files = {"file": (upload.filename or "", upload.read(), "application/pdf")} if upload else None
    data = [("confirmed_afm", afm) for afm in request.form.getlist("confirmed_afm")]
    try:
        web().api.call("PUT", "resources", f"{scope.base}/minutes", files=files or {"file": ("", b"", "application/pdf")},
                       data=data)
    except ApiProblem as problem:
        return errors_from_problem(problem)
    return FormErrors()


@bp.route("/minutes", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def index():
    scope = load_scope()
    errors = FormErrors()
    if scope.period is not None and request.method == "POST":
        errors = _upload(scope)
        if not errors:
            return redirect(url_for(".index", period=scope.period["period_id"], uploaded=1), 303)
    current = _current(scope) if scope.period else None
    members = web().api.get("resources", f"{scope.base}/staff") if scope.period else []
    confirmed = set(request.form.getlist("confirmed_afm")) if errors else {
        c["afm"] for c in (current or {}).get("confirmations", [])}
    earlier = [m for m in web().api.get("resources", f"centres/{scope.code}/minutes") or []
               if not scope.period or m["period_id"] != scope.period["period_id"]]
    return render_template("staff/minutes.html", scope=scope, current=current, members=members,
                           confirmed=confirmed, earlier=earlier, labels=LABELS, errors=errors,
                           summary=errors.summary(LABELS)), 422 if errors else 200


@bp.route("/minutes/<int:period_id>/file")
@requires_role(roles.KSE_HEAD)
def download(period_id: int):
    code = own_centre_code()
    upstream = web().api.stream("resources", f"centres/{code}/periods/{period_id}/minutes/file")

    return pdf_response(upstream)
