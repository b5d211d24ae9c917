"""Reads of support requests: each person sees their own, the helpdesk all."""
from __future__ import annotations

import uuid

from epimorfosi_platform.errors import NotFound
from epimorfosi_platform.roles import Role
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import SupportRequest
from .rules import SUPPORT_STATUSES, SUPPORT_TOPICS


def request_not_found() -> NotFound:
    return NotFound("Το αίτημα υποστήριξης δεν βρέθηκε.")


def support_view(row: SupportRequest) -> dict:
    return {
        "id": row.id,
        "topic": row.topic,
        "topic_label": SUPPORT_TOPICS[row.topic],
        "description": row.description,
        "afm": row.afm,
        "contact_email": row.contact_email,
        "status": row.status,
        "status_label": SUPPORT_STATUSES[row.status],
        "requester_name": row.requester_name,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def visible_requests(session: Session, principal, status: str | None) -> list[SupportRequest]:
    """The newest 500: all for the helpdesk, the caller's own for anyone else."""
    query = select(SupportRequest).order_by(SupportRequest.created_at.desc()).limit(500)
    if not principal.has_role(Role.HELPDESK_AGENT):
        query = query.where(SupportRequest.requester_subject == principal.subject)
    if status:
        query = query.where(SupportRequest.status == status)
    return list(session.scalars(query))


def visible_request(session: Session, principal, request_id: uuid.UUID) -> SupportRequest:
    """The request, if the caller may see it; another person's is as missing as an unknown one."""
    row = session.get(SupportRequest, request_id)
    if row is None or not (principal.has_role(Role.HELPDESK_AGENT) or row.requester_subject == principal.subject):
        raise request_not_found()
    return row
