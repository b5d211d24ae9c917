"""The centre head's «Διαχείριση πόρων ΚΣΕ → Προσωπικό Συντονισμού / Τεχνικοί Υπεύθυνοι»: the lists of
the chosen period with «Εισαγωγή μέλους», «Τροποποίηση στοιχείων» and «Διαγραφή» while the window of
staff changes is open and the lists are not submitted, and «Οριστική υποβολή αίτησης αλλαγών
στελεχικού δυναμικού» behind a Ναι/Όχι confirmation. resources-svc decides; the page shows its answer."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..signed_in import requires_role, web
from .staff_scope import Scope, load_scope

bp = Blueprint("staff", __name__, url_prefix="/resources")

LISTS = {"coordinators": ("coordinator", N_("Προσωπικό Συντονισμού")),
         "technical-leads": ("technical-lead", N_("Τεχνικοί Υπεύθυνοι"))}
LABELS = {
    "membership": N_("Ιδιότητα μέλους"),
    "afm": N_("ΑΦΜ"),
    "surname": N_("Επώνυμο"),
    "given_name": N_("Όνομα"),
    "father_name": N_("Πατρώνυμο"),
    "specialty": N_("Κλάδος / ειδικότητα"),
    "email": N_("Ηλεκτρονικό ταχυδρομείο"),
    "phone": N_("Τηλέφωνο"),
}
MEMBERSHIPS = (("regular", N_("Τακτικό μέλος")), ("substitute", N_("Αναπληρωματικό μέλος")))


def _list_of(name: str) -> tuple[str, str]:
    if name not in LISTS:
        abort(404)
    return LISTS[name]


def _member_body(role: str) -> dict:
    values = request.form
    return {"role": role, **{name: values.get(name, "").strip() for name in LABELS}}


def _render(template: str, scope: Scope, status: int = 200, **context):
    return render_template(template, scope=scope, lists=LISTS, labels=LABELS, memberships=MEMBERSHIPS,
                           **context), status


@bp.route("/staff/<list_name>", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def staff_list(list_name: str):
    role, _title = _list_of(list_name)
    scope = load_scope()
    values, errors = {"membership": "regular"}, FormErrors()
    if scope.period is not None and request.method == "POST":
        values = request.form.to_dict()
        try:
            web().api.post("resources", f"{scope.base}/staff", _member_body(role))
            return redirect(url_for(".staff_list", list_name=list_name, period=scope.period["period_id"],
                                    added=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    return _list_page(scope, list_name, values, errors)


def _list_page(scope: Scope, list_name: str, values: dict, errors: FormErrors):
    role, title = LISTS[list_name]
    members = web().api.get("resources", f"{scope.base}/staff", role=role) if scope.period else []
    return _render("staff/list.html", scope, 422 if errors else 200, list_name=list_name, title=title,
                   members=members, values=values, errors=errors, summary=errors.summary(LABELS))


@bp.route("/staff/<list_name>/<int:member_id>", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def edit_member(list_name: str, member_id: int):
    role, title = _list_of(list_name)
    scope = load_scope()
    if scope.period is None:
        abort(404)
    path = f"{scope.base}/staff/{member_id}"
    errors = FormErrors()
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            web().api.put("resources", path, _member_body(role))
            return redirect(url_for(".staff_list", list_name=list_name, period=scope.period["period_id"],
                                    saved=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    else:
        values = web().api.get("resources", path)
    return _render("staff/edit.html", scope, 422 if errors else 200, list_name=list_name, title=title,
                   member_id=member_id, values=values, errors=errors, summary=errors.summary(LABELS))


@bp.route("/staff/<list_name>/<int:member_id>/delete", methods=["POST"])
@requires_role(roles.KSE_HEAD)
def delete_member(list_name: str, member_id: int):
    _list_of(list_name)
    scope = load_scope()
    if scope.period is None:
        abort(404)
    try:
        web().api.delete("resources", f"{scope.base}/staff/{member_id}")
    except ApiProblem as problem:
        return _list_page(scope, list_name, {"membership": "regular"}, errors_from_problem(problem))
    return redirect(url_for(".staff_list", list_name=list_name, period=scope.period["period_id"], deleted=1), 303)


@bp.route("/staff-submission", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def submission():
    scope = load_scope()
    errors = FormErrors()
    if scope.period is not None and request.method == "POST":
        if request.form.get("answer") != "yes":
            return redirect(url_for(".staff_list", list_name="coordinators", period=scope.period["period_id"]), 303)
        try:
            web().api.post("resources", f"{scope.base}/staff-submission")
            return redirect(url_for(".submission", period=scope.period["period_id"], submitted=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    return _render("staff/submission.html", scope, 422 if errors else 200, errors=errors,
                   summary=errors.summary({}))
