"""A centre's staff lists per training period, and the state of those lists (open or submitted)."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId, one_of
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class StaffRole(StrEnum):
    """Which list a member is on."""

    COORDINATOR = "coordinator"  # «Προσωπικό Συντονισμού»: συντονιστής προγραμμάτων
    TECHNICAL_LEAD = "technical-lead"  # «Τεχνικοί Υπεύθυνοι»: τεχνικός υπεύθυνος – βοηθός επιμορφωτή


class Membership(StrEnum):
    REGULAR = "regular"  # τακτικό μέλος
    SUBSTITUTE = "substitute"  # αναπληρωματικό μέλος


class StaffMember(Base):
    """A person on one of a centre's lists for one period. The same person (ΑΦΜ) is on a list of a
    period at most once: the database decides (a unique key), not a lookup before the insert."""

    __tablename__ = "staff_member"
    __table_args__ = (
        UniqueConstraint("centre_id", "period_id", "role", "afm", name="uq_staff_member_person_on_list"),
        one_of("role", StaffRole, name="role_known"),
        one_of("membership", Membership, name="membership_known"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.period_id"))
    role: Mapped[str] = mapped_column(String(20))
    membership: Mapped[str] = mapped_column(String(20))
    afm: Mapped[str] = mapped_column(String(9))
    surname: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    father_name: Mapped[str] = mapped_column(String(100), default="")
    specialty: Mapped[str] = mapped_column(String(100))  # κλάδος/ειδικότητα, e.g. ΠΕ86
    email: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class StaffList(Base):
    """The state of a centre's lists for a period: one row, the lock every change of the lists and
    of the period's minutes takes with a guarded `UPDATE ... WHERE submitted_at IS NULL`, and which
    the final submission sets. A change after the submission (or racing it) finds no open row."""

    __tablename__ = "staff_list"
    __table_args__ = (UniqueConstraint("centre_id", "period_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("training_period.period_id"))
    changes: Mapped[int] = mapped_column(Integer, default=0)  # bumped by every change: the row lock
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    submitted_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
