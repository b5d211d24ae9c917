"""Read models fed by other services' events (documents-svc never reads their databases)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class Person(Base):
    """A person's printed name, from identity.user.registered.v1; `centre_head` with the centre
    they head (the signatory of their centre's B4)."""

    __tablename__ = "person"
    __table_args__ = (Index("ix_person_centre_head", "centre_id", "centre_head"),)

    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    centre_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    centre_head: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Programme(Base):
    """A programme as the lottery gave it to a centre (applications.programme.created.v1)."""

    __tablename__ = "programme"

    code: Mapped[str] = mapped_column(String(100), primary_key=True)
    period_code: Mapped[str] = mapped_column(String(30))
    centre_code: Mapped[str] = mapped_column(String(20))
    centre_name: Mapped[str] = mapped_column(String(200))
    cluster_name: Mapped[str] = mapped_column(String(200))
    category_name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
