"""Read model of the programmes the lottery gave to centres, and their allocations (who is seated,
who waits), fed by applications-svc's events (``consumers``)."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, CheckConstraint, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, one_of


class CandidateStatus(StrEnum):
    """Which list of a programme's allocation a candidate is on (where they stand now is their
    enrolment entry's state, `enrolment.rules.State`)."""

    SUCCESSFUL = "successful"  # seated
    WAITLISTED = "waitlisted"


class AllocationPhase(StrEnum):
    """The allocation's phase; phase B's lists are cumulative (A's, then B's)."""

    A = "A"
    B = "B"


class Programme(Base):
    """Read model of a training programme given to a centre by the lottery, fed by
    `applications.programme.created.v1` (applications-svc owns it). Keyed by the producer's programme
    code, so the event is applied with an upsert and applying it again changes nothing.

    `to_be_implemented` and `allocation_phase` mirror the programme's `ProgrammeAllocation` (the
    latest `applications.allocation.published.v1`); both stay None until an allocation arrives."""

    __tablename__ = "programme"
    __table_args__ = (
        Index("ix_programme_centre_code", "centre_code"),
        Index("ix_programme_period_id", "period_id"),
    )

    code: Mapped[str] = mapped_column(String(120), primary_key=True)  # e.g. 2026-B2-4-IIb-B2.4-ΠΕΛΟΠΟΝΝΗΣΟΥ-001
    period_id: Mapped[int] = mapped_column(BigId)
    period_code: Mapped[str] = mapped_column(String(40))
    centre_code: Mapped[str] = mapped_column(String(20))  # ΚΣΕ code, as the `centre_id` token claim
    centre_name: Mapped[str] = mapped_column(String(200))
    cluster_code: Mapped[str] = mapped_column(String(10))  # B1.1 … B2.13
    cluster_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(10))  # IIa / IIb
    category_name: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(String(100))  # prefecture (IIa) or region (IIb)
    capacity: Mapped[int] = mapped_column(Integer)  # seats = the certified room's capacity
    minimum_participants: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # None: the call sets no dates
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))  # the event that last changed the row
    to_be_implemented: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # seats reached the minimum
    allocation_phase: Mapped[str | None] = mapped_column(String(1), nullable=True)  # an AllocationPhase


class ProgrammeAllocation(Base):
    """Where the programme's allocation stands here: the guard of `applications.allocation.published.v1`
    and the one row per programme that both of its handlers lock.

    Order-safety: an event replaces the programme's candidates only when it is newer than the one
    applied, which the database decides in one statement (INSERT ... ON CONFLICT DO UPDATE ... WHERE
    newer ... RETURNING, see consumers.record_allocation_published). Newer = a later phase (B after A:
    phase B's lists are cumulative), or the same phase with a later `published_at`.

    Kept apart from `programme` because the events of a programme may arrive in any order: the
    allocation may come before `applications.programme.created.v1`, when there is no programme row
    to hold the guard. `record_programme_created` also upserts this row (phase None: no allocation
    yet) so that both handlers lock the same row, whichever comes first: that serialises them, and
    the programme's mirror columns never miss an allocation committed concurrently (two workers
    consume the same queue in production)."""

    __tablename__ = "programme_allocation"
    __table_args__ = (
        CheckConstraint(one_of("phase", AllocationPhase), name="phase"),
        # An allocation is applied whole: phase and the guard's other fields are set together.
        CheckConstraint(
            "phase IS NULL OR (published_at IS NOT NULL AND to_be_implemented IS NOT NULL"
            " AND received_at IS NOT NULL AND last_event_id IS NOT NULL)",
            name="allocated",
        ),
    )

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    phase: Mapped[str | None] = mapped_column(String(1), nullable=True)  # an AllocationPhase; None: none yet
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # the draw's moment
    to_be_implemented: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_event_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # the allocation applied
