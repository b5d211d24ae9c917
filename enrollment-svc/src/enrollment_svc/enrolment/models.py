"""Tables of the enrolment slice. The invariants live here as constraints, so PostgreSQL (and SQLite
in the embedded profile) refuses what would break them, whatever the code above does:

- enrolled ≤ capacity: `enrolment_programme.enrolled` is kept in the same transaction as the
  entries and CHECKed against the capacity;
- nobody is enrolled twice in a period: a unique index over (period, teacher) of enrolled entries;
- one entry per teacher and programme (primary key), states from `rules.State` only.
The programme row is also the lock every change of a programme's entries takes first (an UPDATE of
it), so changes of one programme happen one after the other and promotion sees a settled waitlist."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, CheckConstraint, ForeignKeyConstraint, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, one_of
from ..programmes.models import AllocationPhase, CandidateStatus
from .rules import MAX_DECLARATION_BYTES, State


class EnrolmentProgramme(Base):
    """A programme as enrolment sees it: seeded by its allocation (which carries the period, the
    centre and the capacity), with the count of enrolled entries the CHECK holds to the capacity."""

    __tablename__ = "enrolment_programme"
    __table_args__ = (
        CheckConstraint("enrolled >= 0 AND enrolled <= capacity", name="enrolled_within_capacity"),
    )

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    period_id: Mapped[int] = mapped_column(BigId)
    centre_code: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int] = mapped_column(Integer)
    to_be_implemented: Mapped[bool] = mapped_column(Boolean)  # approved: the seats reached the minimum
    enrolled: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EnrolmentEntry(Base):
    """A candidate of a programme: where the allocation put them (`allocated_as`, `position`,
    `phase`) and where they stand now (`state`). `touched`: something was done here (then a newer
    allocation never changes the state again, see rules.may_reseed)."""

    __tablename__ = "enrolment_entry"
    __table_args__ = (
        CheckConstraint(one_of("state", State), name="state"),
        CheckConstraint(one_of("allocated_as", CandidateStatus), name="allocated_as"),
        CheckConstraint(one_of("phase", AllocationPhase), name="phase"),
        CheckConstraint("position >= 1", name="position"),
        ForeignKeyConstraint(["programme_code"], ["enrolment_programme.programme_code"]),
        Index("ix_enrolment_entry_teacher_id", "teacher_id"),
        Index("uq_enrolment_entry_enrolled_once_per_period", "period_id", "teacher_id", unique=True,
              postgresql_where=text("state = 'enrolled'"), sqlite_where=text("state = 'enrolled'")),
    )

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    teacher_id: Mapped[str] = mapped_column(String(100), primary_key=True)  # identity subject
    period_id: Mapped[int] = mapped_column(BigId)
    allocated_as: Mapped[str] = mapped_column(String(12))  # a CandidateStatus: the allocation's list
    position: Mapped[int] = mapped_column(Integer)  # 1-based, in that list
    phase: Mapped[str] = mapped_column(String(1))  # the allocation phase that last listed the entry
    state: Mapped[str] = mapped_column(String(12))  # a rules.State
    touched: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))  # the allocation event that last listed it


class EntryHistory(Base):
    """Every state an entry took, who set it, when and why (the allocation's event id for seeding)."""

    __tablename__ = "enrolment_entry_history"
    __table_args__ = (
        CheckConstraint(one_of("state", State), name="state"),
        ForeignKeyConstraint(["programme_code", "teacher_id"],
                             ["enrolment_entry.programme_code", "enrolment_entry.teacher_id"],
                             ondelete="CASCADE"),
        Index("ix_enrolment_entry_history_entry", "programme_code", "teacher_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    programme_code: Mapped[str] = mapped_column(String(120))
    teacher_id: Mapped[str] = mapped_column(String(100))
    previous_state: Mapped[str | None] = mapped_column(String(12), nullable=True)
    state: Mapped[str] = mapped_column(String(12))
    action: Mapped[str] = mapped_column(String(20))  # a rules.Action, or "allocation"
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the waitlist position then
    actor: Mapped[str] = mapped_column(String(100))  # who: a subject, or the allocation event's id
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class WithdrawalDeclaration(Base):
    """The signed declaration («Υπεύθυνη Δήλωση») of a withdrawal, as uploaded (a PDF, checked)."""

    __tablename__ = "withdrawal_declaration"
    __table_args__ = (
        CheckConstraint(f"size > 0 AND size <= {MAX_DECLARATION_BYTES} AND length(content) = size", name="size"),
        ForeignKeyConstraint(["programme_code", "teacher_id"],
                             ["enrolment_entry.programme_code", "enrolment_entry.teacher_id"]),
    )

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    teacher_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
