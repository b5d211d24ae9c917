"""Central administration «Περίοδοι»: the periods, one period with its call windows, and opening a
new period with its windows (applications-svc opens it on creation)."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..dates import ATHENS, local_datetime  # what people type is local time
from ..i18n import N_
from ..lists import csv_response, wants_csv
from ..paging import paginate
from ..signed_in import requires_role, web

bp = Blueprint("periods", __name__, url_prefix="/periods")

WINDOW_FIELDS = {
    "interest_opens_at": N_("Έναρξη εκδήλωσης ενδιαφέροντος ΚΣΕ"),
    "interest_closes_at": N_("Λήξη εκδήλωσης ενδιαφέροντος ΚΣΕ"),
    "applications_a_opens_at": N_("Έναρξη αιτήσεων Α' φάσης"),
    "applications_a_closes_at": N_("Λήξη αιτήσεων Α' φάσης"),
    "applications_b_opens_at": N_("Έναρξη αιτήσεων Β' φάσης"),
    "applications_b_closes_at": N_("Λήξη αιτήσεων Β' φάσης"),
    "allocation_published_at": N_("Ανακοίνωση κατανομής"),
    "enrolment_deadline": N_("Προθεσμία εγγραφών"),
}
LABELS = {"code": N_("Κωδικός"), "name": N_("Τίτλος περιόδου"), "level": N_("Επίπεδο"), **WINDOW_FIELDS}


@bp.get("")
@requires_role(roles.CENTRAL_ADMIN)
def index():
    periods = web().api.get("applications", "periods")
    if wants_csv():
        headers = [gettext(LABELS["code"]), gettext(LABELS["name"]), gettext(LABELS["level"]),
                   *(gettext(label) for label in WINDOW_FIELDS.values())]
        rows = ([p["code"], p["name"], p["level"], *(local_datetime(p.get(name)) for name in WINDOW_FIELDS)]
                for p in periods)
        return csv_response("periods", headers, rows)
    return render_template("periods/index.html", page=paginate(periods, web().settings.page_size))


@bp.get("/<int:period_id>")
@requires_role(roles.CENTRAL_ADMIN)
def show(period_id: int):
    """The period and its windows; its distribution table and draws are screens of their own."""
    period = web().api.get("applications", f"periods/{period_id}")
    return render_template("periods/show.html", period=period, windows=WINDOW_FIELDS)


@bp.route("/new", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def create():
    values = request.form.to_dict() if request.method == "POST" else {"level": "B2"}
    errors = FormErrors()
    if request.method == "POST":
        body = period_body(values, errors)
        if not errors:
            try:
                period = web().api.post("applications", "periods", body)
                return redirect(url_for(".show", period_id=period["id"], opened=1), 303)
            except ApiProblem as problem:
                errors = errors_from_problem(problem)
    status = 422 if errors else 200
    return render_template("periods/new.html", values=values, errors=errors, labels=LABELS,
                           windows=WINDOW_FIELDS, summary=errors.summary(LABELS)), status


def period_body(values: dict, errors: FormErrors) -> dict:
    """The API's body from the form; dates typed as local (Athens) date and time."""
    body = {"code": values.get("code", "").strip(), "name": values.get("name", "").strip(),
            "level": values.get("level") or "B2"}
    for name in WINDOW_FIELDS:
        raw = (values.get(name) or "").strip()
        if not raw:
            errors.add(name, gettext("Συμπληρώστε ημερομηνία και ώρα."))
            continue
        try:
            body[name] = datetime.fromisoformat(raw).replace(tzinfo=ATHENS).isoformat()
        except ValueError:
            errors.add(name, gettext("Η ημερομηνία δεν είναι έγκυρη."))
    return body
