"""Tables of the staff slice."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import BigId
from sqlalchemy import Boolean, CheckConstraint, ForeignKeyConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class Trainer(Base):
    """Read model of a certified trainer (M1), fed by `resources.trainer.changed.v1` (resources-svc
    owns the register). Each event holds the trainer's whole state and a `version` growing by one
    per change: the row keeps the highest version seen (an older or repeated event changes nothing)."""

    __tablename__ = "trainer"
    __table_args__ = (Index("ix_trainer_cluster", "cluster"),)

    trainer_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    afm: Mapped[str] = mapped_column(String(9))
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    specialty: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(2))
    cluster: Mapped[str] = mapped_column(String(10))
    region: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_event_id: Mapped[str] = mapped_column(String(36))


class ProgrammeStaff(Base):
    """A programme's coordinator and technical lead (people of the centre's staff, named by their
    ΑΦΜ: the coordinator's ΑΦΜ is what gives a coordinator the programme's contact data), set by
    the centre's head; the trainers are `ProgrammeTrainer` rows."""

    __tablename__ = "programme_staff"
    __table_args__ = (
        ForeignKeyConstraint(["programme_code"], ["programme.code"]),
        CheckConstraint("length(coordinator_afm) = 9 AND length(technical_lead_afm) = 9", name="afm"),
    )

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    coordinator_afm: Mapped[str] = mapped_column(String(9))
    coordinator_surname: Mapped[str] = mapped_column(String(100))
    coordinator_name: Mapped[str] = mapped_column(String(100))
    technical_lead_afm: Mapped[str] = mapped_column(String(9))
    technical_lead_surname: Mapped[str] = mapped_column(String(100))
    technical_lead_name: Mapped[str] = mapped_column(String(100))
    assigned_by: Mapped[str] = mapped_column(String(100))
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProgrammeTrainer(Base):
    """A trainer of a programme, in the order the head gave (`rank`, from 1)."""

    __tablename__ = "programme_trainer"
    __table_args__ = (
        ForeignKeyConstraint(["programme_code"], ["programme_staff.programme_code"], ondelete="CASCADE"),
        ForeignKeyConstraint(["trainer_id"], ["trainer.trainer_id"]),
        CheckConstraint("rank >= 1", name="rank"),
        Index("ix_programme_trainer_trainer_id", "trainer_id"),
    )

    programme_code: Mapped[str] = mapped_column(String(120), primary_key=True)
    trainer_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    rank: Mapped[int] = mapped_column(Integer)
