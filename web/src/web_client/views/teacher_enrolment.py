"""The teacher's «Τα προγράμματά μου»: their own state in each programme of the allocation (enrolled,
successful, waitlisted with the live position that moves as seats free up, withdrawn, …), from
enrollment-svc's `/my-entries` (the token's subject: nobody else's)."""
from __future__ import annotations

from flask import Blueprint, render_template

from .. import roles
from ..signed_in import requires_role, web
from .enrolment import STATE_LABELS

bp = Blueprint("teacher_enrolment", __name__, url_prefix="/my-programmes")


@bp.get("")
@requires_role(roles.TEACHER)
def index():
    entries = web().api.get("enrollment", "enrolment/my-entries") or []
    return render_template("teacher_enrolment/index.html", entries=entries, state_labels=STATE_LABELS)
