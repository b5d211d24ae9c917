"""Central administration «Μητρώο επιμορφωτών (M1)»: the register of certified trainers
(resources-svc `/v1/trainers`), filtered as the manual's «Επιλογή» (specialty, cluster, region,
state) and paged, exported as CSV in the import's own columns (an exported file can be corrected
and imported again); the CSV import, which resources-svc takes whole or not at all (its line-by-line
errors become the error summary); editing a trainer and taking them off the active register.
Contact data (ΑΦΜ, phone, e-mail) are on these screens because only central administrators reach
them (docs/decisions.md «Who sees a trainer's contact data»)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem, send_csv_file
from ..i18n import N_
from ..lists import Filter, Filters, csv_response, list_address, wants_csv
from ..paging import paginate
from ..printing import print_body, printed_pdf
from ..signed_in import requires_role, web

bp = Blueprint("trainers", __name__, url_prefix="/trainers")

LABELS = {
    "afm": N_("ΑΦΜ"), "surname": N_("Επώνυμο"), "name": N_("Όνομα"), "specialty": N_("Ειδικότητα"),
    "level": N_("Επίπεδο"), "certified_on": N_("Ημερομηνία πιστοποίησης"), "cluster": N_("Συστάδα"),
    "region": N_("Περιφέρεια"), "phone": N_("Τηλέφωνο"), "email": N_("e-mail"),
}
EDITABLE = tuple(name for name in LABELS if name != "afm")  # the ΑΦΜ is the register's key
STATES = {"true": N_("Ενεργός"), "false": N_("Ανενεργός")}
FILTERS = (
    Filter("specialty", N_("Ειδικότητα")),
    Filter("cluster", N_("Συστάδα")),
    Filter("region", N_("Περιφέρεια")),
    Filter("active", N_("Κατάσταση"), value=lambda t: "true" if t["active"] else "false",
           text=lambda t: gettext(STATES["true" if t["active"] else "false"])),
)
NOT_KEPT = {"imported", "registered", "updated", "unchanged", "saved", "deactivated"}
PRINTED_DATE = "certified_on"  # printed as the manual writes dates (ΗΗ/ΜΜ/ΕΕΕΕ)


def _csv_cell(trainer: dict, name: str) -> str:
    value = trainer.get(name)
    if name == "certified_on" and value:
        year, month, day = value.split("-")
        return f"{int(day)}/{int(month)}/{year}"  # as the import reads it (ΗΗ/ΜΜ/ΕΕΕΕ)
    return "" if value is None else str(value)


def render_register(errors: FormErrors | None = None, summary=(), status: int = 200):
    list_address(url_for(".index"), {k: v for k, v in request.args.items() if k not in NOT_KEPT})
    trainers = web().api.get_all("resources", "trainers")
    filters = Filters(trainers, *FILTERS)
    if wants_csv():
        return csv_response("trainers-m1", [gettext(label) for label in LABELS.values()],
                            ([_csv_cell(t, name) for name in LABELS] for t in filters.selected))
    return render_template("trainers/index.html", filters=filters, labels=LABELS, states=STATES,
                           page=paginate(filters.selected, web().settings.page_size),
                           errors=errors or FormErrors(), summary=list(summary)), status


@bp.get("")
@requires_role(roles.CENTRAL_ADMIN)
def index():
    return render_register()


@bp.post("/pdf")
@requires_role(roles.CENTRAL_ADMIN)
def pdf():
    """«Εκτύπωση σε PDF» of the register as chosen (the filter form's choice, sent with the button):
    documents-svc's form M1, printed for the newest period (a list form is about a period)."""
    list_address(url_for(".index"), request.form.to_dict())
    selected = Filters(web().api.get_all("resources", "trainers"), *FILTERS).selected
    periods = sorted(web().api.get_all("applications", "periods"), key=lambda p: p["id"], reverse=True)
    if not periods:
        errors = FormErrors(general=[gettext("Δεν υπάρχει ακόμη περίοδος επιμόρφωσης για την εκτύπωση του μητρώου.")])
        return render_register(errors, errors.summary({}), 422)
    rows = [{**t, PRINTED_DATE: _printed_date(t.get(PRINTED_DATE))} for t in selected]
    return printed_pdf("M1", print_body("M1", rows, period=periods[0]))


def _printed_date(value: str | None) -> str | None:
    if not value:
        return None
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


@bp.post("/import")
@requires_role(roles.CENTRAL_ADMIN)
def upload():
    sent = send_csv_file(web().api, "POST", "resources", "trainers/import",
                         missing=gettext("Επιλέξτε το αρχείο CSV του μητρώου."))
    if sent.result is None:
        return render_register(sent.errors, sent.summary, 422)
    result = sent.result
    return redirect(url_for(".index", imported=result["lines"], registered=result["registered"],
                            updated=result["updated"], unchanged=result["unchanged"]), 303)


@bp.route("/<int:trainer_id>", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def edit(trainer_id: int):
    path = f"trainers/{trainer_id}"
    trainer = web().api.get("resources", path)
    values = {name: "" if value is None else value for name, value in trainer.items()}  # no phone: empty
    errors = FormErrors()
    if request.method == "POST":
        values = {**values, **request.form.to_dict()}
        body = {name: request.form.get(name, "").strip() for name in EDITABLE}
        try:
            web().api.put("resources", path, body)
            return redirect(url_for(".edit", trainer_id=trainer_id, saved=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    return render_template("trainers/edit.html", trainer=trainer, values=values, labels=LABELS,
                           errors=errors, summary=errors.summary(LABELS)), 422 if errors else 200


@bp.post("/<int:trainer_id>/deactivate")
@requires_role(roles.CENTRAL_ADMIN)
def deactivate(trainer_id: int):
    try:
        web().api.post("resources", f"trainers/{trainer_id}/deactivate")
    except ApiProblem as problem:
        if problem.status != 409:  # already inactive: the page shows it so
            raise
    return redirect(url_for(".edit", trainer_id=trainer_id, deactivated=1), 303)
