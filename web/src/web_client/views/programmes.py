"""The centre head's «Προγράμματα επιμόρφωσης → Επιλογή/Κατανομή συστάδων»: the expression of interest
as the manual's two lists (move one or all right/left, reorder), the declarations with «Συμφωνώ»
before «Καταχώριση επιλογών», «Οριστική υποβολή» after a Ναι/Όχι confirmation, then read-only.
Every button is a small form: it works without JavaScript; applications-svc decides what is allowed."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, abort, redirect, render_template, request, url_for

from .. import roles
from ..api_client import ApiProblem
from ..forms import errors_from_problem
from ..signed_in import AccessDenied, current_session, requires_role, web

bp = Blueprint("programmes", __name__, url_prefix="/programmes")

# action -> (method, path after .../interest, body from the form)
ACTIONS = {
    "add": ("POST", "choices", lambda form: {"cluster": form.get("cluster", "")}),
    "add-all": ("POST", "choices/all", lambda form: None),
    "remove": ("DELETE", "choices/{cluster}", lambda form: None),
    "remove-all": ("DELETE", "choices", lambda form: None),
    "up": ("POST", "choices/{cluster}/move", lambda form: {"direction": "up"}),
    "down": ("POST", "choices/{cluster}/move", lambda form: {"direction": "down"}),
}


def own_centre() -> str:
    code = current_session().centre_id
    if not code:
        raise AccessDenied()  # a centre head whose account names no centre sees no centre
    return code


def interest_path(period_id: int, code: str, tail: str = "") -> str:
    return f"periods/{period_id}/centres/{code}/interest" + (f"/{tail}" if tail else "")


def current_period(periods: list[dict]) -> dict | None:
    """The period whose interest window is open now, else the newest one."""
    moment = datetime.now(timezone.utc)
    for period in periods:
        opens, closes = period.get("interest_opens_at"), period.get("interest_closes_at")
        if opens and closes and datetime.fromisoformat(opens) <= moment <= datetime.fromisoformat(closes):
            return period
    return periods[0] if periods else None


@bp.get("/interest")
@requires_role(roles.KSE_HEAD)
def interest():
    code = own_centre()
    periods = web().api.get("applications", "periods")
    chosen = request.args.get("period", type=int)
    period = next((p for p in periods if p["id"] == chosen), None) if chosen else current_period(periods)
    if period is None:
        return render_template("programmes/no_period.html")
    return render_interest(period, code)


def render_interest(period: dict, code: str, errors=None, status: int = 200):
    state = web().api.get("applications", interest_path(period["id"], code))
    summary = [(None, line) for line in errors.general] if errors else []
    if errors:
        summary += [(None, m) for messages in errors.fields.values() for m in messages]
    return render_template("programmes/interest.html", period=period, state=state, summary=summary), status


@bp.post("/interest/<int:period_id>/<action>")
@requires_role(roles.KSE_HEAD)
def change(period_id: int, action: str):
    code = own_centre()
    form = request.form
    try:
        if action in ACTIONS:
            method, tail, body = ACTIONS[action]
            path = interest_path(period_id, code, tail.format(cluster=form.get("cluster", "")))
            web().api.call(method, "applications", path, json=body(form))
        elif action == "save":
            # «Συμφωνώ» first, then «Καταχώριση επιλογών» of the current list.
            accepted = form.get("declarations_accepted") == "yes"
            web().api.put("applications", interest_path(period_id, code, "declarations"), {"accepted": accepted})
            web().api.post("applications", interest_path(period_id, code, "save"))
        elif action == "submit":
            web().api.post("applications", interest_path(period_id, code, "submit"),
                           {"confirm": form.get("confirm") == "yes"})
        else:
            abort(404)
    except ApiProblem as problem:
        period = web().api.get("applications", f"periods/{period_id}")
        return render_interest(period, code, errors_from_problem(problem), 422)
    anchor = "#chosen" if action in ACTIONS else ""
    return redirect(url_for(".interest", period=period_id, done=action) + anchor, 303)


@bp.get("/interest/<int:period_id>/submit")
@requires_role(roles.KSE_HEAD)
def confirm(period_id: int):
    """The manual's confirmation message before «Οριστική υποβολή»: Ναι submits, Όχι goes back."""
    own_centre()
    period = web().api.get("applications", f"periods/{period_id}")
    return render_template("programmes/confirm.html", period=period)
