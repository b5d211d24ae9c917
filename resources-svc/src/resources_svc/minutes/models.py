"""The Teachers' Association minutes («Πρακτικό Συλλόγου Διδασκόντων») of a centre per period, and
the people they confirm."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base


class Minutes(Base):
    """One PDF per centre and period (a new upload replaces it while the lists are open); the bytes
    are in the service's file store under `storage_key` (content-addressed)."""

    __tablename__ = "minutes"
    __table_args__ = (
        UniqueConstraint("centre_id", "period_id"),
        CheckConstraint("size > 0", name="size_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.period_id"))
    storage_key: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)

    confirmations: Mapped[list["MinutesConfirmation"]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="MinutesConfirmation.id")


class MinutesConfirmation(Base):
    """A person the minutes confirm, by ΑΦΜ (with the name on the lists at upload, if any)."""

    __tablename__ = "minutes_confirmation"
    __table_args__ = (UniqueConstraint("minutes_id", "afm"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"))
    afm: Mapped[str] = mapped_column(String(9))
    full_name: Mapped[str] = mapped_column(String(200), default="")

    minutes: Mapped[Minutes] = relationship(back_populates="confirmations")
