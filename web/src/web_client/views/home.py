"""The home page: for a visitor, where to sign in; for a person, what is due now for their role."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, render_template

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
    return render_template("home/index.html", items=items, periods=periods[:3],
                           is_admin=roles.CENTRAL_ADMIN in row.role_set)
