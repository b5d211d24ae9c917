"""The teacher's «Αποτελέσματα»: the candidate number of the period's allocation and the result:
successful in a programme, or waitlisted with a position in each programme's list."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, render_template, request

from .. import roles
from ..signed_in import requires_role, web
from .teacher_calls import PHASE_LABELS, chosen_period

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.get("")
@requires_role(roles.TEACHER)
def index():
    periods = web().api.get("applications", "periods")
    period = chosen_period(periods, request.args.get("period", type=int), datetime.now(timezone.utc))
    if period is None:
        return render_template("results/index.html", period=None, result=None)
    result = web().api.get("applications", f"periods/{period['id']}/my-allocation")
    return render_template("results/index.html", period=period, result=result, phase_labels=PHASE_LABELS,
                           period_options=[(p["id"], p["name"]) for p in periods])
