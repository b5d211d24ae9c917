"""Transactional outbox: events are rows written in the same transaction as the state change; a relay
publishes them with publisher confirms and only then marks them sent. At-least-once by construction:
a crash between publish and mark re-publishes, and consumers drop the duplicate in their inbox."""
from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime, timezone

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from . import metrics
from .bus import BatchPublisher, OutboundMessage
from .db import Database
from .events import Event
from .tables import PlatformTables

log = logging.getLogger(__name__)


def notify_channel(service: str) -> str:
    return "outbox_" + service.replace("-", "_")


class Outbox:
    def __init__(self, service: str, tables: PlatformTables):
        self.service = service
        self.table = tables.outbox

    def add(self, session: Session, event: Event) -> None:
        """Write the event in the caller's transaction; it is published only if that commits."""
        session.execute(
            self.table.insert().values(
                event_id=event.id,
                event_type=event.type,
                envelope=json.dumps(event.to_envelope(), ensure_ascii=False, separators=(",", ":")),
            )
        )
        if session.get_bind().dialect.name == "postgresql":
            # Delivered at commit only; wakes the relay at once instead of waiting for its next poll.
            session.execute(text(f"NOTIFY {notify_channel(self.service)}"))

    def backlog(self, session: Session) -> int:
        return session.execute(
            select(func.count()).select_from(self.table).where(self.table.c.sent_at.is_(None))
        ).scalar_one()


class OutboxRelay:
    """Moves unsent outbox rows to the broker in id order, in batches, surviving broker and process restarts."""

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        publisher: BatchPublisher,
        *,
        batch_size: int = 500,
        idle_poll_seconds: float = 0.2,
        error_backoff_seconds: float = 1.0,
    ):
        self.db, self.outbox, self.publisher = db, outbox, publisher
        self.batch_size = batch_size
        self.idle_poll_seconds = idle_poll_seconds
        self.error_backoff_seconds = error_backoff_seconds
        self._stop = threading.Event()

    def relay_once(self) -> int:
        """Publish one batch; returns how many rows were sent (0 when the outbox is empty)."""
        table = self.outbox.table
        with self.db.session() as session, session.begin():
            # SKIP LOCKED lets several relay replicas share the work without sending a row twice.
            rows = session.execute(
                select(table.c.id, table.c.event_type, table.c.event_id, table.c.envelope)
                .where(table.c.sent_at.is_(None))
                .order_by(table.c.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return 0
            messages = []
            for row in rows:
                envelope = json.loads(row.envelope)
                messages.append(
                    OutboundMessage(
                        routing_key=row.event_type,
                        body=row.envelope,
                        message_id=row.event_id,
                        correlation_id=envelope.get("correlationid") or row.event_id,
                    )
                )
            self.publisher.publish(messages)
            session.execute(
                update(table)
                .where(table.c.id.in_([r.id for r in rows]))
                .values(sent_at=datetime.now(timezone.utc), attempts=table.c.attempts + 1)
            )
        for row in rows:
            metrics.EVENTS_PUBLISHED.labels(self.outbox.service, row.event_type).inc()
        return len(rows)

    def run(self) -> None:
        waiter = _Waiter(self.db, self.outbox.service, self.idle_poll_seconds)
        try:
            while not self._stop.is_set():
                try:
                    if self.relay_once() == 0:
                        waiter.wait()
                except Exception as exc:
                    metrics.RELAY_FAILURES.labels(self.outbox.service).inc()
                    log.warning("outbox relay: %s; retrying", exc, extra={"error": repr(exc)})
                    self._stop.wait(self.error_backoff_seconds)
        finally:
            waiter.close()
            self.publisher.close()

    def stop(self) -> None:
        self._stop.set()


class _Waiter:
    """Waits for new outbox rows: LISTEN/NOTIFY on PostgreSQL (with a poll as safety net), polling elsewhere."""

    def __init__(self, db: Database, service: str, poll_seconds: float):
        self.poll_seconds = poll_seconds
        self._conn = None
        if db.is_postgresql:
            try:
                import psycopg

                url = db.engine.url.set(drivername="postgresql")
                self._conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
                self._conn.execute(f"LISTEN {notify_channel(service)}")
                self.poll_seconds = max(poll_seconds, 1.0)
            except Exception:
                log.warning("LISTEN unavailable; polling the outbox", exc_info=True)
                self._conn = None

    def wait(self) -> None:
        if self._conn is None:
            time.sleep(self.poll_seconds)
            return
        try:
            for _ in self._conn.notifies(timeout=self.poll_seconds, stop_after=1):
                break
        except Exception:
            log.warning("LISTEN connection lost; polling", exc_info=True)
            self.close()

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
