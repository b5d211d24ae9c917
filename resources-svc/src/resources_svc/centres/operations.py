"""Use cases of the centres slice. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict
from epimorfosi_platform.publishing import emit
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..writes import flush_or_conflict
from .models import Centre


def register_centre(session: Session, principal: Principal, values: dict) -> Centre:
    conflict = Conflict(f"Υπάρχει ήδη ΚΣΕ με κωδικό {values['code']}.", slug="centre-exists")
    if session.scalar(select(Centre.id).where(Centre.code == values["code"])) is not None:
        raise conflict
    centre = Centre(**values, created_by=principal.subject)
    session.add(centre)
    flush_or_conflict(session, conflict)
    emit(
        session, "resources.centre.registered.v1",
        subject=centre.code,
        data={
            "code": centre.code,
            "name": centre.name,
            "directorate": centre.directorate,
            "prefecture": centre.prefecture,
            "region": centre.region,
        },
    )
    return centre
