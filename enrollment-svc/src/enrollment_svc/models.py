"""Tables owned by enrollment-svc."""
from __future__ import annotations

from datetime import date, datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId, make_base
from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

Base = make_base()


class TrainingPeriod(Base):
    """Read model of a training period, fed by `applications.period.*` events (applications-svc owns it).

    Only what enrolment needs is kept; the key is the producer's period id, so an event is applied
    with an upsert and applying it again changes nothing."""

    __tablename__ = "training_period"

    period_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    enrolment_deadline: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))  # the event that last changed the row


class Programme(Base):
    """Read model of a training programme given to a centre by the lottery, fed by
    `applications.programme.created.v1` (applications-svc owns it). Keyed by the producer's programme
    code, so the event is applied with an upsert and applying it again changes nothing."""

    __tablename__ = "programme"
    __table_args__ = (
        Index("ix_programme_centre_code", "centre_code"),
        Index("ix_programme_period_id", "period_id"),
    )

    code: Mapped[str] = mapped_column(String(120), primary_key=True)  # e.g. 2026-B2-4-IIb-B2.4-ΠΕΛΟΠΟΝΝΗΣΟΥ-001
    period_id: Mapped[int] = mapped_column(BigId)
    period_code: Mapped[str] = mapped_column(String(40))
    centre_code: Mapped[str] = mapped_column(String(20))  # ΚΣΕ code, as the `centre_id` token claim
    centre_name: Mapped[str] = mapped_column(String(200))
    cluster_code: Mapped[str] = mapped_column(String(10))  # B1.1 … B2.13
    cluster_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(10))  # IIa / IIb
    category_name: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(String(100))  # prefecture (IIa) or region (IIb)
    capacity: Mapped[int] = mapped_column(Integer)  # seats = the certified room's capacity
    minimum_participants: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # None: the call sets no dates
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))  # the event that last changed the row
