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
    "certified_workstations": N_("Πιστοποιημένοι σταθμοί εργασίας"),
    "uncertified_workstations": N_("Μη πιστοποιημένοι σταθμοί εργασίας"),
    "specs": N_("Τεχνικά χαρακτηριστικά σταθμών εργασίας"),
    "evaluation": N_("Αποτέλεσμα αξιολόγησης"),
}
NUMBERS = ("capacity", "certified_workstations", "uncertified_workstations")


@dataclass
class RoomForm:
    values: dict = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)
    created: bool = False


def room_form(centre_code: str) -> RoomForm:
    """On POST, add the room through the API; the form comes back with the API's errors."""
    if request.method != "POST":
        return RoomForm(values={"uncertified_workstations": "0"})
    values = request.form.to_dict()
    form = RoomForm(values=values)
    body = {"name": values.get("name", ""), "certified": values.get("certified") == "yes",
            "specs": values.get("specs", ""), "evaluation": values.get("evaluation", "")}
    for name in NUMBERS:
        raw = values.get(name, "").strip()
        if raw.isdigit():
            body[name] = int(raw)
        elif raw or name != "uncertified_workstations":
            form.errors.add(name, gettext("Δώστε έναν ακέραιο αριθμό."))
    if form.errors:
        return form
    try:
        web().api.post("resources", f"centres/{centre_code}/rooms", body)
        form.created = True
    except ApiProblem as problem:
        form.errors = errors_from_problem(problem)
    return form
