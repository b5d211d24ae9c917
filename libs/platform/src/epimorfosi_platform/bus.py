"""The message bus: topology, a publisher with pipelined publisher confirms, and broker connections.

One durable topic exchange carries every integration event (routing key = event type). Each consumer
owns a durable queue (a quorum queue on RabbitMQ) dead-lettering into `epimorfosi.dlx`, where
`<queue>.dlq` collects what could not be handled. The same code runs over Kombu's filesystem
transport in the embedded profile, which keeps exchanges and bindings on disk so that separate
processes really see each other's messages.
"""
from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass
from typing import Sequence

import amqp
from kombu import Connection, Exchange, Producer, Queue, binding

log = logging.getLogger(__name__)

EVENTS_EXCHANGE = Exchange("epimorfosi.events", type="topic", durable=True)
DEAD_LETTER_EXCHANGE = Exchange("epimorfosi.dlx", type="direct", durable=True)


class PublishError(RuntimeError):
    """The broker did not confirm every message of a batch; the caller must retry the batch."""


def connect(broker_url: str, fs_dir: str | None = None, **kwargs) -> Connection:
    transport_options = dict(kwargs.pop("transport_options", {}))
    if broker_url.startswith("filesystem"):
        import os

        fs_dir = fs_dir or os.path.join("var", "bus")
        os.makedirs(fs_dir, exist_ok=True)
        transport_options.update(
            data_folder_in=fs_dir,
            data_folder_out=fs_dir,
            control_folder=os.path.join(fs_dir, "control"),
            polling_interval=0.05,  # the default 1 s would dominate event latency in the embedded profile
        )
        os.makedirs(transport_options["control_folder"], exist_ok=True)
        from .fs_transport import Transport

        kwargs["transport"] = Transport
    kwargs.setdefault("heartbeat", 30 if broker_url.startswith("amqp") else 0)
    return Connection(broker_url, transport_options=transport_options, connect_timeout=5, **kwargs)


def supports_confirms(connection: Connection) -> bool:
    return connection.transport.driver_type == "amqp"


def consumer_queues(queue_name: str, routing_keys: Sequence[str]) -> tuple[Queue, Queue]:
    """The consumer's queue bound to its event types, and its dead-letter queue."""
    queue = Queue(
        queue_name,
        bindings=[binding(EVENTS_EXCHANGE, routing_key=rk) for rk in routing_keys],
        durable=True,
        queue_arguments={
            "x-queue-type": "quorum",
            "x-dead-letter-exchange": DEAD_LETTER_EXCHANGE.name,
            "x-dead-letter-routing-key": queue_name,
        },
    )
    dead_letters = Queue(
        f"{queue_name}.dlq",
        exchange=DEAD_LETTER_EXCHANGE,
        routing_key=queue_name,
        durable=True,
        queue_arguments={"x-queue-type": "quorum"},
    )
    return queue, dead_letters


def declare_consumer_topology(connection: Connection, queue_name: str, routing_keys: Sequence[str]) -> None:
    channel = connection.default_channel
    EVENTS_EXCHANGE(channel).declare()
    DEAD_LETTER_EXCHANGE(channel).declare()
    for q in consumer_queues(queue_name, routing_keys):
        q(channel).declare()


@dataclass(frozen=True)
class OutboundMessage:
    routing_key: str
    body: str  # the CloudEvents envelope (it carries correlationid and causationid itself)
    message_id: str


class BatchPublisher:
    """Publishes batches and returns only when the broker has confirmed every message.

    On AMQP it puts the channel in confirm mode and pipelines: all messages of a batch are written,
    then acks are drained together (one round trip per batch instead of one per message). Other
    transports write synchronously, so a returned publish is already durable.
    """

    def __init__(self, broker_url: str, fs_dir: str | None = None, confirm_timeout: float = 15.0):
        self.broker_url, self.fs_dir, self.confirm_timeout = broker_url, fs_dir, confirm_timeout
        self._connection: Connection | None = None
        self._channel = None
        self._producer: Producer | None = None
        self._confirms = False
        self._next_tag = 0
        self._unconfirmed: set[int] = set()
        self._nacked: set[int] = set()

    def _open(self) -> None:
        if self._producer is not None:
            return
        connection = connect(self.broker_url, self.fs_dir)
        connection.ensure_connection(max_retries=1)
        channel = connection.channel()
        EVENTS_EXCHANGE(channel).declare()
        DEAD_LETTER_EXCHANGE(channel).declare()
        self._confirms = supports_confirms(connection)
        if self._confirms:
            channel.confirm_select()
            channel.events["basic_ack"].add(self._on_ack)
            channel.events["basic_nack"].add(self._on_nack)
            self._next_tag = 0
        self._connection, self._channel = connection, channel
        self._producer = Producer(channel, exchange=EVENTS_EXCHANGE, auto_declare=False)

    def _settle(self, delivery_tag: int, multiple: bool, into: set[int] | None) -> None:
        tags = [t for t in self._unconfirmed if t <= delivery_tag] if multiple else [delivery_tag]
        for tag in tags:
            self._unconfirmed.discard(tag)
            if into is not None:
                into.add(tag)

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, None)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._settle(delivery_tag, multiple, self._nacked)

    @property
    def pipelines(self) -> bool:
        """Whether batches can be in flight together (only with confirms; elsewhere send is final)."""
        return self.broker_url.startswith("amqp")

    def send(self, messages: Sequence[OutboundMessage]) -> int:
        """Write a batch without waiting; returns the ticket to `wait` for (its last delivery tag)."""
        try:
            self._open()
            assert self._producer is not None
            if self._confirms:
                return self._send_amqp(messages)
            for m in messages:
                self._producer.publish(
                    m.body,
                    routing_key=m.routing_key,
                    content_type="application/cloudevents+json",
                    content_encoding="utf-8",
                    delivery_mode=2,
                    message_id=m.message_id,
                    retry=False,
                )
            return self._next_tag
        except Exception:
            self.close()
            raise

    def _send_amqp(self, messages: Sequence[OutboundMessage]) -> int:
        # py-amqp directly: the bodies are already serialized envelopes, so Kombu's per-message
        # preparation (serializer lookup, header dicts) is work for nothing on the relay's hot path.
        publish, exchange = self._channel.basic_publish, EVENTS_EXCHANGE.name
        for m in messages:
            publish(
                amqp.Message(
                    m.body.encode("utf-8"),
                    content_type="application/cloudevents+json",
                    content_encoding="utf-8",
                    delivery_mode=2,
                    message_id=m.message_id,
                ),
                exchange=exchange,
                routing_key=m.routing_key,
            )
            self._next_tag += 1
            self._unconfirmed.add(self._next_tag)
        return self._next_tag

    def wait(self, ticket: int) -> None:
        """Return once the broker has confirmed every message up to `ticket`; raise otherwise."""
        try:
            deadline = time.monotonic() + self.confirm_timeout
            while self._unconfirmed and min(self._unconfirmed) <= ticket:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PublishError("messages not confirmed in time")
                try:
                    self._connection.drain_events(timeout=min(remaining, 1.0))
                except socket.timeout:
                    continue
            refused = [tag for tag in self._nacked if tag <= ticket]
            if refused:
                raise PublishError(f"broker refused {len(refused)} messages")
        except Exception:
            self.close()
            raise

    def publish(self, messages: Sequence[OutboundMessage]) -> None:
        self.wait(self.send(messages))

    def close(self) -> None:
        connection, self._connection, self._channel, self._producer = self._connection, None, None, None
        self._unconfirmed.clear()
        self._nacked.clear()
        if connection is not None:
            try:
                connection.release()
            except Exception:  # already broken; nothing left to release
                log.debug("closing a broken broker connection", exc_info=True)
