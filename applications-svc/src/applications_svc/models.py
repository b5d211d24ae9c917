"""Tables owned by applications-svc."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.db import BigId, make_base
from sqlalchemy import CheckConstraint, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

Base = make_base()


class TrainingPeriod(Base):
    """A training period ("7η Περίοδος Β1 - 4η Περίοδος Β2") and the windows of its call."""

    __tablename__ = "training_period"
    __table_args__ = (
        CheckConstraint("interest_opens_at < interest_closes_at", name="interest_window"),
        CheckConstraint("applications_a_opens_at < applications_a_closes_at", name="phase_a_window"),
        CheckConstraint("applications_b_opens_at < applications_b_closes_at", name="phase_b_window"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    interest_opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    interest_closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applications_a_opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applications_a_closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applications_b_opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applications_b_closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    allocation_published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    enrolment_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
