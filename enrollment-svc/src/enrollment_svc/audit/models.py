"""The audit log's table: one row per change, never updated or deleted."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class AuditRecord(Base):
    """A change: `action` (an entry's rules.Action, or exception / approval / cancellation), by whom
    (a subject, or "system" for the deadline's sweeps), on which programme and entry, with the states
    before and after, the reason given and anything else (`details`, canonical JSON)."""

    __tablename__ = "enrolment_audit"
    __table_args__ = (Index("ix_enrolment_audit_programme", "programme_code"), Index("ix_enrolment_audit_at", "at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    period_id: Mapped[int | None] = mapped_column(BigId, nullable=True)
    centre_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    programme_code: Mapped[str | None] = mapped_column(String(120), nullable=True)
    teacher_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    previous_state: Mapped[str | None] = mapped_column(String(12), nullable=True)
    state: Mapped[str | None] = mapped_column(String(12), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    details: Mapped[str] = mapped_column(Text, default="{}")
