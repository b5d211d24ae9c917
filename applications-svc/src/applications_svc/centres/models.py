"""Read model of resources-svc (centres and rooms), fed by its events (``consumers``)."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, String, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class Centre(Base):
    __tablename__ = "centre"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    directorate: Mapped[str] = mapped_column(String(200))
    prefecture: Mapped[str] = mapped_column(String(100))
    region: Mapped[str] = mapped_column(String(100))
    last_event_id: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Room(Base):
    """No foreign key to `centre`: a room's event may arrive before its centre's."""

    __tablename__ = "room"

    room_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    centre_code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(100))
    certified: Mapped[bool] = mapped_column(Boolean)
    capacity: Mapped[int] = mapped_column(Integer)
    certified_workstations: Mapped[int] = mapped_column(Integer)
    usable: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer, server_default="0")  # the producer's; 0: not carried
    last_event_id: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())

