"""Tables of the closing slice: exceptions granted and final approvals given (one each, by key)."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class ReducedCompositionException(Base):
    """A central admin's decision that a programme runs with fewer than the minimum (reason kept)."""

    __tablename__ = "reduced_composition_exception"
    __table_args__ = (ForeignKeyConstraint(["programme_code"], ["enrolment_programme.programme_code"]),)

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))
    granted_by: Mapped[str] = mapped_column(String(100))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FinalApproval(Base):
    """The final approval of a period's programmes of one directorate (area) and centre."""

    __tablename__ = "final_approval"

    period_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    area_code: Mapped[str] = mapped_column(String(100), primary_key=True)
    centre_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    programmes: Mapped[int] = mapped_column(Integer)  # how many became final
    approved_by: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)
