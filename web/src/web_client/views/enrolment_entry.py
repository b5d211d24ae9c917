"""One candidate's entry of «Εγγραφή επιμορφούμενων»: the withdrawal with the signed declaration
(«Υπεύθυνη Δήλωση», a PDF) uploaded, the central admin's skip of a promoted waitlisted candidate
with a recorded reason (behind a confirmation), the entry's history (who, when, what, why) and the
declaration as uploaded. enrollment-svc checks the PDF, the state and the roles."""
from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..downloads import pdf_response
from ..signed_in import requires_role, web
from .enrolment import READERS, STATE_LABELS, WRITERS, api_or_404, b4_documents, programme_path
from .paper_forms import pdf_of

bp = Blueprint("enrolment_entry", __name__, url_prefix="/programmes/enrolment")

TEACHER_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,100}$")  # an account id, never a path of the API
ACTION_LABELS = {
    "allocation": N_("Κατανομή"),
    "enrol": N_("Εγγραφή"),
    "withdraw": N_("Αποχώρηση"),
    "promote": N_("Θέση από τη λίστα επιλαχόντων"),
    "offer": N_("Προσφορά θέσης"),
    "accept": N_("Αποδοχή θέσης"),
    "decline": N_("Άρνηση θέσης"),
    "skip": N_("Παράκαμψη"),
    "cancel": N_("Ακύρωση προγράμματος"),
}
LABELS = {"file": N_("Υπεύθυνη Δήλωση (PDF)"), "reason": N_("Αιτιολογία παράκαμψης")}


def entry_of(code: str, teacher_id: str) -> tuple[dict, dict]:
    """The programme's listing and this candidate's entry in it (404 if not a candidate)."""
    if not TEACHER_ID.match(teacher_id):
        abort(404)
    listed = api_or_404("GET", programme_path(code, "entries"))
    entry = next((e for e in listed.get("entries") or [] if e["teacher_id"] == teacher_id), None)
    if entry is None:
        abort(404)
    return listed, entry


def entry_path(code: str, teacher_id: str, tail: str) -> str:
    return programme_path(code, f"entries/{teacher_id}/{tail}")


def _form(template: str, code: str, teacher_id: str, errors: FormErrors, status: int = 200, **context):
    listed, entry = entry_of(code, teacher_id)
    return render_template(template, code=code, listed=listed, entry=entry, state_labels=STATE_LABELS,
                           errors=errors, summary=errors.summary(LABELS), labels=LABELS, **context), status


@bp.route("/<code>/<teacher_id>/withdrawal", methods=["GET", "POST"])
@requires_role(*WRITERS)
def withdrawal(code: str, teacher_id: str):
    errors = FormErrors()
    if request.method == "POST":
        upload = request.files.get("file")
        content = upload.read() if upload else b""
        if not content:
            errors.add("file", _("Ανεβάστε την υπογεγραμμένη υπεύθυνη δήλωση (PDF)."))
        else:
            try:
                api_or_404("POST", entry_path(code, teacher_id, "withdrawal"),
                           files={"file": (upload.filename or "declaration.pdf", content, "application/pdf")})
                return redirect(url_for("enrolment.programme", code=code, withdrawn=1), 303)
            except ApiProblem as problem:
                errors = errors_from_problem(problem)
    return _form("enrolment/withdrawal.html", code, teacher_id, errors, 422 if errors else 200)


@bp.route("/<code>/<teacher_id>/skip", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def skip(code: str, teacher_id: str):
    """The manual's confirmation: the reason and «Ναι, παράκαμψη» skip; «Όχι» goes back."""
    errors, reason = FormErrors(), request.form.get("reason", "").strip()
    if request.method == "POST":
        if request.form.get("answer") != "yes":
            return redirect(url_for("enrolment.programme", code=code), 303)
        if not reason:
            errors.add("reason", _("Γράψτε την αιτιολογία της παράκαμψης."))
        else:
            try:
                api_or_404("POST", entry_path(code, teacher_id, "skip"), json={"reason": reason})
                return redirect(url_for("enrolment.programme", code=code, skipped=1), 303)
            except ApiProblem as problem:
                errors = errors_from_problem(problem)
    return _form("enrolment/skip.html", code, teacher_id, errors, 422 if errors else 200, reason=reason)


@bp.get("/<code>/<teacher_id>/history")
@requires_role(*READERS)
def history(code: str, teacher_id: str):
    listed, entry = entry_of(code, teacher_id)
    rows = api_or_404("GET", entry_path(code, teacher_id, "history"))
    return render_template("enrolment/history.html", code=code, listed=listed, entry=entry, rows=rows,
                           state_labels=STATE_LABELS, action_labels=ACTION_LABELS)


@bp.get("/<code>/<teacher_id>/b4.pdf")
@requires_role(*READERS)
def b4(code: str, teacher_id: str):
    """The trainee's «Β4 – Βεβαίωση εγγραφής» as documents-svc issued it (it decides who reads it)."""
    document_id = b4_documents(code).get(teacher_id)
    if document_id is None:
        abort(404)
    return pdf_of(document_id)


@bp.get("/<code>/<teacher_id>/declaration.pdf")
@requires_role(*READERS)
def declaration(code: str, teacher_id: str):
    if not TEACHER_ID.match(teacher_id):
        abort(404)
    try:
        upstream = web().api.stream("enrollment", entry_path(code, teacher_id, "declaration"))
    except ApiProblem as problem:
        if problem.status == 404:
            abort(404)
        raise

    return pdf_response(upstream)
