"""What the registration form after GSIS shows."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..accounts.queries import afm_claimed_by_other
from ..context import IdentityContext
from ..directory import reachable
from .operations import release_orphan_afm
from .rules import GENDERS, MSG_AFM_TAKEN


def registration_view(session: Session, ctx: IdentityContext, flow, gsis: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = {}
    directory = ctx.directory(session)
    with reachable():
        release_orphan_afm(session, ctx, directory, gsis["afm"])
    if afm_claimed_by_other(session, directory, gsis["afm"], None):
        view["error"] = {"slug": "afm-already-registered", "detail": MSG_AFM_TAKEN}
    view["genders"] = [{"id": k, "label": v} for k, v in GENDERS.items()]
    return view
