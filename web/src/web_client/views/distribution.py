"""«Πίνακας γεωγραφικής κατανομής» of a period (Παράρτημα Α): the table, filtered by area, category
and cluster and paged; its CSV export; and for the central administrator the CSV import, which
applications-svc takes whole or not at all (its line-by-line errors become the error summary)."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors
from ..i18n import N_
from ..paging import paginate
from ..signed_in import current_session, requires_role, web

bp = Blueprint("distribution", __name__, url_prefix="/periods/<int:period_id>")

FILTERS = ("area", "category", "cluster")
# The import's own column names, so that an exported file can be corrected and imported again.
CSV_HEADER = ("area_code", "area_name", "category", "cluster", "programmes")
CATEGORIES = {"IIa": N_("IIa – ανά Νομό"), "IIb": N_("IIb – ανά Περιφέρεια")}
MAX_LINES_SHOWN = 200  # a wholly wrong file has an error per line; the first ones say what is wrong


def table_of(period_id: int) -> dict:
    return web().api.get("applications", f"periods/{period_id}/distribution")


def filtered(rows: list[dict], args) -> list[dict]:
    wanted = {name: args.get(name, "") for name in FILTERS}
    return [row for row in rows
            if (not wanted["area"] or row["area_code"] == wanted["area"])
            and (not wanted["category"] or row["category"] == wanted["category"])
            and (not wanted["cluster"] or row["cluster"] == wanted["cluster"])]


def choices(rows: list[dict]) -> dict:
    """The values each filter offers: the areas and clusters the table has."""
    areas = sorted({(row["area_code"], row["area_name"], row["category"]) for row in rows},
                   key=lambda area: (area[2], area[1]))
    return {"areas": areas, "clusters": sorted({row["cluster"] for row in rows},
                                               key=lambda code: [int(p) if p.isdigit() else p
                                                                 for p in code.replace("B", "").split(".")])}


def may_import() -> bool:
    return roles.CENTRAL_ADMIN in current_session().role_set


@bp.get("/distribution")
@requires_role(roles.CENTRAL_ADMIN, roles.KSE_HEAD)
def index(period_id: int):
    return render_table(period_id)


def render_table(period_id: int, errors: FormErrors | None = None, summary=(), status: int = 200):
    period = web().api.get("applications", f"periods/{period_id}")
    table = table_of(period_id)
    rows = filtered(table["rows"], request.args)
    page = paginate(rows, web().settings.page_size)
    return render_template("distribution/index.html", period=period, table=table, page=page,
                           shown_programmes=sum(row["programmes"] for row in rows),
                           filters={name: request.args.get(name, "") for name in FILTERS},
                           choices=choices(table["rows"]), categories=CATEGORIES, may_import=may_import(),
                           errors=errors or FormErrors(), summary=list(summary)), status


@bp.post("/distribution")
@requires_role(roles.CENTRAL_ADMIN)
def upload(period_id: int):
    upload = request.files.get("file")
    errors = FormErrors()
    if upload is None or not upload.filename:
        errors.add("file", gettext("Επιλέξτε το αρχείο CSV του πίνακα."))
        return render_table(period_id, errors, errors.summary({"file": gettext("Αρχείο CSV")}), 422)
    try:
        table = web().api.call("PUT", "applications", f"periods/{period_id}/distribution",
                               files={"file": (upload.filename, upload.read(), "text/csv")})
    except ApiProblem as problem:
        errors.add("file", problem.detail)
        return render_table(period_id, errors, problem_lines(problem), 422)
    return redirect(url_for(".index", period_id=period_id, imported=len(table["rows"])), 303)


def problem_lines(problem: ApiProblem) -> list[tuple[str | None, str]]:
    """The summary: what happened, then each line of the file that is wrong (linked to the input)."""
    lines = problem.problem.get("errors")
    lines = [str(line) for line in lines] if isinstance(lines, list) else []
    summary: list[tuple[str | None, str]] = [(None, problem.detail)]
    summary += [("file", line) for line in lines[:MAX_LINES_SHOWN]]
    if len(lines) > MAX_LINES_SHOWN:
        summary.append((None, gettext("και %(count)d ακόμη σφάλματα.", count=len(lines) - MAX_LINES_SHOWN)))
    return summary


@bp.get("/distribution.csv")
@requires_role(roles.CENTRAL_ADMIN, roles.KSE_HEAD)
def export(period_id: int):
    period = web().api.get("applications", f"periods/{period_id}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in filtered(table_of(period_id)["rows"], request.args):
        writer.writerow([row[column] for column in CSV_HEADER])
    # With a BOM, spreadsheet programs read the Greek names as UTF-8; the import skips it.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="distribution-{period["code"]}.csv"'})
