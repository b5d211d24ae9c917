"""The audit log of a period (who changed what, when), written by every slice's use cases in
their transaction and read by the periods slice (``GET /v1/periods/{id}/audit``)."""
from __future__ import annotations

import json
from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import BigId
from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base
from .rules.canonical import canonical_text


class AuditEntry(Base):
    """Who changed what, when: lottery, distribution and final submissions."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("training_period.id"), nullable=True, index=True)
    subject: Mapped[str] = mapped_column(String(120))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON


def audit(session: Session, principal: Principal, action: str, subject: str, details: dict,
          period_id: int | None = None, *, now: datetime) -> None:
    session.add(AuditEntry(occurred_at=now, actor=principal.subject, action=action, period_id=period_id,
                           subject=subject, details=canonical_text(details)))


def entries(session: Session, period_id: int) -> list[dict]:
    rows = session.scalars(select(AuditEntry).where(AuditEntry.period_id == period_id).order_by(AuditEntry.id))
    return [{"occurred_at": r.occurred_at, "actor": r.actor, "action": r.action, "subject": r.subject,
             "details": json.loads(r.details)} for r in rows]
