"""A centre's rooms."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base
from ..centres.models import Centre
from .usability import is_room_usable, usable_capacity


class Room(Base):
    """A room or lab of a centre ("Διαχείριση πόρων ΚΣΕ → Αίθουσες"). The two workstation counts are
    those of its `workstation` rows, kept by the workstation use cases under the room's lock."""

    __tablename__ = "room"
    __table_args__ = (
        UniqueConstraint("centre_id", "name"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("certified_workstations >= 0", name="certified_workstations_not_negative"),
        CheckConstraint("uncertified_workstations >= 0", name="uncertified_workstations_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    name: Mapped[str] = mapped_column(String(100))
    certified: Mapped[bool] = mapped_column(Boolean)
    capacity: Mapped[int] = mapped_column(Integer)
    certified_workstations: Mapped[int] = mapped_column(Integer)
    uncertified_workstations: Mapped[int] = mapped_column(Integer)
    specs: Mapped[str] = mapped_column(Text, default="")
    evaluation: Mapped[str] = mapped_column(Text, default="")
    # Raised with every announcement of a change (rooms/announcements.py): consumers keep the newest.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())

    centre: Mapped[Centre] = relationship(back_populates="rooms")

    @property
    def usable(self) -> bool:
        return is_room_usable(self)

    @property
    def usable_capacity(self) -> int:
        return usable_capacity(self)
