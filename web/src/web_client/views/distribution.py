"""«Πίνακας γεωγραφικής κατανομής» of a period (Παράρτημα Α), one screen for the central
administrator and the centre head: the table, filtered by area, category and cluster (the manual's
«Επιλογή») and paged, its CSV export; for the central administrator only, the CSV import, which
applications-svc takes whole or not at all (its line-by-line errors become the error summary)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..forms import FormErrors, send_csv_file
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, list_address, wants_csv
from ..paging import paginate
from ..signed_in import current_session, requires_role, web

bp = Blueprint("distribution", __name__, url_prefix="/periods/<int:period_id>")

# The import's own column names, so that an exported file can be corrected and imported again.
CSV_HEADER = ("area_code", "area_name", "category", "cluster", "programmes")
CATEGORIES = {"IIa": N_("IIa – ανά Νομό"), "IIb": N_("IIb – ανά Περιφέρεια")}
FILTERS = (
    Filter("area_code", N_("Νομός / Περιφέρεια"), text=lambda r: f"{r.get('area_name') or r['area_code']} ({r['category']})"),
    Filter("category", N_("Κατηγορία"), text=lambda r: gettext(CATEGORIES[r["category"]]) if r["category"] in CATEGORIES
           else r["category"]),
    Filter("cluster", N_("Συστάδα"), text=lambda r: f"{r['cluster']} {r.get('cluster_name') or ''}".strip()),
)
NOT_KEPT = {"imported"}  # the notice after an import is not part of the list's address


def may_import() -> bool:
    return roles.CENTRAL_ADMIN in current_session().role_set


@bp.get("/distribution")
@requires_role(roles.CENTRAL_ADMIN, roles.KSE_HEAD)
def index(period_id: int):
    return render_table(period_id)


def render_table(period_id: int, errors: FormErrors | None = None, summary=(), status: int = 200):
    list_address(url_for(".index", period_id=period_id),
                 {k: v for k, v in request.args.items() if k not in NOT_KEPT})
    period = web().api.get("applications", f"periods/{period_id}")
    table = web().api.get("applications", f"periods/{period_id}/distribution")
    filters = Filters(table["rows"], *FILTERS)
    if wants_csv():
        # With a BOM, spreadsheet programs read the Greek names as UTF-8; the import skips it.
        return csv_response(f"distribution-{period['code']}", CSV_HEADER,
                            ([row[column] for column in CSV_HEADER] for row in filters.selected))
    return render_template("distribution/index.html", period=period, table=table, filters=filters,
                           page=paginate(filters.selected, web().settings.page_size),
                           shown_programmes=sum(row["programmes"] for row in filters.selected),
                           may_import=may_import(), errors=errors or FormErrors(), summary=list(summary)), status


@bp.post("/distribution")
@requires_role(roles.CENTRAL_ADMIN)
def upload(period_id: int):
    sent = send_csv_file(web().api, "PUT", "applications", f"periods/{period_id}/distribution",
                         missing=gettext("Επιλέξτε το αρχείο CSV του πίνακα."))
    if sent.result is None:
        return render_table(period_id, sent.errors, sent.summary, 422)
    return redirect(url_for(".index", period_id=period_id, imported=len(sent.result["rows"])), 303)
