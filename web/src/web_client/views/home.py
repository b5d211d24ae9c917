"""The home page: for a visitor, where to sign in; for a person, what is due now for their role."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, render_template, url_for

from .. import roles
from ..due import due_now
from ..signed_in import current_session, web

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    row = current_session()
    if row is None:
        return render_template("home/welcome.html")
    periods = web().api.get("applications", "periods")
    items = due_now(periods, row.role_set, datetime.now(timezone.utc))
    return render_template("home/index.html", items=items, links=[screen_of(item, row.role_set) for item in items],
                           is_admin=roles.CENTRAL_ADMIN in row.role_set)


def screen_of(item, person_roles) -> str | None:
    """The screen where this person acts on a due item, if it is built."""
    if item.key == "interest" and roles.KSE_HEAD in person_roles:
        return url_for("programmes.interest", period=item.period_id)
    if item.key in ("applications_a", "applications_b") and roles.TEACHER in person_roles:
        return url_for("application.index", period=item.period_id, phase=item.key[-1].upper())
    if item.key == "enrolment_deadline" and person_roles & {roles.KSE_HEAD, roles.COORDINATOR, roles.CENTRAL_ADMIN}:
        return url_for("enrolment.index", period=item.period_id)
    if roles.CENTRAL_ADMIN in person_roles and item.period_id is not None:
        return url_for("periods.show", period_id=item.period_id)
    return None
