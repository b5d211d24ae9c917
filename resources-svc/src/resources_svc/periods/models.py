"""Read model of the training periods (applications-svc owns them)."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base
from .window import is_staff_window_open


class TrainingPeriod(Base):
    """A training period, fed by `applications.period.opened.v1`. Only what the staff slices need is
    kept (the call's window); the key is the producer's period id, so an event is applied with an
    upsert and applying it again changes nothing."""

    __tablename__ = "training_period"

    period_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    interest_opens_at: Mapped[datetime] = mapped_column(UtcDateTime)
    interest_closes_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))  # the event that last changed the row

    def staff_window_open(self, now: datetime) -> bool:
        return is_staff_window_open(self.interest_opens_at, self.interest_closes_at, now)
