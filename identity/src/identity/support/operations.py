"""Use cases of support requests."""
from __future__ import annotations

import uuid
from datetime import datetime

from epimorfosi_platform.errors import Conflict, Invalid
from sqlalchemy.orm import Session

from ..accounts.rules import is_plausible_email, normalize_email
from epimorfosi_platform.afm import InvalidAfm, validate_afm
from ..states import SupportStatus
from .models import SupportRequest
from .queries import request_not_found
from .rules import support_transition_error


def create_support_request(session: Session, principal, data: dict, *, now: datetime) -> SupportRequest:
    """A new request by the logged-in person; the ΑΦΜ is optional but, when given, must be valid."""
    errors: dict[str, list[str]] = {}
    afm = None
    if (data.get("afm") or "").strip():
        try:
            afm = validate_afm(data["afm"])
        except InvalidAfm as exc:
            errors["afm"] = [exc.message]
    contact = normalize_email(data.get("contact_email") or principal.email or "")
    if not is_plausible_email(contact):
        errors["contact_email"] = ["Δώστε ένα e-mail επικοινωνίας."]
    if errors:
        raise Invalid("Ελέγξτε τα πεδία που επισημαίνονται.", errors=errors)
    request_row = SupportRequest(
        id=uuid.uuid4(),
        topic=data["topic"],
        description=data["description"].strip(),
        afm=afm,
        contact_email=contact,
        status=SupportStatus.OPEN,
        requester_subject=principal.subject,
        requester_name=principal.display_name[:200],
        created_at=now,
        updated_at=now,
    )
    session.add(request_row)
    session.flush()
    return request_row


def change_support_status(
    session: Session, principal, request_id: uuid.UUID, status: str, *, now: datetime
) -> SupportRequest:
    """Helpdesk only (checked by the caller); the allowed transitions are domain rules."""
    row = session.get(SupportRequest, request_id, with_for_update=True)
    if row is None:
        raise request_not_found()
    if error := support_transition_error(row.status, status):
        raise Conflict(error, slug="invalid-status-change")
    row.status = SupportStatus(status)
    row.handled_by = principal.subject
    row.updated_at = now
    session.flush()
    return row
