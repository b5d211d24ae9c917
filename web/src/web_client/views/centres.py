"""Central administration «ΚΣΕ και αίθουσες»: the register of centres (filtered by the manual's
«Επιλογή», paged, exported as CSV, imported from CSV all or nothing with the API's line-by-line
errors), registering and editing a centre, and a centre's rooms (resources-svc)."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem, send_csv_file
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, list_address, wants_csv
from ..paging import paginate
from ..signed_in import requires_role, web
from .rooms import ROOM_LABELS, room_form

bp = Blueprint("centres", __name__, url_prefix="/centres")

LABELS = {"code": N_("Κωδικός ΚΣΕ"), "name": N_("Επωνυμία"), "directorate": N_("Διεύθυνση Εκπαίδευσης"),
          "prefecture": N_("Νομός"), "region": N_("Περιφέρεια")}


EDIT_LABELS = {"name": LABELS["name"], "school": N_("Σχολική μονάδα"), "directorate": LABELS["directorate"],
               "prefecture": LABELS["prefecture"], "region": LABELS["region"], "head": N_("Υπεύθυνος ΚΣΕ")}
# The import's own column names, so that an exported register can be corrected and imported again.
CSV_HEADER = ("code", "name", "school", "directorate", "prefecture", "region", "head")
FILTERS = (Filter("region", N_("Περιφέρεια")), Filter("prefecture", N_("Νομός")),
           Filter("directorate", N_("Διεύθυνση Εκπαίδευσης")))
NOT_KEPT = {"imported", "rooms_imported"}  # the notice after an import is not part of the list's address


@bp.get("")
@requires_role(roles.CENTRAL_ADMIN)
def index():
    return _register()


def _register(errors: FormErrors | None = None, summary=(), status: int = 200):
    list_address(url_for(".index"), {k: v for k, v in request.args.items() if k not in NOT_KEPT})
    filters = Filters(web().api.get("resources", "centres"), *FILTERS)
    if wants_csv():
        return csv_response("centres", CSV_HEADER, ([c.get(n, "") for n in CSV_HEADER] for c in filters.selected))
    page = paginate(filters.selected, web().settings.page_size)
    return render_template("centres/index.html", page=page, filters=filters, errors=errors or FormErrors(),
                           summary=list(summary)), status


@bp.post("")
@requires_role(roles.CENTRAL_ADMIN)
def upload():
    """The register's CSV, whole or not at all: the API's errors, line by line, as the summary."""
    sent = send_csv_file(web().api, "PUT", "resources", "centres",
                         missing=gettext("Επιλέξτε το αρχείο CSV του μητρώου."))
    if sent.result is None:
        return _register(sent.errors, sent.summary, 422)
    result = sent.result
    return redirect(url_for(".index", imported=1, registered=result["registered"], updated=result["updated"],
                            unchanged=result["unchanged"]), 303)


@bp.post("/rooms")
@requires_role(roles.CENTRAL_ADMIN)
def upload_rooms():
    """The centres' rooms from CSV, a workstation per line, whole or not at all (the API's errors,
    line by line, as the summary)."""
    sent = send_csv_file(web().api, "PUT", "resources", "centres/rooms/file", field="rooms_file",
                         missing=gettext("Επιλέξτε το αρχείο CSV των αιθουσών."), label=N_("Αρχείο CSV αιθουσών"))
    if sent.result is None:
        return _register(sent.errors, sent.summary, 422)
    result = sent.result
    return redirect(url_for(".index", rooms_imported=1, added=result["added"], updated=result["updated"],
                            workstations=result["workstations"]), 303)


@bp.route("/<code>/edit", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def edit(code: str):
    errors = FormErrors()
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            web().api.call("PATCH", "resources", f"centres/{code}",
                           json={name: values.get(name, "").strip() for name in EDIT_LABELS})
            return redirect(url_for(".show", code=code, saved=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    else:
        try:
            values = web().api.get("resources", f"centres/{code}")
        except ApiProblem as problem:
            if problem.status == 404:
                abort(404)
            raise
    return render_template("centres/edit.html", code=code, values=values, errors=errors, labels=EDIT_LABELS,
                           summary=errors.summary(EDIT_LABELS)), 422 if errors else 200


@bp.route("/new", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def create():
    values = request.form.to_dict() if request.method == "POST" else {}
    errors = FormErrors()
    if request.method == "POST":
        try:
            body = {name: values.get(name, "") for name in LABELS}
            centre = web().api.post("resources", "centres", body)
            return redirect(url_for(".show", code=centre["code"], registered=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    return render_template("centres/new.html", values=values, errors=errors, labels=LABELS,
                           summary=errors.summary(LABELS)), 422 if errors else 200


@bp.route("/<code>", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def show(code: str):
    centre = web().api.get("resources", f"centres/{code}")
    outcome = room_form(code, may_certify=True)
    if outcome.created:
        return redirect(url_for(".show", code=code, added=1), 303)
    rooms = paginate(web().api.get("resources", f"centres/{code}/rooms"), web().settings.page_size)
    return render_template("centres/show.html", centre=centre, rooms=rooms, form=outcome, labels=ROOM_LABELS,
                           summary=outcome.errors.summary(ROOM_LABELS)), 422 if outcome.errors else 200
