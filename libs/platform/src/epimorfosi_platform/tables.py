"""Tables the platform adds to every service's own metadata (outbox, inbox, idempotency keys)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from .db import BigId


@dataclass(frozen=True)
class PlatformTables:
    outbox: Table
    inbox: Table
    idempotency: Table


def add_platform_tables(metadata: MetaData) -> PlatformTables:
    if "outbox_message" in metadata.tables:
        t = metadata.tables
        return PlatformTables(t["outbox_message"], t["inbox_message"], t["idempotency_key"])

    outbox = Table(
        "outbox_message",
        metadata,
        # Relay order; rows are picked by `sent_at IS NULL`, never by a high-water mark, so a
        # transaction that commits late with a lower id is still published.
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("envelope", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("CURRENT_TIMESTAMP")),
        Column("sent_at", DateTime(timezone=True), nullable=True),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text, nullable=True),
    )
    Index(
        "ix_outbox_message_unsent",
        outbox.c.id,
        postgresql_where=outbox.c.sent_at.is_(None),
        sqlite_where=outbox.c.sent_at.is_(None),
    )
    inbox = Table(
        "inbox_message",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=text("CURRENT_TIMESTAMP")),
    )
    idempotency = Table(
        "idempotency_key",
        metadata,
        Column("key", String(200), primary_key=True),
        Column("principal", String(200), primary_key=True),
        Column("request_fingerprint", String(64), nullable=False),
        Column("status", Integer, nullable=False),
        Column("content_type", String(200), nullable=True),
        Column("body", LargeBinary, nullable=True),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("CURRENT_TIMESTAMP")),
    )
    return PlatformTables(outbox, inbox, idempotency)
