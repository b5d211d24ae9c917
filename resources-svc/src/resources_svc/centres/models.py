"""The register of centres."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base

if TYPE_CHECKING:
    from ..rooms.models import Room


class Centre(Base):
    """A training-support centre (ΚΣΕ) of the register, usually a school."""

    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # "KSE-0001"; tokens carry it as centre_id
    name: Mapped[str] = mapped_column(String(200))
    school: Mapped[str] = mapped_column(String(200), server_default="")  # Σχολική μονάδα (blank: the name)
    directorate: Mapped[str] = mapped_column(String(200))  # Διεύθυνση Εκπαίδευσης
    prefecture: Mapped[str] = mapped_column(String(100))  # Νομός: area of IIa programmes
    region: Mapped[str] = mapped_column(String(100))  # Περιφέρεια: area of IIb programmes
    head: Mapped[str] = mapped_column(String(200), server_default="")  # e-mail of the head's identity account
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())

    rooms: Mapped[list["Room"]] = relationship(back_populates="centre", order_by="Room.name")
