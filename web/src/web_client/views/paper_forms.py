"""The centre head's «Έντυπα»: the documents they may read (their centre's form A2 of each period,
the period announcements), and each PDF passed on from documents-svc through the gateway as it
streams. documents-svc decides who reads what (a form A2 only by its own centre)."""
from __future__ import annotations

import re

from flask import Blueprint, Response, abort, render_template
from flask_babel import gettext as _

from .. import roles
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, wants_csv
from ..paging import paginate
from ..downloads import pdf_response
from ..signed_in import requires_role, web
from .programmes import own_centre

bp = Blueprint("paper_forms", __name__, url_prefix="/forms")

FORM_A2 = "form-a2"
FILTERS = (Filter("kind", N_("Είδος εντύπου"), text=lambda d: d.get("kind_label") or d["kind"]),)
# The manual's «Έντυπα» page: its two columns, each form with the kind documents-svc stores it as.
# Each form is printed from its list's screen («Εκτύπωση σε PDF»); here, the versions printed so far.
FORMS_MENU = (
    (N_("Έντυπα Μητρώων"), (("M1", N_("Κατάλογος Πιστοποιημένων Επιμορφωτών Β' Επιπέδου Τ.Π.Ε."), "m1-list"),)),
    (N_("Έντυπα Καταλόγων - Καταστάσεων"), (
        ("K2", N_("Κατάλογος Εγκριμένων Προγραμμάτων Επιμόρφωσης"), "k2-list"),
        ("K3", N_("Κατάλογος Προγραμμάτων Επιμόρφωσης προς Υλοποίηση"), "k3-list"),
        ("K4", N_("Συγκεντρωτική Κατάσταση Επιτυχόντων / Επιλαχόντων Προγράμματος Επιμόρφωσης"), "k4-list"),
        ("K5", N_("Συγκεντρωτική Κατάσταση Εγγεγραμμένων Προγράμματος Επιμόρφωσης"), "k5-list"),
        ("K6", N_("Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης"), "k6-list"),
    )),
)
DOCUMENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # an id, never a path of the API


@bp.get("")
@requires_role(roles.KSE_HEAD)
def index():
    documents = web().api.get_all("documents", "documents", page_size=200)
    filters = Filters(documents, *FILTERS)
    if wants_csv():
        headers = [_("Έντυπο"), _("Είδος εντύπου"), _("Ημερομηνία"), _("Κωδικός επαλήθευσης")]
        rows = ([d["title"], d.get("kind_label") or d["kind"], d.get("created_at"), d.get("verification_code")]
                for d in filters.selected)
        return csv_response("forms", headers, rows)
    return render_template("paper_forms/index.html", filters=filters, forms_menu=FORMS_MENU,
                           page=paginate(filters.selected, web().settings.page_size))


@bp.get("/a2/<int:period_id>")
@requires_role(roles.KSE_HEAD)
def form_a2(period_id: int):
    """The newest form A2 of the person's centre for the period, as PDF."""
    code = own_centre()
    period = web().api.get("applications", f"periods/{period_id}")
    found = web().api.get("documents", "documents", kind=FORM_A2, subject=f"{code}/{period['code']}", page_size=1)
    if not found:
        return render_template("paper_forms/no_a2.html", period=period), 404
    return pdf_of(found[0]["id"])


@bp.get("/<document_id>.pdf")
@requires_role(roles.KSE_HEAD)
def document_pdf(document_id: str):
    if not DOCUMENT_ID.match(document_id):
        abort(404)
    return pdf_of(document_id)


def pdf_of(document_id: str) -> Response:
    upstream = web().api.stream("documents", f"documents/{document_id}/pdf")

    return pdf_response(upstream)
