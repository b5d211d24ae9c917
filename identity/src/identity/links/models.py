"""The table of single-use e-mail links."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import CheckConstraint, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, one_of
from ..states import LinkPurpose


class ActionToken(Base):
    """A single-use link sent by e-mail (activation, password reset); only its SHA-256 is stored."""

    __tablename__ = "action_token"
    __table_args__ = (CheckConstraint(one_of("purpose", LinkPurpose), name="known_purpose"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[str] = mapped_column(String(64), index=True)
    email: Mapped[str] = mapped_column(String(254))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
