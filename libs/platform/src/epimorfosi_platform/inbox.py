"""Idempotent consumption: `(consumer, event id)` is recorded in the same transaction as the effect,
the message is acknowledged only after commit, failures are retried with back-off and then
dead-lettered so one poison message never blocks the queue."""
from __future__ import annotations

import json
import logging
import socket
import time
from dataclasses import dataclass
from typing import Callable, Mapping

from kombu import Connection
from kombu.mixins import ConsumerMixin
from sqlalchemy.orm import Session

from . import metrics
from .bus import DEAD_LETTER_EXCHANGE, connect, consumer_queues, supports_confirms
from .db import Database, conflict_aware_insert
from .events import Event, EventFactory, EventSchemaError
from .logs import bind_context
from .outbox import Outbox
from .tables import PlatformTables

log = logging.getLogger(__name__)

Handler = Callable[[Session, Event], None]


@dataclass(frozen=True)
class Subscription:
    """A named consumer of a service: its queue and the handler of each event type it binds."""

    name: str
    handlers: Mapping[str, Handler]

    def queue_name(self, service: str) -> str:
        return f"{service}.{self.name}"


class Inbox:
    """Applies handlers once per event id. Given the service's `outbox` and `events` (its event
    factory), handlers may publish events of their own, in their transaction: `emit_caused_by`."""

    def __init__(self, db: Database, tables: PlatformTables, consumer: str, *,
                 outbox: Outbox | None = None, events: EventFactory | None = None):
        self.db, self.table, self.consumer = db, tables.inbox, consumer
        self._publisher = (outbox, events) if outbox is not None and events is not None else None

    @classmethod
    def of(cls, runtime, consumer: str) -> "Inbox":
        """The inbox of one of the service's consumers, able to publish through its outbox."""
        return cls(runtime.db, runtime.tables, consumer, outbox=runtime.outbox, events=runtime.events)

    def session(self) -> Session:
        """A session whose handlers can publish (what `handle` runs them in)."""
        session = self.db.session()
        if self._publisher:
            session.info[_PUBLISHER] = self._publisher
        return session


    def _record(self, session: Session, event: Event) -> bool:
        """Insert `(consumer, event id)`; False when it was already there (a duplicate)."""
        result = session.execute(
            conflict_aware_insert(session, self.table)
            .values(consumer=self.consumer, event_id=event.id, event_type=event.type)
            .on_conflict_do_nothing()
            # RETURNING, not rowcount: psycopg 3 reports rowcount -1 for this INSERT once
            # SQLAlchemy has closed the cursor, which made every duplicate look new.
            .returning(self.table.c.event_id)
        )
        return result.first() is not None

    def handle(self, event: Event, handler: Handler) -> bool:
        """Apply `handler` once per event id. Returns False when the event was already applied."""
        with self.session() as session, session.begin():
            if not self._record(session, event):
                return False
            handler(session, event)
        return True

    def handle_batch(self, batch: list[tuple[Event, Handler]]) -> list[bool]:
        """Apply a batch in ONE transaction: one multi-row inbox insert tells which events are new,
        their handlers run, one commit. Returns per event True (applied) or False (duplicate).
        If any handler fails the whole batch rolls back and BatchFailed is raised; the caller then
        handles the events one by one, so a poison event is isolated without slowing the rest."""
        with self.session() as session, session.begin():
            fresh = set(
                session.scalars(
                    conflict_aware_insert(session, self.table)
                    .values(
                        [{"consumer": self.consumer, "event_id": e.id, "event_type": e.type} for e, _ in batch]
                    )
                    .on_conflict_do_nothing()
                    .returning(self.table.c.event_id)
                )
            )
            outcomes = []
            for event, handler in batch:
                if event.id in fresh:
                    fresh.discard(event.id)  # the same event twice in one batch: apply it once
                    try:
                        handler(session, event)
                    except Exception as exc:
                        raise BatchFailed(event.id) from exc
                    outcomes.append(True)
                else:
                    outcomes.append(False)
        return outcomes


_PUBLISHER = "epimorfosi.publisher"


def emit_caused_by(session: Session, cause: Event, event_type: str, subject: str, data: dict) -> Event:
    """`emit` for consumer handlers: an event of this service, validated against its schema and
    written to its outbox in the handler's transaction, continuing the cause's correlation and
    naming it as the cause. Needs an inbox built with the service's outbox (`Inbox.of`)."""
    try:
        outbox, events = session.info[_PUBLISHER]
    except KeyError:
        raise RuntimeError("this inbox has no outbox: build it with Inbox.of(runtime, consumer)") from None
    event = events.make(event_type, subject, data, correlationid=cause.correlationid, causationid=cause.id)
    outbox.add(session, event)
    return event


class BatchFailed(Exception):
    """A handler failed inside a batch; nothing of the batch was committed."""


class EventConsumer(ConsumerMixin):
    """Runs one subscription; reconnects on broker loss (ConsumerMixin), prefetches a window of messages."""

    def __init__(
        self,
        *,
        service: str,
        db: Database,
        tables: PlatformTables,
        subscription: Subscription,
        broker_url: str,
        outbox: Outbox | None = None,
        events: EventFactory | None = None,
        fs_dir: str | None = None,
        prefetch: int = 200,
        max_attempts: int = 5,
        backoff_seconds: float = 0.05,
        batch_size: int = 100,
        max_batch_delay: float = 0.01,
    ):
        self.service = service
        self.subscription = subscription
        self.queue_name = subscription.queue_name(service)
        self.inbox = Inbox(db, tables, self.queue_name, outbox=outbox, events=events)
        self.broker_url, self.fs_dir = broker_url, fs_dir
        self.connection: Connection = connect(broker_url, fs_dir)
        self.prefetch, self.max_attempts, self.backoff_seconds = prefetch, max_attempts, backoff_seconds
        self.queue, self.dead_letter_queue = consumer_queues(self.queue_name, list(subscription.handlers))
        self.batch_size = batch_size
        self.max_batch_delay = max_batch_delay
        self._pending: list[tuple[Event, Handler, object]] = []
        self._pending_since = 0.0

    def consume(self, limit=None, timeout=None, safety_interval=1, **kwargs):
        """ConsumerMixin's loop, with batching: messages that arrive together are applied in one
        transaction, flushed as soon as the queue pauses (a few ms), the batch is full or its oldest
        message has waited `max_batch_delay`, then acked."""
        # Deliveries of an earlier connection are void (their acks would fail); the broker
        # redelivers them, and the inbox drops the ones already applied.
        self._pending = []
        with self.consumer_context(**kwargs) as (conn, _channel, _consumers):
            while not self.should_stop:
                try:
                    conn.drain_events(timeout=0.002 if self._pending else safety_interval)
                except socket.timeout:
                    self._flush()
                    conn.heartbeat_check()
                except OSError:
                    self._pending = []
                    if not self.should_stop:
                        raise
                else:
                    # A steady stream never pauses: bound the wait of the oldest message as well.
                    if len(self._pending) >= self.batch_size or (
                        time.monotonic() - self._pending_since >= self.max_batch_delay
                    ):
                        self._flush()
                yield
            self._flush()

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            outcomes = self.inbox.handle_batch([(event, handler) for event, handler, _ in batch])
        except Exception as exc:  # nothing was committed: every event is retried on its own
            log.info("batch of %d rolled back (%s); handling one by one", len(batch), exc)
            for event, handler, message in batch:
                self._handle_alone(event, handler, message)
            return
        for (event, _, message), applied in zip(batch, outcomes):
            metrics.EVENTS_CONSUMED.labels(self.queue_name, event.type, "applied" if applied else "duplicate").inc()
            message.ack()

    def get_consumers(self, Consumer, channel):
        self.dead_letter_queue(channel).declare()
        return [
            Consumer(
                queues=[self.queue],
                callbacks=[self.on_message],
                accept=["application/cloudevents+json", "application/json"],
                prefetch_count=self.prefetch,
            )
        ]

    def on_message(self, body, message) -> None:
        try:
            envelope = json.loads(message.body if isinstance(message.body, (str, bytes)) else body)
            event = Event.from_envelope(envelope)
        except (ValueError, TypeError, EventSchemaError) as exc:
            log.error("undecodable message on %s: %s", self.queue_name, exc)
            self._dead_letter(message, "undecodable")
            return
        handler = self.subscription.handlers.get(event.type)
        if handler is None:
            metrics.EVENTS_CONSUMED.labels(self.queue_name, event.type, "ignored").inc()
            message.ack()
            return
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append((event, handler, message))

    def _handle_alone(self, event: Event, handler: Handler, message) -> None:
        """Retry with back-off, then dead-letter: one poison message never blocks the queue."""
        with bind_context(correlation_id=event.correlationid, event_id=event.id):
            for attempt in range(1, self.max_attempts + 1):
                try:
                    applied = self.inbox.handle(event, handler)
                except Exception as exc:
                    log.warning(
                        "handling %s failed (attempt %d/%d): %s",
                        event.type, attempt, self.max_attempts, exc,
                        exc_info=attempt == self.max_attempts,
                    )
                    if attempt < self.max_attempts:
                        time.sleep(min(self.backoff_seconds * 2 ** (attempt - 1), 2.0))
                    continue
                metrics.EVENTS_CONSUMED.labels(
                    self.queue_name, event.type, "applied" if applied else "duplicate"
                ).inc()
                message.ack()
                return
        self._dead_letter(message, event.type)

    def _dead_letter(self, message, event_type: str) -> None:
        metrics.EVENTS_DEAD_LETTERED.labels(self.queue_name, event_type).inc()
        if supports_confirms(self.connection):
            message.reject(requeue=False)  # the queue's dead-letter exchange routes it to <queue>.dlq
            return
        # Virtual transports have no dead-letter exchanges: route it there ourselves, then ack.
        with connect(self.broker_url, self.fs_dir) as conn:
            conn.Producer().publish(
                message.body,
                exchange=DEAD_LETTER_EXCHANGE,
                routing_key=self.queue_name,
                content_type=message.content_type,
                content_encoding=message.content_encoding,
                declare=[self.dead_letter_queue],
            )
        message.ack()

    def on_decode_error(self, message, exc) -> None:
        log.error("undecodable message on %s: %s", self.queue_name, exc)
        self._dead_letter(message, "undecodable")

    def on_connection_error(self, exc, interval):
        log.warning("broker unavailable (%s); reconnecting in %ss", exc, interval)
