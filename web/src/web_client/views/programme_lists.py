"""«Προγράμματα επιμόρφωσης → Κ3 / Κ4 / Κ5 / Κ6»: the lists enrollment-svc keeps (`/v1/lists`),
paged and filtered by the API itself (period, centre, code, cluster, type), exported as CSV or XLSX
(the API's own file, streamed), and printed («Εκτύπωση σε PDF», printing.py).

Who: a centre's head and coordinators see their own centre (the API scopes them), the central
administrator any centre, with the «ΚΣΕ» filter too. Contact data (K4, K5) are the columns the API
gives the reader: the page shows the columns it got and nothing else."""
from __future__ import annotations

import json

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..paging import Page
from ..printing import passed_file, print_body, printed_pdf
from ..signed_in import current_session, requires_role, web

bp = Blueprint("programme_lists", __name__, url_prefix="/programmes/lists")

READERS = (roles.CENTRAL_ADMIN, roles.KSE_HEAD, roles.COORDINATOR)
PROGRAMME_LISTS = ("k3", "k6")
CANDIDATE_LISTS = ("k4", "k5")
LABELS = {"period_id": N_("Περίοδος επιμόρφωσης"), "centre": N_("Κωδικός ΚΣΕ"), "code": N_("Κωδικός προγράμματος"),
          "cluster": N_("Συστάδα"), "category": N_("Τύπος προγράμματος")}
FILTERS = tuple(LABELS)
TYPES = {"IIa": N_("ΙΙα"), "IIb": N_("ΙΙβ")}
FORMATS = ("csv", "xlsx")
CENTRE_SECONDS = 300


def _kind(kind: str, kinds: tuple[str, ...]) -> str:
    if kind not in kinds:
        abort(404)
    return kind


def chosen(args=None) -> dict[str, str]:
    """The filters chosen in the query (or the form), without empty ones; `centre` only for the
    central administrator (the API gives centre staff their own centre whatever they ask)."""
    args = request.args if args is None else args
    found = {name: args.get(name, "").strip() for name in FILTERS}
    if not current_session().role_set.intersection({roles.CENTRAL_ADMIN}):
        found.pop("centre")
    return {name: value for name, value in found.items() if value}


def api_page(path: str, params: dict) -> Page:
    """One page of a list the API pages (X-Pagination), as the GOV.GR pagination shows it."""
    size = web().settings.page_size
    try:
        number = max(1, int(request.args.get("page", "1")))
    except ValueError:
        number = 1
    response = web().api.send("GET", "enrollment", path, params={**params, "page": number, "page_size": size})
    paging = json.loads(response.headers.get("X-Pagination") or "{}")
    total = int(paging.get("total", 0))
    return Page(response.json(), min(number, max(1, paging.get("last_page", 1))), max(1, paging.get("last_page", 1)),
                total, size)


def _periods() -> list[dict]:
    return sorted(web().api.get_all("applications", "periods"), key=lambda p: p["id"], reverse=True)


@bp.get("", defaults={"kind": "k3"}, endpoint="index")
@bp.get("/<kind>")
@requires_role(*READERS)
def programmes(kind: str):
    kind = _kind(kind, PROGRAMME_LISTS)
    filters = chosen()
    try:
        page = api_page(f"lists/{kind}", filters)
    except ApiProblem as problem:  # a filter the API refuses (a cluster not like B1.4): said on the page
        return _page(kind, None, filters, errors_from_problem(problem)), 422
    return _page(kind, page, filters, FormErrors())


def _page(kind: str, page: Page | None, filters: dict, errors: FormErrors) -> str:
    return render_template("programme_lists/programmes.html", kind=kind, page=page, filters=filters,
                           periods=_periods(), types=TYPES, errors=errors, summary=errors.summary(LABELS))


@bp.get("/<kind>/export")
@requires_role(*READERS)
def programmes_export(kind: str):
    kind = _kind(kind, PROGRAMME_LISTS)
    file_format = request.args.get("format")
    if file_format not in FORMATS:
        abort(404)
    return passed_file("enrollment", f"lists/{kind}/export", {**chosen(), "format": file_format})


def _centre(code: str | None, name: str | None = None) -> dict | None:
    if not code:
        return None
    return {"code": code, "name": name}


@bp.post("/<kind>/pdf")
@requires_role(*READERS)
def programmes_pdf(kind: str):
    kind = _kind(kind, PROGRAMME_LISTS)
    filters = chosen(request.form)
    if "period_id" not in filters:
        errors = FormErrors()
        errors.add("period_id", gettext("Επιλέξτε περίοδο για την εκτύπωση σε PDF."))
        return _page(kind, None, filters, errors), 422
    form = web().api.get("enrollment", f"lists/{kind}/rows", **filters)
    period = web().api.get("applications", f"periods/{filters['period_id']}")
    centre_code = current_session().centre_id or filters.get("centre")
    names = {row.get("centre_name") for row in form["rows"]}
    centre = _centre(centre_code, names.pop() if len(names) == 1 else None)
    return printed_pdf(kind, print_body(kind, form["rows"], period=period, centre=centre))


def programme_of(code: str) -> dict:
    """The programme's K3 row (its centre, cluster, type, staff): 404 if the reader may not see it."""
    rows = web().api.get("enrollment", "lists/k3", code=code, page_size=500)
    found = next((row for row in rows if row["programme_code"] == code), None)
    if found is None:
        abort(404)
    return found


@bp.get("/<kind>/programme/<code>")
@requires_role(*READERS)
def candidates(kind: str, code: str):
    kind = _kind(kind, CANDIDATE_LISTS)
    programme = programme_of(code)
    page = api_page(f"lists/{kind}/{code}", {})
    contacts = any(key in row for row in page.items for key in ("phone", "mobile", "email"))
    return render_template("programme_lists/candidates.html", kind=kind, page=page, programme=programme,
                           contacts=contacts)


@bp.get("/<kind>/programme/<code>/export")
@requires_role(*READERS)
def candidates_export(kind: str, code: str):
    kind = _kind(kind, CANDIDATE_LISTS)
    file_format = request.args.get("format")
    if file_format not in FORMATS:
        abort(404)
    return passed_file("enrollment", f"lists/{kind}/{code}/export", {"format": file_format})


@bp.post("/<kind>/programme/<code>/pdf")
@requires_role(*READERS)
def candidates_pdf(kind: str, code: str):
    kind = _kind(kind, CANDIDATE_LISTS)
    programme = programme_of(code)
    form = web().api.get("enrollment", f"lists/{kind}/{code}/rows")
    period = web().api.get("applications", f"periods/{programme['period_id']}")
    centre = web().api.get_kept("resources", f"centres/{programme['centre_code']}", CENTRE_SECONDS)
    heading = {**form["heading"], "directorate": centre.get("directorate")}
    return printed_pdf(kind, print_body(kind, form["rows"], period=period, heading=heading,
                                        centre=_centre(programme["centre_code"], programme.get("centre_name"))))
