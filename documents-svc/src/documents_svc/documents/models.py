"""The record of rendered documents."""
from __future__ import annotations

import uuid
from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy import Index, Integer, String, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class Document(Base):
    """A rendered PDF of the record folder. The file itself lives in the DocumentStore under
    `storage_key` (content-addressed); this row is its metadata and its public verification code."""

    __tablename__ = "document"
    __table_args__ = (
        Index("ix_document_kind_subject", "kind", "subject"),
        Index("ix_document_owner_centre", "owner_centre"),
        Index("ix_document_programme", "programme_code"),
        Index("ix_document_holder", "holder_id"),
        # A list printed on demand: the same input is one document, a changed input the next version.
        UniqueConstraint("kind", "subject", "input_sha256", name="uq_document_input"),
        Index("uq_document_list_version", "kind", "subject", "version", unique=True,
              postgresql_where=text("input_sha256 IS NOT NULL"), sqlite_where=text("input_sha256 IS NOT NULL")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    kind: Mapped[str] = mapped_column(String(50))  # e.g. "period-announcement"; see forms.FORMS
    subject: Mapped[str] = mapped_column(String(100))  # the aggregate it is about, e.g. the period id
    # Never shown by /v1/verify (which confirms kind, holder's name, programme and date only).
    title: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    verification_code: Mapped[str] = mapped_column(String(16), unique=True)
    storage_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    # One document per consumed event even if the inbox were bypassed (replays, manual re-runs).
    source_event_id: Mapped[str | None] = mapped_column(String(36), unique=True, nullable=True)
    # The centre (ΚΣΕ code, as the `centre_id` token claim) a centre's document belongs to, e.g. its
    # form A2; None for documents of no centre (public notices). See forms.Form.centre_scoped.
    owner_centre: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Lists printed on demand (K2–K6, M1): SHA-256 of the request (what was printed, canonical JSON)
    # and the version among the documents of the same kind and subject (1, 2, ...).
    input_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Whom a certificate is for (B4: the trainee's user id, who may read it; A2: none) and the name
    # printed on it, which /v1/verify confirms to whoever holds the paper; and the programme a
    # document is about (a programme's folder). None where the kind has no holder or programme.
    holder_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    holder_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    programme_code: Mapped[str | None] = mapped_column(String(100), nullable=True)
