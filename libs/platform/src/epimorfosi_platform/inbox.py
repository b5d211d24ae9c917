"""Idempotent consumption: `(consumer, event id)` is recorded in the same transaction as the effect,
the message is acknowledged only after commit, failures are retried with back-off and then
dead-lettered so one poison message never blocks the queue."""
from __future__ import annotations

import json
import logging
import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kombu import Connection
from kombu.mixins import ConsumerMixin
from sqlalchemy.orm import Session

from . import metrics
from .bus import DEAD_LETTER_EXCHANGE, connect, consumer_queues, supports_confirms
from .db import conflict_aware_insert
from .events import Event, EventSchemaError
from .handlers import EventHandler, HandlerContext, Subscription
from .logs import bind_context

if TYPE_CHECKING:
    from .service import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """A received event, decoded into its handler's record (before any transaction begins)."""

    event: Event
    handler: EventHandler
    record: Any


class Inbox:
    """Applies handlers once per event id, in the service's runtime: handlers get a HandlerContext
    (its `emit` writes to the service's outbox in the same transaction)."""

    def __init__(self, runtime: "Runtime", consumer: str):
        self.runtime, self.db, self.table, self.consumer = runtime, runtime.db, runtime.tables.inbox, consumer

    @classmethod
    def of(cls, runtime: "Runtime", consumer: str) -> "Inbox":
        """The inbox of one of the service's consumers (`Subscription.queue_name`)."""
        return cls(runtime, consumer)

    def session(self) -> Session:
        return self.db.session()

    def receive(self, event: Event, handler: EventHandler) -> Delivery:
        """Validate the event against the consumed schema and build its record; EventSchemaError
        (a poison message) before anything is written."""
        return Delivery(event, handler, self.runtime.consumed.decode(event, handler.record))

    def apply(self, session: Session, event: Event, handler: EventHandler) -> None:
        """Run `handler` in `session`'s transaction without the inbox record (no deduplication)."""
        self._apply(session, self.receive(event, handler))

    def _apply(self, session: Session, delivery: Delivery) -> None:
        delivery.handler(HandlerContext.of(self.runtime, session, delivery.event), delivery.record)

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

    def handle(self, event: Event | Delivery, handler: EventHandler | None = None) -> bool:
        """Apply the handler once per event id. Returns False when the event was already applied."""
        delivery = event if isinstance(event, Delivery) else self.receive(event, handler)
        with self.session() as session, session.begin():
            if not self._record(session, delivery.event):
                return False
            self._apply(session, delivery)
        return True

    def handle_batch(self, batch: list[Delivery]) -> list[bool]:
        """Apply a batch in ONE transaction: one multi-row inbox insert tells which events are new,
        their handlers run, one commit. Returns per event True (applied) or False (duplicate).
        If any handler fails the whole batch rolls back and BatchFailed is raised; the caller then
        handles the events one by one, so a poison event is isolated without slowing the rest."""
        with self.session() as session, session.begin():
            fresh = set(
                session.scalars(
                    conflict_aware_insert(session, self.table)
                    .values([{"consumer": self.consumer, "event_id": d.event.id, "event_type": d.event.type}
                             for d in batch])
                    .on_conflict_do_nothing()
                    .returning(self.table.c.event_id)
                )
            )
            outcomes = []
            for delivery in batch:
                if delivery.event.id in fresh:
                    fresh.discard(delivery.event.id)  # the same event twice in one batch: apply it once
                    try:
                        self._apply(session, delivery)
                    except Exception as exc:
                        raise BatchFailed(delivery.event.id) from exc
                    outcomes.append(True)
                else:
                    outcomes.append(False)
        return outcomes


class BatchFailed(Exception):
    """A handler failed inside a batch; nothing of the batch was committed."""


class EventConsumer(ConsumerMixin):
    """Runs one subscription; reconnects on broker loss (ConsumerMixin), prefetches a window of messages."""

    def __init__(
        self,
        runtime: "Runtime",
        subscription: Subscription,
        *,
        prefetch: int | None = None,
        max_attempts: int | None = None,
        backoff_seconds: float = 0.05,
        batch_size: int = 100,
        max_batch_delay: float = 0.01,
    ):
        settings = runtime.settings
        self.service = runtime.service.name
        self.subscription = subscription
        self.queue_name = subscription.queue_name(self.service)
        self.inbox = Inbox(runtime, self.queue_name)
        self.broker_url, self.fs_dir = settings.broker_url, settings.broker_fs_dir
        self.connection: Connection = connect(self.broker_url, self.fs_dir)
        self.prefetch = settings.consumer_prefetch if prefetch is None else prefetch
        self.max_attempts = settings.consumer_max_attempts if max_attempts is None else max_attempts
        self.backoff_seconds = backoff_seconds
        self.queue, self.dead_letter_queue = consumer_queues(self.queue_name, list(subscription.handlers))
        self.batch_size = batch_size
        self.max_batch_delay = max_batch_delay
        self._pending: list[tuple[Delivery, object]] = []
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
            outcomes = self.inbox.handle_batch([delivery for delivery, _ in batch])
        except Exception as exc:  # nothing was committed: every event is retried on its own
            log.info("batch of %d rolled back (%s); handling one by one", len(batch), exc)
            for delivery, message in batch:
                self._handle_alone(delivery, message)
            return
        for (delivery, message), applied in zip(batch, outcomes):
            outcome = "applied" if applied else "duplicate"
            metrics.EVENTS_CONSUMED.labels(self.queue_name, delivery.event.type, outcome).inc()
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
        try:
            delivery = self.inbox.receive(event, handler)
        except EventSchemaError as exc:  # breaks the producer's contract: no retry can fix it
            log.error("event %s on %s refused: %s", event.id, self.queue_name, exc)
            self._dead_letter(message, event.type)
            return
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append((delivery, message))

    def _handle_alone(self, delivery: Delivery, message) -> None:
        """Retry with back-off, then dead-letter: one poison message never blocks the queue."""
        event = delivery.event
        with bind_context(correlation_id=event.correlationid, event_id=event.id):
            for attempt in range(1, self.max_attempts + 1):
                try:
                    applied = self.inbox.handle(delivery)
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
