"""Pages of the GSIS round trip: the start buttons straight to Taxisnet and the return from it,
which shows the screen of the flow's purpose (each rendered by the slice that owns it)."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.errors import DomainError
from epimorfosi_platform.problems import as_problem
from epimorfosi_platform.web import service_context, session
from flask import Response, request

from ..gsis_confirmation.pages import confirmation_page
from ..pages import message_page, pages, problem_page
from ..recovery.pages import forgot_email_page, reset_password_page
from ..registration.pages import registration_page
from ..states import GsisPurpose
from . import operations, queries
from .api import BINDING_COOKIE, redirect_to_gsis

_START_PURPOSES = {GsisPurpose.REGISTRATION, GsisPurpose.FORGOT_EMAIL}


def flow_page(flow, view: dict) -> Response:
    """The screen after GSIS for the flow's purpose."""
    if flow.purpose == GsisPurpose.REGISTRATION:
        return registration_page(view)
    if flow.purpose == GsisPurpose.CONFIRM:
        return confirmation_page(view)
    if flow.purpose == GsisPurpose.RESET_PASSWORD:
        return reset_password_page(view)
    return forgot_email_page(view)


@pages.get("/v1/gsis/start")
def start():
    """«Εγγραφή μέσω ΓΓΠΣ» and «Ξέχασα το Email Μητρώου» buttons: straight to Taxisnet."""
    purpose = request.args.get("purpose", "")
    if purpose not in _START_PURPOSES:
        return message_page("Μη έγκυρο αίτημα", "Άγνωστη διαδικασία ταυτοποίησης.", 400, error=True)
    started = operations.start_flow(session, service_context(), purpose)
    session.commit()
    return redirect_to_gsis(started)


@pages.get("/v1/gsis/callback")
def callback():
    ctx = service_context()
    try:
        flow = operations.finish_callback(
            session, ctx, state=request.args.get("state"), binding=request.cookies.get(BINDING_COOKIE),
            code=request.args.get("code"), error=request.args.get("error"),
        )
        view = queries.flow_view(session, ctx, flow)
    except (DomainError, Problem) as error:
        return problem_page(as_problem(error), "Ταυτοποίηση μέσω ΓΓΠΣ")
    session.commit()  # keep the certified record for the next step (a GET: see pages.py)
    return flow_page(flow, view)
