"""Tables of the teacher applications (phases A and B), the candidate numbers and the
allocation: its procedure, the seats and the waitlists it gives."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, one_of
from ..draws.models import DrawColumns, draw_status_known


class Phase(StrEnum):
    """The two phases of the teacher applications; B's seats are those A left free."""

    A = "A"
    B = "B"


class ResultStatus(StrEnum):
    """A teacher's allocation result in a period."""

    SUCCESSFUL = "successful"  # holds a seat
    WAITLISTED = "waitlisted"  # a phase they applied in was drawn, no seat
    NOT_APPLIED = "not-applied"
    PENDING = "pending"  # applied, the phase not drawn yet


def _phase_known():
    return one_of("phase", Phase, "phase_known")


class TeacherApplication(Base):
    """A teacher's ranked programmes in phase A or B (the teacher is the token subject)."""

    __tablename__ = "teacher_application"
    __table_args__ = (
        UniqueConstraint("period_id", "phase", "teacher_id"),
        _phase_known(),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    phase: Mapped[str] = mapped_column(String(1))
    teacher_id: Mapped[str] = mapped_column(String(100))
    specialty: Mapped[str] = mapped_column(String(20))
    # How the centre reaches the teacher (K4/K5) and the enrolment's id-card number, as given when
    # applying; None when not given (docs/decisions.md: where enrollment-svc gets the candidates' data).
    phone: Mapped[str | None] = mapped_column(String(30), nullable=True)
    mobile: Mapped[str | None] = mapped_column(String(30), nullable=True)
    id_card_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    choices: Mapped[list["TeacherChoice"]] = relationship(
        order_by="TeacherChoice.rank", cascade="all, delete-orphan", lazy="selectin"
    )


class TeacherChoice(Base):
    __tablename__ = "teacher_choice"
    __table_args__ = (
        UniqueConstraint("application_id", "programme_code"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    application_id: Mapped[int] = mapped_column(ForeignKey("teacher_application.id", ondelete="CASCADE"),
                                                primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"))


class AllocationCandidate(Base):
    """The number under which a teacher appears in the period's public allocation records (their
    input and result): random, so the published files name nobody and link nobody across periods.
    One per teacher and period (both phases), given with the first application and shown to the
    teacher with the application and the result, so that they can find themselves in the record."""

    __tablename__ = "allocation_candidate"
    __table_args__ = (UniqueConstraint("period_id", "number"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"), primary_key=True)
    teacher_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    number: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Allocation(DrawColumns, Base):
    """One allocation per period and phase: frozen input -> public seed -> draw (like the lottery)."""

    __tablename__ = "allocation"
    __table_args__ = (
        UniqueConstraint("period_id", "phase"),
        _phase_known(),
        draw_status_known(),
    )

    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    phase: Mapped[str] = mapped_column(String(1))
    applicants: Mapped[int | None] = mapped_column(Integer, nullable=True)  # in the frozen input


class AllocationSeat(Base):
    """A seat held by an applicant. The primary key (period, applicant) makes two seats impossible."""

    __tablename__ = "allocation_seat"
    __table_args__ = (
        UniqueConstraint("programme_code", "seat_order"),
        _phase_known(),
        CheckConstraint("seat_order >= 1", name="seat_order_positive"),
        CheckConstraint("choice >= 1", name="choice_positive"),
    )

    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"), primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"), index=True)
    phase: Mapped[str] = mapped_column(String(1))
    seat_order: Mapped[int] = mapped_column(Integer)
    choice: Mapped[int] = mapped_column(Integer)
    random_number: Mapped[int] = mapped_column(Integer)


class AllocationWaitlist(Base):
    """A programme's waitlist: phase-B entries are appended after the phase-A ones."""

    __tablename__ = "allocation_waitlist"
    __table_args__ = (
        UniqueConstraint("programme_code", "position"),
        _phase_known(),
        CheckConstraint("position >= 1", name="position_positive"),
        Index("ix_allocation_waitlist_applicant", "period_id", "applicant_id"),
    )

    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"), primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    phase: Mapped[str] = mapped_column(String(1))
    position: Mapped[int] = mapped_column(Integer)

