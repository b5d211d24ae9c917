"""The states of a public draw and the columns its procedure keeps (the lottery's and the
allocation's tables have them both)."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import one_of


class DrawStatus(StrEnum):
    FROZEN = "frozen"
    SEEDED = "seeded"
    DRAWN = "drawn"


def draw_status_known():
    """The table constraint of a draw's ``status``."""
    return one_of("status", DrawStatus, "status_known")


class DrawColumns:
    """Columns of a public draw's procedure, shared by the lottery and the allocation tables."""

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    status: Mapped[str] = mapped_column(String(10))
    rules_version: Mapped[str] = mapped_column(String(100))
    input_json: Mapped[str] = mapped_column(Text)
    input_sha256: Mapped[str] = mapped_column(String(64))
    frozen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    frozen_by: Mapped[str] = mapped_column(String(100))
    seed: Mapped[str | None] = mapped_column(String(200), nullable=True)
    seed_source: Mapped[str | None] = mapped_column(String(500), nullable=True)
    seeded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    seeded_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    algorithm: Mapped[str | None] = mapped_column(String(100), nullable=True)
    result_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    drawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    drawn_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
