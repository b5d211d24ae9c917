"""The register of certified trainers (M1)."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, CheckConstraint, Date, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class Level(StrEnum):
    """The B-level certification: B1 (general ICT in teaching) or B2 (advanced, per specialty)."""

    B1 = "B1"
    B2 = "B2"


class Trainer(Base):
    """A certified trainer of the register. The ΑΦΜ is the natural key (a re-import updates the row
    of the same ΑΦΜ) and never changes; `version` grows with every change and is in each event."""

    __tablename__ = "trainer"
    __table_args__ = (
        CheckConstraint("level IN (" + ", ".join(f"'{v}'" for v in Level) + ")", name="trainer_level"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    afm: Mapped[str] = mapped_column(String(9), unique=True)
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    specialty: Mapped[str] = mapped_column(String(100), index=True)  # e.g. "ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ"
    level: Mapped[str] = mapped_column(String(2))
    certified_on: Mapped[date] = mapped_column(Date)
    cluster: Mapped[str] = mapped_column(String(20), index=True)  # e.g. "B1.4"
    region: Mapped[str] = mapped_column(String(100), index=True)  # Περιφέρεια
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
