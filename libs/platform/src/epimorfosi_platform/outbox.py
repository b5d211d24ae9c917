"""Transactional outbox: events are rows written in the same transaction as the state change; a relay
publishes them with publisher confirms and only then marks them sent. At-least-once by construction:
a crash between publish and mark re-publishes, and consumers drop the duplicate in their inbox."""
from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable

from sqlalchemy import BigInteger, any_, cast, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from . import metrics
from .bus import BatchPublisher, OutboundMessage
from .clock import Clock, SystemClock
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
        self.add_many(session, [event])

    def add_many(self, session: Session, events: Iterable[Event]) -> None:
        """Write several events in one statement (one round trip however many there are), in
        the caller's transaction; the relay publishes them in the order given."""
        rows = [{"event_id": event.id, "event_type": event.type,
                 "envelope": json.dumps(event.to_envelope(), ensure_ascii=False, separators=(",", ":"))}
                for event in events]
        if not rows:
            return
        session.execute(self.table.insert(), rows)
        if session.get_bind().dialect.name == "postgresql":
            # Delivered at commit only; wakes the relay at once instead of waiting for its next poll.
            session.execute(text(f"NOTIFY {notify_channel(self.service)}"))

    def backlog(self, session: Session) -> int:
        return session.execute(
            select(func.count()).select_from(self.table).where(self.table.c.sent_at.is_(None))
        ).scalar_one()


class OutboxRelay:
    """Moves unsent outbox rows to the broker in id order, in batches, surviving broker and process
    restarts. Each row counts its publish `attempts`; a failed one leaves its error in `last_error`
    (kept after a later success, as the history of why it was late)."""

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        publisher: BatchPublisher,
        *,
        batch_size: int = 500,
        idle_poll_seconds: float = 0.2,
        error_backoff_seconds: float = 1.0,
        window: int = 4,
        clock: Clock | None = None,
    ):
        self.db, self.outbox, self.publisher = db, outbox, publisher
        self.clock = clock or SystemClock()
        self.window = window
        self.batch_size = batch_size
        self.idle_poll_seconds = idle_poll_seconds
        self.error_backoff_seconds = error_backoff_seconds
        self._stop = threading.Event()

    def _claim(self, session: Session) -> list:
        table = self.outbox.table
        # SKIP LOCKED lets several relay replicas (and batches in flight) share the work without
        # sending a row twice; rows are picked by `sent_at IS NULL`, never by a high-water mark.
        return session.execute(
            select(table.c.id, table.c.event_type, table.c.event_id, table.c.envelope)
            .where(table.c.sent_at.is_(None))
            .order_by(table.c.id)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        ).all()

    @staticmethod
    def _messages(rows: list) -> list[OutboundMessage]:
        # The envelope already carries correlationid/causationid; it is not parsed again here.
        return [OutboundMessage(row.event_type, row.envelope, row.event_id) for row in rows]

    def _matching(self, rows: list):
        table, ids = self.outbox.table, [r.id for r in rows]
        # One array parameter on PostgreSQL instead of hundreds of bound values to parse.
        return table.c.id == any_(cast(ids, ARRAY(BigInteger))) if self.db.is_postgresql else table.c.id.in_(ids)

    def _mark_sent(self, session: Session, rows: list) -> None:
        table = self.outbox.table
        session.execute(
            update(table).where(self._matching(rows)).values(sent_at=self.clock.now(), attempts=table.c.attempts + 1)
        )

    def _record_failure(self, rows: list, exc: Exception) -> None:
        """After the batch's transaction rolled back (its locks released): count the attempt and keep
        the error on the rows still unsent. Best effort; the failure itself is what gets raised."""
        if not rows:
            return
        table = self.outbox.table
        try:
            with self.db.session() as session, session.begin():
                session.execute(
                    update(table).where(self._matching(rows), table.c.sent_at.is_(None))
                    .values(attempts=table.c.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000])
                )
        except Exception:
            log.warning("outbox relay: could not record the failed attempt", exc_info=True)

    def _count(self, rows: list) -> None:
        for event_type, count in Counter(row.event_type for row in rows).items():
            metrics.EVENTS_PUBLISHED.labels(self.outbox.service, event_type).inc(count)

    def relay_once(self) -> int:
        """Publish one batch; returns how many rows were sent (0 when the outbox is empty)."""
        rows: list = []
        try:
            with self.db.session() as session, session.begin():
                rows = self._claim(session)
                if not rows:
                    return 0
                self.publisher.publish(self._messages(rows))
                self._mark_sent(session, rows)
        except Exception as exc:
            self._record_failure(rows, exc)
            raise
        self._count(rows)
        return len(rows)

    def relay_available(self) -> int:
        """Publish every unsent row; returns how many were sent.

        With confirms and PostgreSQL, up to `window` batches are in flight at once, each in its own
        transaction holding its rows' locks: the next batch is written while the broker is still
        confirming the previous ones, and each batch is marked sent (committed) only after its own
        confirms, in order. A failure rolls back every batch in flight; those rows go out again
        (consumers drop the duplicates)."""
        if not (self.publisher.pipelines and self.db.is_postgresql):
            sent = 0
            while not self._stop.is_set() and (batch := self.relay_once()):
                sent += batch
            return sent
        in_flight: deque = deque()
        sent = 0

        def release() -> list:
            rows = [row for _, batch, _ in in_flight for row in batch]
            while in_flight:
                session, _, _ = in_flight.popleft()
                session.rollback()
                session.close()
            return rows

        try:
            while True:
                if len(in_flight) < self.window and not self._stop.is_set():
                    session = self.db.session()
                    # In flight before anything can fail, so `finally` releases its row locks:
                    # a leaked transaction would hide its rows from SKIP LOCKED indefinitely.
                    entry = [session, [], 0]
                    in_flight.append(entry)
                    session.begin()
                    entry[1] = rows = self._claim(session)
                    if rows:
                        entry[2] = self.publisher.send(self._messages(rows))
                        continue
                    in_flight.pop()
                    session.rollback()
                    session.close()
                if not in_flight:
                    return sent
                session, rows, ticket = in_flight[0]  # in flight until committed: released on failure
                self.publisher.wait(ticket)
                self._mark_sent(session, rows)
                session.commit()
                in_flight.popleft()
                session.close()
                self._count(rows)
                sent += len(rows)
        except Exception as exc:
            # The failed batch and every one in flight after it go out again; their locks first.
            failed = release()
            self._record_failure(failed, exc)
            raise
        finally:
            release()

    def run(self) -> None:
        waiter = _Waiter(self.db, self.outbox.service, self.idle_poll_seconds)
        try:
            while not self._stop.is_set():
                try:
                    if self.relay_available() == 0:
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
