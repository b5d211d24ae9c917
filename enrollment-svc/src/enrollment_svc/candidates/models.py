"""The candidates' read model."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class Candidate(Base):
    """A teacher as the lists show them, keyed by the identity subject (the allocation's ids).

    Two owners, two groups of columns, each with its own guard (the moment the owner changed it):
    - identity's profile (`identity.user.profile_changed.v1`): surname, name, father's name, Α.Μ.,
      e-mail (GSIS-certified names, the account's e-mail);
    - applications-svc's teacher application (`applications.teacher_application.saved.v1`, when it
      exists): specialty, phone, mobile, id-card number, what the teacher gives when applying.
    A group is overwritten only by a newer change of its owner; the other group is untouched."""

    __tablename__ = "candidate"

    teacher_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    surname: Mapped[str | None] = mapped_column(String(100), nullable=True)
    name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    father_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    registry_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    profile_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    profile_event_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    specialty: Mapped[str | None] = mapped_column(String(100), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(30), nullable=True)
    mobile: Mapped[str | None] = mapped_column(String(30), nullable=True)
    id_card_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    application_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    application_event_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
