"""The table of GSIS round trips."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import CheckConstraint, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, one_of
from ..states import GsisPurpose


class GsisFlow(Base):
    """One round trip through GSIS (Taxisnet), kept on the server: the browser only carries the
    random `state` (stored hashed) and an HttpOnly cookie that binds the flow to that browser."""

    __tablename__ = "gsis_flow"
    __table_args__ = (CheckConstraint(one_of("purpose", GsisPurpose), name="known_purpose"),)

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    binding_hash: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))  # reset-password: the e-mail given first
    account_id: Mapped[str | None] = mapped_column(String(64))  # confirm: the logged-in account
    identity: Mapped[str | None] = mapped_column(Text)  # JSON of the GSIS record after the callback
    authenticated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
