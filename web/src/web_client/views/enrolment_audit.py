"""The central admin's «Ημερολόγιο αλλαγών» of enrolment: who changed what, when and why (enrollment-
svc's `/audit`, paged by the API, newest first), filtered by period, centre, programme, teacher, actor
and action, with «Εξαγωγή CSV» of the same filters (`/audit.csv`, passed on as it comes)."""
from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request, stream_with_context

from .. import roles
from ..paging import Page
from ..signed_in import requires_role, web
from .enrolment_entry import ACTION_LABELS

bp = Blueprint("enrolment_audit", __name__, url_prefix="/programmes/enrolment-audit")

FILTERS = ("period_id", "centre_code", "programme_code", "teacher_id", "actor", "action")
PAGE_SIZE = 50
CHUNK = 64 * 1024


def _filters() -> dict[str, str]:
    return {name: request.args[name].strip() for name in FILTERS if request.args.get(name, "").strip()}


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


@bp.get("")
@requires_role(roles.CENTRAL_ADMIN)
def index():
    filters, number = _filters(), _page_number()
    response = web().api.send("GET", "enrollment", "enrolment/audit",
                              params={**filters, "page": number, "page_size": PAGE_SIZE})
    try:
        paging = json.loads(response.headers.get("X-Pagination") or "{}")
    except ValueError:
        paging = {}
    total = int(paging.get("total", 0) or 0)
    page = Page(response.json(), number, max(1, int(paging.get("total_pages") or paging.get("last_page") or 1)), total, PAGE_SIZE)
    return render_template("enrolment_audit/index.html", page=page, filters=filters, actions=ACTION_LABELS)


@bp.get("/csv")
@requires_role(roles.CENTRAL_ADMIN)
def export():
    upstream = web().api.send("GET", "enrollment", "enrolment/audit.csv", params=_filters(), stream=True)

    def body():
        try:
            yield from upstream.iter_content(CHUNK)
        finally:
            upstream.close()

    return Response(stream_with_context(body()), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="enrolment-audit.csv"'})
