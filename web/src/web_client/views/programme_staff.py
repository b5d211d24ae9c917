"""«Συντελεστές» of a programme on the K3 screen: the centre head sets its coordinator, technical
lead and trainers (enrollment-svc `GET/PUT /v1/programmes/<code>/staff`; the trainers to choose
from are the active ones of the M1 register, `GET /v1/trainers` of the programme's cluster).
enrollment-svc replaces the previous assignment whole and checks who may assign (their centre)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..signed_in import requires_role, web
from .programme_lists import programme_of

bp = Blueprint("programme_staff", __name__, url_prefix="/programmes/lists/k3")

PEOPLE = {"coordinator": N_("Συντονιστής/τρια"), "technical_lead": N_("Τεχνικός υπεύθυνος")}
PERSON = {"afm": N_("ΑΦΜ"), "surname": N_("Επώνυμο"), "name": N_("Όνομα")}
LABELS = {  # the error summary's names of the fields
    "coordinator.afm": N_("ΑΦΜ συντονιστή/τριας"), "coordinator.surname": N_("Επώνυμο συντονιστή/τριας"),
    "coordinator.name": N_("Όνομα συντονιστή/τριας"), "technical_lead.afm": N_("ΑΦΜ τεχνικού υπευθύνου"),
    "technical_lead.surname": N_("Επώνυμο τεχνικού υπευθύνου"), "technical_lead.name": N_("Όνομα τεχνικού υπευθύνου"),
    "trainer_ids": N_("Επιμορφωτές"),
}


def _current(code: str) -> dict:
    try:
        return web().api.get("enrollment", f"programmes/{code}/staff")
    except ApiProblem as problem:
        if problem.status != 404:  # no staff yet: an empty form
            raise
        return {}


def _values(staff: dict) -> tuple[dict, set[str]]:
    values = {f"{who}.{what}": (staff.get(who) or {}).get(what) or "" for who in PEOPLE for what in PERSON}
    return values, {str(t["trainer_id"]) for t in staff.get("trainers") or ()}


def _cluster_code(programme: dict) -> str | None:
    code = (programme.get("cluster") or "").split(" ")[0]
    return code or None


@bp.route("/<code>/staff", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def edit(code: str):
    programme = programme_of(code)
    values, chosen = _values(_current(code))
    errors = FormErrors()
    if request.method == "POST":
        values = {name: request.form.get(name, "").strip() for name in values}
        chosen = set(request.form.getlist("trainer_ids"))
        body = {who: {what: values[f"{who}.{what}"] for what in PERSON} for who in PEOPLE}
        body["trainer_ids"] = sorted(int(t) for t in chosen if t.isdigit())
        try:
            web().api.put("enrollment", f"programmes/{code}/staff", body)
            return redirect(url_for(".edit", code=code, saved=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    cluster = _cluster_code(programme)
    trainers = web().api.get_all("enrollment", "trainers", **({"cluster": cluster} if cluster else {}))
    return render_template("programme_lists/staff.html", programme=programme, values=values, chosen=chosen,
                           trainers=[t for t in trainers if t.get("active") or str(t["trainer_id"]) in chosen],
                           people=PEOPLE, person=PERSON, errors=errors,
                           summary=errors.summary(LABELS)), 422 if errors else 200
