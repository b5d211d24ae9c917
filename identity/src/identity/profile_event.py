"""`identity.user.profile_changed.v1`: what the programmes' lists print of a person (names, father's
name, Α.Μ., e-mail), written whenever identity sets or changes them (docs/decisions.md)."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.publishing import emit
from sqlalchemy.orm import Session

PROFILE_CHANGED = "identity.user.profile_changed.v1"


def emit_profile_changed(session: Session, account_id: str, *, first_name: str, last_name: str,
                         father_name: str | None, registry_number: str | None, email: str, changed_at: datetime) -> None:
    """In the transaction that changed the profile (outbox): the profile as it is now."""
    emit(session, PROFILE_CHANGED, account_id, {
        "user_id": account_id, "first_name": first_name or "", "last_name": last_name or "",
        "father_name": father_name or None, "registry_number": registry_number or None, "email": email,
        "changed_at": changed_at.isoformat(),
    })
