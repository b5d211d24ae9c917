"""Tables of the programme lottery: the lottery's procedure and the programmes it creates."""
from __future__ import annotations

from datetime import date, datetime

from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from ..draws.models import DrawColumns, draw_status_known


class Lottery(DrawColumns, Base):
    """One programme lottery per period: frozen input -> public seed -> draw."""

    __tablename__ = "lottery"
    __table_args__ = (draw_status_known(),)

    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"), unique=True)


class Programme(Base):
    """A programme created by the lottery (to be implemented by a centre)."""

    __tablename__ = "programme"
    __table_args__ = (Index("ix_programme_centre_period", "centre_code", "period_id"),)

    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    centre_code: Mapped[str] = mapped_column(String(20))
    cluster_code: Mapped[str] = mapped_column(ForeignKey("cluster.code"))
    category: Mapped[str] = mapped_column(ForeignKey("programme_category.code"))
    area_code: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer)
    preference_rank: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

