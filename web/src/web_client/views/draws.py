"""The public draws of a period, for the central administrator: the programme lottery and the
allocation of phases A and B (docs/draws.md). One procedure for all three, as a task list: «Πάγωμα»
(the input's SHA-256 is published), the seed from a public source, the draw, then the published
record with its download and how anyone verifies it offline. Every step is irreversible, so each
is asked twice: a step posted without `confirm=yes` only shows the Ναι/Όχι question."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..paging import paginate
from ..signed_in import requires_role, web
from . import draw_records

bp = Blueprint("draws", __name__, url_prefix="/periods/<int:period_id>")


@dataclass(frozen=True)
class Draw:
    slug: str         # in the page's URL
    api: str          # the API path after periods/{id}/
    title: str
    button: str       # the draw step's button
    frozen: str       # what «Πάγωμα» fixes
    window: tuple[str, str]  # the period's fields between which the API allows the steps
    summary: str      # the template of the published record's summary

    @property
    def file_name(self) -> str:
        return f"{self.slug}.json"


DRAWS = {draw.slug: draw for draw in (
    Draw("lottery", "lottery", N_("Κλήρωση προγραμμάτων"), N_("Κλήρωση"),
         N_("οι οριστικές αιτήσεις εκδήλωσης ενδιαφέροντος των ΚΣΕ και ο πίνακας γεωγραφικής κατανομής"),
         ("interest_closes_at", "applications_a_opens_at"), "draws/lottery_record.html"),
    Draw("allocation-A", "allocation/A", N_("Κατανομή εκπαιδευτικών Α' φάσης"), N_("Κατανομή"),
         N_("οι αιτήσεις των εκπαιδευτικών της Α' φάσης και τα προγράμματα με τις θέσεις τους"),
         ("applications_a_closes_at", "applications_b_opens_at"), "draws/allocation_record.html"),
    Draw("allocation-B", "allocation/B", N_("Κατανομή εκπαιδευτικών Β' φάσης"), N_("Κατανομή"),
         N_("οι αιτήσεις των εκπαιδευτικών της Β' φάσης, τα προγράμματα και οι θέσεις της Α' φάσης"),
         ("applications_b_closes_at", "enrolment_deadline"), "draws/allocation_record.html"),
)}
STEPS = {
    "freeze": N_("Θέλετε να «παγώσετε» τα δεδομένα; Μετά το πάγωμα δεν αλλάζουν πια και δημοσιεύεται το αποτύπωμά τους."),
    "seed": N_("Θέλετε να καταχωρίσετε αυτόν τον σπόρο; Καταχωρίζεται μία φορά και δεν αλλάζει."),
    "draw": N_("Θέλετε να προχωρήσετε τώρα; Το αποτέλεσμα υπολογίζεται από τα «παγωμένα» δεδομένα και τον σπόρο, δημοσιεύεται και δεν αλλάζει."),
}
SEED_LABELS = {"seed": N_("Σπόρος"), "source": N_("Δημόσια πηγή του σπόρου")}


def draw_of(slug: str) -> Draw:
    if slug not in DRAWS:
        abort(404)
    return DRAWS[slug]


def record_of(period_id: int, draw: Draw) -> dict | None:
    """The draw's record, or None before «Πάγωμα» (the API answers 404 *-not-frozen)."""
    try:
        return web().api.get("applications", f"periods/{period_id}/{draw.api}")
    except ApiProblem as problem:
        if problem.status == 404 and str(problem.problem.get("type", "")).endswith("not-frozen"):
            return None
        raise


@bp.get("/<slug>")
@requires_role(roles.CENTRAL_ADMIN)
def procedure(period_id: int, slug: str):
    return render_procedure(period_id, draw_of(slug))


def render_procedure(period_id: int, draw: Draw, errors: FormErrors | None = None,
                     values: dict | None = None, status: int = 200):
    period = web().api.get("applications", f"periods/{period_id}")
    record = record_of(period_id, draw)
    errors = errors or FormErrors()
    summary = draw_records.summary_of(draw.slug, record) if record and record["status"] == "drawn" else None
    page = paginate(summary.rows, web().settings.page_size) if summary else None
    return render_template("draws/procedure.html", period=period, draw=draw, record=record,
                           summary=summary, page=page, values=values or {}, errors=errors,
                           error_lines=errors.summary(SEED_LABELS), labels=SEED_LABELS), status


@bp.post("/<slug>/<step>")
@requires_role(roles.CENTRAL_ADMIN)
def act(period_id: int, slug: str, step: str):
    draw = draw_of(slug)
    if step not in STEPS:
        abort(404)
    values = {name: request.form.get(name, "").strip() for name in SEED_LABELS}
    if step == "seed":
        errors = FormErrors()
        for name in SEED_LABELS:
            if not values[name]:
                errors.add(name, gettext("Συμπληρώστε το πεδίο."))
        if errors:
            return render_procedure(period_id, draw, errors, values, 422)
    if request.form.get("confirm") != "yes":
        period = web().api.get("applications", f"periods/{period_id}")
        return render_template("draws/confirm.html", period=period, draw=draw, step=step,
                               question=STEPS[step], values=values, labels=SEED_LABELS)
    body = values if step == "seed" else None
    try:
        web().api.post("applications", f"periods/{period_id}/{draw.api}/{step}", body)
    except ApiProblem as problem:
        return render_procedure(period_id, draw, errors_from_problem(problem), values, 422)
    return redirect(url_for(".procedure", period_id=period_id, slug=slug, done=step) + f"#step-{step}", 303)


@bp.get("/<slug>/record.json")
@requires_role(roles.CENTRAL_ADMIN)
def download(period_id: int, slug: str):
    """The record exactly as the API publishes it: the file `python -m applications_svc.verify` reads."""
    draw = draw_of(slug)
    period = web().api.get("applications", f"periods/{period_id}")
    try:
        answer = web().api.send("GET", "applications", f"periods/{period_id}/{draw.api}")
    except ApiProblem:
        abort(404)  # nothing frozen yet: no file
    return Response(answer.content, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{period["code"]}-{draw.file_name}"'})
