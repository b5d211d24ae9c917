"""The table of support requests."""
from __future__ import annotations

import uuid
from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import CheckConstraint, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, one_of
from ..states import SupportStatus, SupportTopic


class SupportRequest(Base):
    """A request for help ("Αίτημα υποστήριξης"): the requester sees their own, helpdesk agents all."""

    __tablename__ = "support_request"
    __table_args__ = (
        CheckConstraint(one_of("topic", SupportTopic), name="known_topic"),
        CheckConstraint(one_of("status", SupportStatus), name="known_status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    topic: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text)
    afm: Mapped[str | None] = mapped_column(String(9))
    contact_email: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20), server_default=SupportStatus.OPEN.value, default=SupportStatus.OPEN)
    requester_subject: Mapped[str | None] = mapped_column(String(64), index=True)  # None: sent without signing in
    requester_name: Mapped[str] = mapped_column(String(200), server_default="")
    handled_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
