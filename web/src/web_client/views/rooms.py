"""The rooms of a centre, shared by the centre head's «Διαχείριση πόρων ΚΣΕ → Αίθουσες» and the
central administrator's centre page: the list and the form that adds a room."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import request
from flask_babel import gettext

from ..api_client import ApiProblem
from ..forms import FormErrors, errors_from_problem
from ..i18n import N_
from ..signed_in import web

ROOM_LABELS = {
    "name": N_("Αίθουσα / εργαστήριο"),
    "certified": N_("Πιστοποιημένη"),
    "capacity": N_("Δυναμικότητα"),
    "specs": N_("Περιγραφή αίθουσας"),
    "evaluation": N_("Αποτέλεσμα αξιολόγησης"),
}
CERTIFICATION = ("certified", "evaluation")  # set by central administrators only


@dataclass
class RoomForm:
    values: dict = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)
    created: bool = False


def room_form(centre_code: str, may_certify: bool) -> RoomForm:
    """On POST, add the room through the API; the form comes back with the API's errors. Its
    workstations are added on the room's page; certification and evaluation only by a central
    administrator (`may_certify`)."""
    if request.method != "POST":
        return RoomForm()
    values = request.form.to_dict()
    form = RoomForm(values=values)
    body = {"name": values.get("name", ""), "specs": values.get("specs", "")}
    if may_certify:
        body.update(certified=values.get("certified") == "yes", evaluation=values.get("evaluation", ""))
    raw = values.get("capacity", "").strip()
    if raw.isdigit():
        body["capacity"] = int(raw)
    else:
        form.errors.add("capacity", gettext("Δώστε έναν ακέραιο αριθμό."))
    if form.errors:
        return form
    try:
        web().api.post("resources", f"centres/{centre_code}/rooms", body)
        form.created = True
    except ApiProblem as problem:
        form.errors = errors_from_problem(problem)
    return form
