"""Read model of the training periods."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class TrainingPeriod(Base):
    """Read model of a training period, fed by `applications.period.*` events (applications-svc owns it).

    Only what enrolment needs is kept; the key is the producer's period id, so an event is applied
    with an upsert and applying it again changes nothing."""

    __tablename__ = "training_period"

    period_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    enrolment_deadline: Mapped[datetime] = mapped_column(UtcDateTime)
    # How long a freed seat's offer stands (hours); None: the call set none (rules.DEFAULT_OFFER_PERIOD_HOURS).
    offer_period_hours: Mapped[int | None] = mapped_column(Integer, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))  # the event that last changed the row
