"""The centre head's «Έγγραφα φυσικού αντικειμένου»: the record folder (Φάκελος Φυσικού Αντικειμένου)
of their centre, or of one of its programmes (`?programme=`), or the printed versions of one form
(`?kind=`): every stored document with its kind, person, programme, version, checksum and time, each
downloaded through the gateway. documents-svc decides who reads what (another centre's is a 404)."""
from __future__ import annotations

import re

from flask import Blueprint, abort, render_template, request

from .. import roles
from ..paging import paginate
from ..signed_in import requires_role, web
from .paper_forms import DOCUMENT_ID, pdf_of
from .programmes import own_centre

bp = Blueprint("record_folder", __name__, url_prefix="/record-folder")

FILTER_VALUE = re.compile(r"^[^\x00-\x1f/?#]{1,100}$")  # a programme code or a kind, never a path


def _filter(name: str) -> str | None:
    value = (request.args.get(name) or "").strip()
    return value if value and FILTER_VALUE.match(value) else None


@bp.get("")
@requires_role(roles.KSE_HEAD)
def index():
    programme, kind = _filter("programme"), _filter("kind")
    params = {"centre": own_centre(), "programme": programme, "kind": kind}
    documents = web().api.get_all("documents", "documents", page_size=200,
                                  **{name: value for name, value in params.items() if value})
    return render_template("record_folder/index.html", programme=programme, kind=kind,
                           page=paginate(documents, web().settings.page_size))


@bp.get("/<document_id>.pdf")
@requires_role(roles.KSE_HEAD)
def document_pdf(document_id: str):
    if not DOCUMENT_ID.match(document_id):
        abort(404)
    return pdf_of(document_id)
