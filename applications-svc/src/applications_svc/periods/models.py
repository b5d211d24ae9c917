"""Tables of the periods slice: the training period and its call's settings, the catalogue of
clusters and programme categories (reference data, loaded by a migration), and the geographic
distribution table (Παράρτημα Α) of a period."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, one_of


class Level(StrEnum):
    """The level of a call's clusters (B1.x or B2.x)."""

    B1 = "B1"
    B2 = "B2"


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
        one_of("level", Level, "level_known"),
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
    level: Mapped[str] = mapped_column(String(2), server_default=Level.B2.value)
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

