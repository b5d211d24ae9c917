"""The centre head's «Διαχείριση πόρων ΚΣΕ → Αίθουσες»: the rooms of their own centre (the centre
comes from the token, never from the address), with certified and uncertified workstations."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from .. import errors, roles
from ..api_client import ApiProblem
from ..paging import paginate
from ..signed_in import AccessDenied, current_session, requires_role, web
from .rooms import ROOM_LABELS, room_form

CENTRE_KEPT_SECONDS = 300
bp = Blueprint("resources", __name__, url_prefix="/resources")

@bp.route("/rooms", methods=["GET", "POST"])
@requires_role(roles.KSE_HEAD)
def rooms():
    code = current_session().centre_id
    if not code:
        raise AccessDenied()  # a centre head whose account names no centre sees no centre
    outcome = room_form(code)
    if outcome.created:
        return redirect(url_for(".rooms", added=1), 303)
    # The rooms' list does not carry the centre's name, which the page shows: the centre's record is
    # kept a few minutes, so that a page view is one API call (the rooms), not two.
    try:
        centre = web().api.get_kept("resources", f"centres/{code}", CENTRE_KEPT_SECONDS)
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        raise errors.CentreNotRegistered() from problem
    page = paginate(web().api.get("resources", f"centres/{code}/rooms"), web().settings.page_size)
    return render_template("resources/rooms.html", centre=centre, rooms=page, form=outcome, labels=ROOM_LABELS,
                           summary=outcome.errors.summary(ROOM_LABELS)), 422 if outcome.errors else 200
