"""Tables owned by applications-svc."""
from __future__ import annotations

from datetime import date, datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId, make_base
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

Base = make_base()


class TrainingPeriod(Base):
    """A training period ("7η Περίοδος Β1 - 4η Περίοδος Β2"), the windows and the settings of its call."""

    __tablename__ = "training_period"
    __table_args__ = (
        CheckConstraint("interest_opens_at < interest_closes_at", name="interest_window"),
        CheckConstraint("applications_a_opens_at < applications_a_closes_at", name="phase_a_window"),
        CheckConstraint("applications_b_opens_at < applications_b_closes_at", name="phase_b_window"),
        CheckConstraint("required_clusters >= 1", name="required_clusters_positive"),
        CheckConstraint("minimum_participants >= 1", name="minimum_participants_positive"),
        CheckConstraint("max_choices >= 1", name="max_choices_positive"),
        CheckConstraint("level IN ('B1', 'B2')", name="level_known"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    interest_opens_at: Mapped[datetime] = mapped_column(UtcDateTime())
    interest_closes_at: Mapped[datetime] = mapped_column(UtcDateTime())
    applications_a_opens_at: Mapped[datetime] = mapped_column(UtcDateTime())
    applications_a_closes_at: Mapped[datetime] = mapped_column(UtcDateTime())
    applications_b_opens_at: Mapped[datetime] = mapped_column(UtcDateTime())
    applications_b_closes_at: Mapped[datetime] = mapped_column(UtcDateTime())
    allocation_published_at: Mapped[datetime] = mapped_column(UtcDateTime())
    enrolment_deadline: Mapped[datetime] = mapped_column(UtcDateTime())
    # Settings of the call (domain.md: "settings of the call, not constants in code").
    level: Mapped[str] = mapped_column(String(2), server_default="B2")
    required_clusters: Mapped[int] = mapped_column(Integer, server_default="13")
    minimum_participants: Mapped[int] = mapped_column(Integer, server_default="10")
    # The most programmes a teacher may rank in an application (phase A or B).
    max_choices: Mapped[int] = mapped_column(Integer, server_default="5")
    max_programmes_per_centre: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_programmes_per_centre_per_cell: Mapped[int | None] = mapped_column(Integer, nullable=True)
    implementation_starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    implementation_ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


# -- catalogue (reference data, loaded by a migration) ---------------------------------------------
class Cluster(Base):
    """Συστάδα κλάδων εκπαιδευτικών, e.g. B1.4 ΠΛΗΡΟΦΟΡΙΚΗ."""

    __tablename__ = "cluster"
    __table_args__ = (UniqueConstraint("level", "number"),)

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    level: Mapped[str] = mapped_column(String(2))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    specialties: Mapped[list["ClusterSpecialty"]] = relationship(
        order_by="ClusterSpecialty.specialty_code", lazy="selectin"
    )


class ClusterSpecialty(Base):
    """A teacher specialty (κλάδος/ειδικότητα, e.g. ΠΕ86) that belongs to a cluster."""

    __tablename__ = "cluster_specialty"

    cluster_code: Mapped[str] = mapped_column(ForeignKey("cluster.code"), primary_key=True)
    specialty_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    specialty_name: Mapped[str] = mapped_column(String(200))


class ProgrammeCategory(Base):
    """IIa (per prefecture) and IIb (per region)."""

    __tablename__ = "programme_category"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    allotted_per: Mapped[str] = mapped_column(String(20))  # "prefecture" | "region"


# -- geographic distribution (Παράρτημα Α) ---------------------------------------------------------
class DistributionRow(Base):
    __tablename__ = "distribution_row"
    __table_args__ = (
        UniqueConstraint("period_id", "category", "area_code", "cluster_code"),
        CheckConstraint("programmes >= 0", name="programmes_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    area_code: Mapped[str] = mapped_column(String(100))
    area_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(ForeignKey("programme_category.code"))
    cluster_code: Mapped[str] = mapped_column(ForeignKey("cluster.code"))
    programmes: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())


# -- read model of resources-svc (fed by its events) -----------------------------------------------
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
    last_event_id: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())


# -- expression of interest («Επιλογή/Κατανομή συστάδων») -------------------------------------------
class InterestExpression(Base):
    __tablename__ = "interest_expression"
    __table_args__ = (
        UniqueConstraint("period_id", "centre_code"),
        CheckConstraint("status IN ('draft', 'submitted')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    centre_code: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), server_default="draft")
    version: Mapped[int] = mapped_column(Integer, server_default="0")
    declarations_accepted: Mapped[bool] = mapped_column(Boolean, server_default=false())
    declarations_accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    saved: Mapped[bool] = mapped_column(Boolean, server_default=false())  # «Καταχώριση επιλογών» since the last change
    saved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    submitted_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    choices: Mapped[list["InterestChoice"]] = relationship(
        order_by="InterestChoice.rank", cascade="all, delete-orphan", lazy="selectin"
    )


class InterestChoice(Base):
    __tablename__ = "interest_choice"
    __table_args__ = (
        UniqueConstraint("expression_id", "cluster_code"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    expression_id: Mapped[int] = mapped_column(ForeignKey("interest_expression.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    cluster_code: Mapped[str] = mapped_column(ForeignKey("cluster.code"))


# -- programme lottery ---------------------------------------------------------------------------
class DrawProcedure:
    """Columns of a public draw's procedure (frozen input -> public seed -> draw), shared by the
    lottery and the allocation; `draws.py` moves a row through it."""

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


class Lottery(DrawProcedure, Base):
    """One programme lottery per period: frozen input -> public seed -> draw."""

    __tablename__ = "lottery"
    __table_args__ = (CheckConstraint("status IN ('frozen', 'seeded', 'drawn')", name="status_known"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"), unique=True)


class Programme(Base):
    """A programme created by the lottery (to be implemented by a centre)."""

    __tablename__ = "programme"
    __table_args__ = (Index("ix_programme_centre_period", "centre_code", "period_id"),)

    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    centre_code: Mapped[str] = mapped_column(String(20))
    cluster_code: Mapped[str] = mapped_column(ForeignKey("cluster.code"))
    category: Mapped[str] = mapped_column(ForeignKey("programme_category.code"))
    area_code: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer)
    preference_rank: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


# -- teacher applications and allocation ------------------------------------------------------------
class TeacherApplication(Base):
    """A teacher's ranked programmes in phase A or B (the teacher is the token subject)."""

    __tablename__ = "teacher_application"
    __table_args__ = (
        UniqueConstraint("period_id", "phase", "teacher_id"),
        CheckConstraint("phase IN ('A', 'B')", name="phase_known"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    phase: Mapped[str] = mapped_column(String(1))
    teacher_id: Mapped[str] = mapped_column(String(100))
    specialty: Mapped[str] = mapped_column(String(20))
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


class Allocation(DrawProcedure, Base):
    """One allocation per period and phase: frozen input -> public seed -> draw (like the lottery)."""

    __tablename__ = "allocation"
    __table_args__ = (
        UniqueConstraint("period_id", "phase"),
        CheckConstraint("phase IN ('A', 'B')", name="phase_known"),
        CheckConstraint("status IN ('frozen', 'seeded', 'drawn')", name="status_known"),
    )

    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    phase: Mapped[str] = mapped_column(String(1))
    applicants: Mapped[int | None] = mapped_column(Integer, nullable=True)  # in the frozen input


class AllocationSeat(Base):
    """A seat held by an applicant. The primary key (period, applicant) makes two seats impossible."""

    __tablename__ = "allocation_seat"
    __table_args__ = (
        UniqueConstraint("programme_code", "seat_order"),
        CheckConstraint("phase IN ('A', 'B')", name="phase_known"),
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
        CheckConstraint("phase IN ('A', 'B')", name="phase_known"),
        CheckConstraint("position >= 1", name="position_positive"),
        Index("ix_allocation_waitlist_applicant", "period_id", "applicant_id"),
    )

    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"), primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.id"))
    phase: Mapped[str] = mapped_column(String(1))
    position: Mapped[int] = mapped_column(Integer)


class AuditEntry(Base):
    """Who changed what, when: lottery, distribution and final submissions."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("training_period.id"), nullable=True, index=True)
    subject: Mapped[str] = mapped_column(String(120))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON
