"""«Προγράμματα επιμόρφωσης → Εγγραφή επιμορφούμενων»: the approved programmes to be implemented
(the centre head's and coordinator's own centre; a central admin's, every centre with a filter) and,
per programme, its candidates in strict order with their state; the centre head (or a central admin)
ticks several and enrols them with one «Καταχώριση», all or nothing. enrollment-svc decides who may
see and do what (another centre's programme is 404); the page shows its answers. Works without
JavaScript: every action is a form, «Επιλογή όλων» a link."""
from __future__ import annotations

import uuid
from urllib.parse import quote

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import roles
from ..api_client import ApiProblem, ApiUnavailable
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, list_address, wants_csv
from ..paging import paginate
from ..signed_in import current_session, requires_role, web

bp = Blueprint("enrolment", __name__, url_prefix="/programmes/enrolment")

READERS = (roles.CENTRAL_ADMIN, roles.KSE_HEAD, roles.COORDINATOR)
WRITERS = (roles.CENTRAL_ADMIN, roles.KSE_HEAD)

STATE_LABELS = {
    "successful": N_("Επιτυχών/ούσα"),
    "waitlisted": N_("Επιλαχών/ούσα"),
    "offered": N_("Προσφορά θέσης"),
    "promoted": N_("Επιλαχών/ούσα που πήρε θέση"),
    "enrolled": N_("Εγγεγραμμένος/η"),
    "withdrawn": N_("Αποχώρησε"),
    "declined": N_("Δεν αποδέχθηκε τη θέση"),
    "cancelled": N_("Ακυρώθηκε"),
}
ENROLLABLE = frozenset({"successful", "promoted"})  # enrollment-svc's sources of «enrol»
WITHDRAWABLE = frozenset({"successful", "promoted", "enrolled"})
SKIPPABLE = frozenset({"promoted"})
# The manual's columns, named as enrollment-svc's candidate data names them; shown when the entries carry them.
NAME_FIELDS = ("name", "surname", "father_name", "id_card_number")
FILTERS = (
    Filter("centre", N_("ΚΣΕ"), value=lambda p: p["programme"]["centre_code"],
           text=lambda p: f'{p["programme"]["centre_code"]} {p["programme"].get("centre_name") or ""}'.strip()),
    Filter("type", N_("Τύπος προγράμματος"), value=lambda p: p["programme"].get("category"),
           text=lambda p: p["programme"].get("category_name") or p["programme"].get("category") or ""),
)


def programme_path(code: str, tail: str = "") -> str:
    return f"enrolment/programmes/{quote(code, safe='')}" + (f"/{tail}" if tail else "")


def api_or_404(method: str, path: str, **kwargs):
    """An enrolment API call; its 404 (no such programme, or another centre's) is this page's 404."""
    try:
        return web().api.call(method, "enrollment", path, **kwargs)
    except ApiProblem as problem:
        if problem.status == 404:
            abort(404)
        raise


B4 = "b4-certificate"  # documents-svc's form B4 («Βεβαίωση εγγραφής»), subject `<programme>/<teacher>`


def b4_documents(code: str) -> dict[str, str]:
    """{teacher id: document id} of the programme's B4 certificates that documents-svc has issued
    (it issues each from the enrolment's event); none if it has issued none or does not answer:
    the list then shows no B4 column rather than failing."""
    try:
        found = web().api.get_all("documents", "documents", page_size=200, kind=B4)
    except (ApiProblem, ApiUnavailable):
        return {}
    prefix = f"{code}/"
    return {d["subject"][len(prefix):]: d["id"] for d in found if str(d.get("subject", "")).startswith(prefix)}


def may_write() -> bool:
    return bool(current_session().role_set.intersection(WRITERS))


def is_admin() -> bool:
    return roles.CENTRAL_ADMIN in current_session().role_set


def chosen_period(periods: list[dict]) -> dict | None:
    wanted = request.args.get("period", "")
    return next((p for p in periods if str(p["period_id"]) == wanted), periods[0] if periods else None)


@bp.get("")
@requires_role(*READERS)
def index():
    periods = web().api.get("enrollment", "periods") or []
    period = chosen_period(periods)
    programmes = web().api.get("enrollment", "enrolment/programmes", period_id=period["period_id"]) if period else []
    filters = Filters(programmes or [], *(FILTERS if is_admin() else FILTERS[1:]))
    if wants_csv():
        return programmes_csv(filters.selected)
    return render_template("enrolment/index.html", period=period, filters=filters, admin=is_admin(),
                           period_options=[(p["period_id"], p["name"]) for p in periods],
                           page=paginate(filters.selected, web().settings.page_size))


def programmes_csv(items: list[dict]):
    headers = [_("Κωδικός προγ/τος"), _("ΚΣΕ"), _("Δυναμικότητα"), _("Συστάδα"), _("Τύπος προγράμματος"),
               _("Επιτυχόντες"), _("Επιλαχόντες"), _("Εγγεγραμμένοι")]
    rows = ([p["code"], f'{p["centre_code"]} {p.get("centre_name") or ""}'.strip(), item["capacity"],
             f'{p["cluster_code"]} {p.get("cluster_name") or ""}'.strip(), p.get("category_name") or p.get("category"),
             item["counts"].get("successful", 0) + item["counts"].get("promoted", 0),
             item["counts"].get("waitlisted", 0), item["enrolled"]]
            for item in items for p in [item["programme"]])
    return csv_response("enrolment-programmes", headers, rows)


@bp.get("/<code>")
@requires_role(*READERS)
def programme(code: str):
    if wants_csv():
        return entries_csv(code)
    return render_programme(code, FormErrors())


def entries_csv(code: str):
    """The candidates as the page lists them, in strict order (the manual's columns that exist)."""
    entries = api_or_404("GET", programme_path(code, "entries")).get("entries") or []
    named = any(e.get(f) for e in entries for f in NAME_FIELDS)
    who = [_("Όνομα"), _("Επώνυμο"), _("Πατρώνυμο"), _("Αρ. ταυτότητας")] if named else [_("Εκπαιδευτικός")]
    headers = [_("Α/Α"), *who, _("Κατάσταση αίτησης"), _("Σειρά επιλαχόντων")]
    rows = ([n, *([e.get(f) for f in NAME_FIELDS] if named else [e["teacher_id"]]),
             _(STATE_LABELS.get(e["state"], e["state"])), e["position"] if e["allocated_as"] == "waitlisted" else ""]
            for n, e in enumerate(entries, 1))
    return csv_response(f"enrolment-{code}", headers, rows)


def render_programme(code: str, errors: FormErrors, status: int = 200, checked: set[str] | None = None):
    listed = api_or_404("GET", programme_path(code, "entries"))
    approved = listed.get("programme") or {}
    period_id = (approved.get("programme") or {}).get("period_id")
    period = web().api.get("enrollment", f"periods/{period_id}") if period_id else None
    entries = listed.get("entries") or []
    writable = may_write() and bool(period and period.get("enrolment_open"))
    if checked is None:
        checked = ({e["teacher_id"] for e in entries if e["state"] in ENROLLABLE}
                   if request.args.get("select") == "all" else set())
    summary = errors.summary({"teacher_ids": N_("Εγγραφή")})
    return render_template(
        "enrolment/programme.html", code=code, approved=approved, period=period, entries=entries,
        writable=writable, admin=is_admin(), checked=checked, errors=errors, summary=summary,
        named=any(e.get(f) for e in entries for f in NAME_FIELDS), state_labels=STATE_LABELS, b4=b4_documents(code),
        enrollable=ENROLLABLE, withdrawable=WITHDRAWABLE, skippable=SKIPPABLE,
        idempotency_key=uuid.uuid4().hex), status


@bp.post("/<code>/enrolments")
@requires_role(*WRITERS)
def enrol(code: str):
    """«Καταχώριση» of the ticked candidates, all or nothing. The form's key (made when the page was
    drawn) is the request's Idempotency-Key: the same form sent twice enrols once."""
    chosen = request.form.getlist("teacher_id")
    errors = FormErrors()
    if not chosen:
        errors.general.append(_("Επιλέξτε τουλάχιστον έναν/μία υποψήφιο/α για εγγραφή."))
    else:
        key = (request.form.get("idempotency_key") or "")[:100] or uuid.uuid4().hex
        try:
            api_or_404("POST", programme_path(code, "enrolments"), json={"teacher_ids": chosen},
                       headers={"Idempotency-Key": key})
            return redirect(url_for(".programme", code=code, enrolled=len(chosen)), 303)
        except ApiProblem as problem:
            errors = refusal(problem)
    list_address(url_for(".programme", code=code), {})
    return render_programme(code, errors, 422, checked=set(chosen))


def refusal(problem: ApiProblem) -> FormErrors:
    """The API's refusal, with the candidates it names (e.g. those who may not enrol)."""
    errors = errors_from_problem(problem)
    named = problem.problem.get("teacher_ids")
    if isinstance(named, list) and named:
        errors.general.append(_("Υποψήφιοι που δεν μπορούν να εγγραφούν:") + " " + ", ".join(map(str, named)))
    return errors
