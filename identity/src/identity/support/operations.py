"""Use cases of support requests."""
from __future__ import annotations

import uuid
from datetime import datetime

from epimorfosi_platform.errors import Conflict, Invalid
from sqlalchemy.orm import Session

from ..states import SupportStatus
from .models import SupportRequest
from .queries import request_not_found
from .rules import contact_fields, support_transition_error


def create_support_request(session: Session, principal, data: dict, *, now: datetime) -> SupportRequest:
    """A new request by the logged-in person; the ΑΦΜ is optional but, when given, must be valid."""
    return _create(session, data, now=now, fallback_email=principal.email or "", subject=principal.subject,
                   name=principal.display_name)


def create_anonymous_support_request(session: Session, data: dict, *, now: datetime) -> SupportRequest:
    """A new request from the support page, by someone who cannot sign in (that is often the
    problem): no requester account, so the contact e-mail is required; only the helpdesk sees it."""
    return _create(session, data, now=now, fallback_email="", subject=None, name=data.get("requester_name") or "")


def _create(session: Session, data: dict, *, now: datetime, fallback_email: str, subject: str | None,
            name: str) -> SupportRequest:
    afm, contact, errors = contact_fields(data.get("afm"), data.get("contact_email") or fallback_email)
    if errors:
        raise Invalid("Ελέγξτε τα πεδία που επισημαίνονται.", errors=errors)
    request_row = SupportRequest(
        id=uuid.uuid4(),
        topic=data["topic"],
        description=data["description"].strip(),
        afm=afm,
        contact_email=contact,
        status=SupportStatus.OPEN,
        requester_subject=subject,
        requester_name=name.strip()[:200],
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
