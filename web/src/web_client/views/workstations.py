"""A room's page: its workstations with their technical characteristics, certified or not (the
manual's list opened from the counts of «Διαχείριση Αιθουσών»), adding and changing workstations;
for a central administrator also the room's certification and evaluation result and the
certification of each workstation. The centre head reaches the rooms of their own centre (from the
token); a central administrator every centre's, under «ΚΣΕ και αίθουσες». resources-svc decides
who may set what (a centre head's change of a workstation's characteristics withdraws its
certification); the page shows its answer."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import roles
from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..signed_in import AccessDenied, current_session, requires_role, web
from .rooms import ROOM_LABELS

bp = Blueprint("workstations", __name__)

LABELS = {
    "label": N_("Σταθμός εργασίας"),
    "processor": N_("Επεξεργαστής"),
    "memory": N_("Μνήμη"),
    "disk": N_("Δίσκος"),
    "operating_system": N_("Λειτουργικό σύστημα"),
    "screen": N_("Οθόνη"),
    "network": N_("Δίκτυο"),
}
FILTERS = {"yes": True, "no": False}  # ?certified=yes|no: the list one count of the rooms' table opens


@dataclass(frozen=True)
class Place:
    """Whose room page this is: the centre, whether the viewer certifies, and the page's endpoint."""
    code: str
    may_certify: bool

    @property
    def endpoint(self) -> str:
        return "workstations.admin_room" if self.may_certify else "workstations.head_room"

    def url(self, room_id: int, **args) -> str:
        if self.may_certify:
            return url_for(self.endpoint, code=self.code, room_id=room_id, **args)
        return url_for(self.endpoint, room_id=room_id, **args)

    def edit_url(self, room_id: int, workstation_id: int) -> str:
        if self.may_certify:
            return url_for("workstations.admin_edit", code=self.code, room_id=room_id, workstation_id=workstation_id)
        return url_for("workstations.head_edit", room_id=room_id, workstation_id=workstation_id)


def _own_centre() -> str:
    code = current_session().centre_id
    if not code:
        raise AccessDenied()  # a centre head whose account names no centre sees no centre
    return code


@bp.route("/resources/rooms/<int:room_id>", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def head_room(room_id: int):
    return _room_page(Place(_own_centre(), may_certify=False), room_id)


@bp.route("/centres/<code>/rooms/<int:room_id>", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def admin_room(code: str, room_id: int):
    return _room_page(Place(code, may_certify=True), room_id)


def _room(path: str) -> dict:
    """The room, or the «page not found» of a room not in this centre (another centre's is unknown)."""
    try:
        return web().api.get("resources", path)
    except ApiProblem as problem:
        if problem.status == 404:
            abort(404)
        raise


def _workstation_body(place: Place) -> dict:
    body = {name: request.form.get(name, "").strip() for name in LABELS}
    if place.may_certify:
        body["certified"] = request.form.get("certified") == "yes"
    return body


def _room_body() -> tuple[dict, FormErrors]:
    """The central administrator's room form: capacity, certification, evaluation result."""
    errors = FormErrors()
    body = {"certified": request.form.get("certified") == "yes",
            "evaluation": request.form.get("evaluation", "").strip()}
    raw = request.form.get("capacity", "").strip()
    if raw.isdigit():
        body["capacity"] = int(raw)
    else:
        errors.add("capacity", gettext("Δώστε έναν ακέραιο αριθμό."))
    return body, errors


def _act(place: Place, path: str) -> tuple[str | None, FormErrors, dict]:
    """A POST of the page: adds a workstation or (central administrator) changes the room. The
    notice to show after the redirect, or the errors and the values typed."""
    action, values = request.form.get("action"), request.form.to_dict()
    try:
        if action == "room" and place.may_certify:
            body, errors = _room_body()
            if errors:
                return None, errors, values
            web().api.call("PATCH", "resources", path, json=body)
            return "room-saved", FormErrors(), values
        web().api.post("resources", f"{path}/workstations", _workstation_body(place))
        return "added", FormErrors(), values
    except ApiProblem as problem:
        return None, errors_from_problem(problem), values


def _room_page(place: Place, room_id: int):
    path = f"centres/{place.code}/rooms/{room_id}"
    errors, values, action = FormErrors(), {}, request.form.get("action")
    if request.method == "POST":
        done, errors, values = _act(place, path)
        if done:
            return redirect(place.url(room_id, **{done: 1}), 303)
    room = _room(path)
    shown = request.args.get("certified")
    query = {"certified": str(FILTERS[shown]).lower()} if shown in FILTERS else {}
    workstations = web().api.get("resources", f"{path}/workstations", **query)
    on_room = action == "room"
    room_values = values if on_room else {"capacity": room["capacity"], "evaluation": room["evaluation"],
                                          "certified": "yes" if room["certified"] else ""}
    return render_template(
        "rooms/room.html", place=place, room=room, workstations=workstations, shown=shown, labels=LABELS,
        room_labels=ROOM_LABELS, ws_values={} if on_room else values, ws_errors=FormErrors() if on_room else errors,
        room_values=room_values, room_errors=errors if on_room else FormErrors(),
        summary=errors.summary(ROOM_LABELS if on_room else LABELS)), 422 if errors else 200


@bp.route("/centres/<code>/rooms/<int:room_id>/workstations/<int:workstation_id>/certification", methods=["POST"])
@requires_role(roles.CENTRAL_ADMIN)
def certify(code: str, room_id: int, workstation_id: int):
    """«Πιστοποίηση» / «Άρση πιστοποίησης» of one workstation, from the list."""
    certified = request.form.get("certified") == "yes"
    web().api.call("PATCH", "resources", f"centres/{code}/rooms/{room_id}/workstations/{workstation_id}",
                   json={"certified": certified})
    place = Place(code, may_certify=True)
    return redirect(place.url(room_id, certified_now=1 if certified else 0,
                              certified=request.form.get("shown") or None), 303)


def _edit(place: Place, room_id: int, workstation_id: int):
    path = f"centres/{place.code}/rooms/{room_id}"
    errors = FormErrors()
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            web().api.call("PATCH", "resources", f"{path}/workstations/{workstation_id}",
                           json=_workstation_body(place))
            return redirect(place.url(room_id, saved=1), 303)
        except ApiProblem as problem:
            errors = errors_from_problem(problem)
    else:
        _room(path)
        found = [w for w in web().api.get("resources", f"{path}/workstations") if w["id"] == workstation_id]
        if not found:
            abort(404)
        values = {**found[0], "certified": "yes" if found[0]["certified"] else ""}
    room = _room(path)
    return render_template("rooms/workstation.html", place=place, room=room, workstation_id=workstation_id,
                           labels=LABELS, values=values, errors=errors,
                           summary=errors.summary(LABELS)), 422 if errors else 200


@bp.route("/resources/rooms/<int:room_id>/workstations/<int:workstation_id>", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def head_edit(room_id: int, workstation_id: int):
    return _edit(Place(_own_centre(), may_certify=False), room_id, workstation_id)


@bp.route("/centres/<code>/rooms/<int:room_id>/workstations/<int:workstation_id>", methods=["GET", "POST"])
@requires_role(roles.CENTRAL_ADMIN)
def admin_edit(code: str, room_id: int, workstation_id: int):
    return _edit(Place(code, may_certify=True), room_id, workstation_id)
