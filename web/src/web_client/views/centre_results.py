"""The centre head's «Αποτελέσματα κλήρωσης» (selected or not; the clusters and categories won),
paged, filtered as the manual's «Επιλογή» columns, with CSV export; the period's distribution table
is the shared screen of views/distribution.py. The centre comes from the session, never from the
address."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from .. import roles
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, wants_csv
from ..paging import paginate
from ..signed_in import requires_role, web
from .programmes import own_centre

bp = Blueprint("centre_results", __name__, url_prefix="/programmes")


def cluster_text(item: dict) -> str:
    return f"{item['cluster']} {item.get('cluster_name', '')}".strip()


def category_text(item: dict) -> str:
    return item.get("category_name") or item.get("category", "")


PROGRAMME_FILTERS = (Filter("cluster", N_("Συστάδα"), text=cluster_text),
                     Filter("category", N_("Τύπος προγράμματος"), text=category_text))


@bp.get("/lottery-results")
@requires_role(roles.KSE_HEAD)
def lottery_results():
    code = own_centre()
    results = web().api.get("applications", f"centres/{code}/lottery-results")
    wanted = request.args.get("period", type=int)
    result = next((r for r in results if r["period_id"] == wanted), None) if wanted else None
    result = result or (results[0] if results else None)
    filters = Filters(result["programmes"] if result else [], *PROGRAMME_FILTERS)
    if result and wants_csv():
        headers = [_("Κωδικός προγράμματος"), _("Συστάδα"), _("Τύπος προγράμματος"), _("Περιοχή"),
                   _("Δυναμικότητα"), _("Σειρά προτίμησης"), _("Έναρξη"), _("Λήξη")]
        rows = ([p["code"], cluster_text(p), category_text(p), p.get("area_code"), p.get("capacity"),
                 p.get("preference_rank"), p.get("starts_on"), p.get("ends_on")] for p in filters.selected)
        return csv_response(f"lottery-results-{code}-{result['period_id']}", headers, rows)
    return render_template("centre_results/lottery.html", centre_code=code, result=result, filters=filters,
                           page=paginate(filters.selected, web().settings.page_size),
                           period_options=[(r["period_id"], r["period_name"]) for r in results])

