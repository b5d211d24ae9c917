"""The workstations of a room."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base

CHARACTERISTICS = ("processor", "memory", "disk", "operating_system", "screen", "network")


class Workstation(Base):
    """A workstation of a room: its technical characteristics and whether it is certified (only
    certified workstations are used in training)."""

    __tablename__ = "workstation"
    __table_args__ = (
        UniqueConstraint("room_id", "label"),
        Index("ix_workstation_room_certified", "room_id", "certified"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(50))  # «Σταθμός 1», an inventory number
    processor: Mapped[str] = mapped_column(String(200))
    memory: Mapped[str] = mapped_column(String(100))
    disk: Mapped[str] = mapped_column(String(100))
    operating_system: Mapped[str] = mapped_column(String(100))
    screen: Mapped[str] = mapped_column(String(100))
    network: Mapped[str] = mapped_column(String(100))
    certified: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
