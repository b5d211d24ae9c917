"""What the screen after GSIS shows: the certified record and, per purpose, what the slice that
owns the purpose adds (the HTML page and the JSON API both use it)."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..context import IdentityContext
from ..directory import reachable
from ..gsis_confirmation.queries import confirmation_view
from ..recovery.queries import forgot_email_view, reset_password_view
from ..registration.queries import registration_view
from ..states import GsisPurpose
from .models import GsisFlow
from .operations import gsis_record

# view(session, ctx, flow, gsis record) -> what the purpose's screen adds
PER_PURPOSE = {
    GsisPurpose.REGISTRATION: registration_view,
    GsisPurpose.CONFIRM: confirmation_view,
    GsisPurpose.RESET_PASSWORD: reset_password_view,
    GsisPurpose.FORGOT_EMAIL: forgot_email_view,
}


def flow_view(session: Session, ctx: IdentityContext, flow: GsisFlow) -> dict[str, Any]:
    gsis = gsis_record(flow)
    view: dict[str, Any] = {"purpose": flow.purpose, "gsis": gsis, "expires_at": flow.expires_at}
    with reachable():
        view.update(PER_PURPOSE[GsisPurpose(flow.purpose)](session, ctx, flow, gsis))
    return view
