"""Tables of the expression of interest of the centres («Επιλογή/Κατανομή συστάδων»)."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, one_of


class InterestStatus(StrEnum):
    """A centre's expression of interest: a draft until «Οριστική υποβολή», then final."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


class InterestExpression(Base):
    __tablename__ = "interest_expression"
    __table_args__ = (
        UniqueConstraint("period_id", "centre_code"),
        one_of("status", InterestStatus, "status_known"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    centre_code: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), server_default=InterestStatus.DRAFT.value)
    version: Mapped[int] = mapped_column(Integer, server_default="0")
    declarations_accepted: Mapped[bool] = mapped_column(Boolean, server_default=false())
    declarations_accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    saved: Mapped[bool] = mapped_column(Boolean, server_default=false())  # «Καταχώριση επιλογών» since the last change
    saved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    submitted_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    choices: Mapped[list["InterestChoice"]] = relationship(
        order_by="InterestChoice.rank", cascade="all, delete-orphan", lazy="selectin"
    )


class InterestChoice(Base):
    __tablename__ = "interest_choice"
    __table_args__ = (
        UniqueConstraint("expression_id", "cluster_code"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    expression_id: Mapped[int] = mapped_column(ForeignKey("interest_expression.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    cluster_code: Mapped[str] = mapped_column(ForeignKey("cluster.code"))

