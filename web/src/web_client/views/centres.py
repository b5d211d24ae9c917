"""Central administration «ΚΣΕ και αίθουσες»: the register of centres, registering one, and a
centre's rooms (resources-svc)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..paging import paginate
from ..signed_in import requires_role, web
from .rooms import ROOM_LABELS, room_form

bp = Blueprint("centres", __name__, url_prefix="/centres")

LABELS = {"code": N_("Κωδικός ΚΣΕ"), "name": N_("Επωνυμία"), "directorate": N_("Διεύθυνση Εκπαίδευσης"),
          "prefecture": N_("Νομός"), "region": N_("Περιφέρεια")}


@bp.get("")
@requires_role(roles.CENTRAL_ADMIN)
def index():
    page = paginate(web().api.get("resources", "centres"), web().settings.page_size)
    return render_template("centres/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def create():
    values = request.form.to_dict() if request.method == "POST" else {}
    errors = FormErrors()
    if request.method == "POST":
        try:
            body = {name: values.get(name, "") for name in LABELS}
            centre = web().api.post("resources", "centres", body)
            return redirect(url_for(".show", code=centre["code"], registered=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    return render_template("centres/new.html", values=values, errors=errors, labels=LABELS,
                           summary=errors.summary(LABELS)), 422 if errors else 200


@bp.route("/<code>", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def show(code: str):
    centre = web().api.get("resources", f"centres/{code}")
    outcome = room_form(code, may_certify=True)
    if outcome.created:
        return redirect(url_for(".show", code=code, added=1), 303)
    rooms = paginate(web().api.get("resources", f"centres/{code}/rooms"), web().settings.page_size)
    return render_template("centres/show.html", centre=centre, rooms=rooms, form=outcome, labels=ROOM_LABELS,
                           summary=outcome.errors.summary(ROOM_LABELS)), 422 if outcome.errors else 200
