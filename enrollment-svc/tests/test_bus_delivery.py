"""End to end within the service: an event published on the bus (filesystem transport, as in the
embedded profile) reaches the read model through a real EventConsumer, once."""
import json
import threading
import uuid

import pytest
from epimorfosi_platform.testing import wait_for
from epimorfosi_platform.bus import BatchPublisher, OutboundMessage, connect, consumer_queues, declare_consumer_topology
from epimorfosi_platform.inbox import EventConsumer
from epimorfosi_platform.testing import forget_filesystem_bus_state
from prometheus_client import REGISTRY
from sqlalchemy import select

from enrollment_svc_helpers import (
    ALLOCATION_PUBLISHED,
    PERIOD_OPENED,
    PROGRAMME_CREATED,
    QUEUE,
    SUBSCRIPTION,
    allocation_published,
    inbox_count,
    producer_example,
    programme_created,
)
from enrollment_svc.models import EnrolmentEntry, Programme, TrainingPeriod


def message(envelope: dict) -> OutboundMessage:
    return OutboundMessage(
        routing_key=envelope["type"],
        body=json.dumps(envelope, ensure_ascii=False),
        message_id=envelope["id"],
    )


def wait_until(condition, timeout: float = 15.0) -> None:
    if not wait_for(condition, timeout):
        pytest.fail("the consumer did not get there in time")


def dead_lettered() -> float:
    return REGISTRY.get_sample_value("events_dead_lettered_total", {"consumer": QUEUE, "type": PERIOD_OPENED}) or 0.0


def consumed(outcome: str, event_type: str = PERIOD_OPENED) -> float:
    labels = {"consumer": QUEUE, "type": event_type, "outcome": outcome}
    return REGISTRY.get_sample_value("events_consumed_total", labels) or 0.0


class RunningConsumer:
    """The subscription's EventConsumer in a thread, as the worker runs it."""

    def __init__(self, runtime, settings):
        self.consumer = EventConsumer(runtime, SUBSCRIPTION, max_attempts=2, backoff_seconds=0.01)
        self.thread = threading.Thread(target=self.consumer.run, name="test-consumer", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.consumer.should_stop = True
        if self.thread.is_alive():
            self.thread.join(10)
        assert not self.thread.is_alive(), "the consumer did not stop"
        self.consumer.connection.release()


@pytest.fixture
def bus(settings):
    forget_filesystem_bus_state()  # this test's bus folder is new; see the helper
    # Queues first: the filesystem transport, like RabbitMQ, drops what no queue is bound to.
    with connect(settings.broker_url, settings.broker_fs_dir) as connection:
        declare_consumer_topology(connection, QUEUE, list(SUBSCRIPTION.handlers))
    publisher = BatchPublisher(settings.broker_url, settings.broker_fs_dir)
    yield publisher
    publisher.close()


@pytest.fixture
def consumer(runtime, settings, bus):
    running = RunningConsumer(runtime, settings)
    yield running
    running.stop()


def periods(runtime):
    with runtime.db.session() as s:
        return s.scalars(select(TrainingPeriod)).all()


# Events are published before the consumer starts: kombu's filesystem transport can read a message
# file while it is still being written (see the report on the platform), which is not under test here.


def test_published_event_reaches_the_read_model_once(bus, consumer, runtime):
    example = producer_example()
    applied, duplicates = consumed("applied"), consumed("duplicate")
    # The relay is at-least-once: the same event twice must still be applied once.
    bus.publish([message(example), message(example)])
    consumer.start()

    wait_until(lambda: (consumed("applied"), consumed("duplicate")) == (applied + 1, duplicates + 1))
    consumer.stop()
    [period] = periods(runtime)
    assert period.period_id == example["data"]["period_id"] and period.last_event_id == example["id"]
    assert inbox_count(runtime) == 1


def test_an_event_that_breaks_the_producers_schema_is_dead_lettered(bus, consumer, runtime, settings):
    poison = producer_example()
    poison["id"] = str(uuid.uuid4())
    del poison["data"]["enrolment_deadline"]  # breaks the contract: refused on receipt, set aside
    before = dead_lettered()
    bus.publish([message(poison)])
    consumer.start()

    wait_until(lambda: dead_lettered() == before + 1)
    consumer.stop()  # returns once the dead-letter copy is written
    _, dead_letters = consumer_queues(QUEUE, list(SUBSCRIPTION.handlers))
    with connect(settings.broker_url, settings.broker_fs_dir) as connection:
        with connection.SimpleQueue(dead_letters) as dlq:
            got = dlq.get(timeout=5)
            got.ack()
    assert json.loads(got.body)["id"] == poison["id"]
    assert periods(runtime) == [] and inbox_count(runtime) == 0


def test_allocations_travel_over_the_bus_and_the_latest_phase_wins(bus, consumer, runtime):
    code = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-001"
    created = programme_created(code=code, category="IIa", area_code="ΜΕΣΣΗΝΙΑΣ")
    phase_a = allocation_published(programme_code=code, phase="A", published_at="2026-10-07T10:00:00+03:00",
                                   successful=["t-1", "t-7"], waitlisted=["t-3"], to_be_implemented=False)
    phase_b = allocation_published(programme_code=code, phase="B", published_at="2026-10-21T10:00:00+03:00",
                                   successful=["t-1", "t-7", "t-9"], waitlisted=["t-3", "t-12"],
                                   to_be_implemented=True)
    before = {(t, o): consumed(o, t) for t in (ALLOCATION_PUBLISHED, PROGRAMME_CREATED) for o in ("applied", "duplicate")}
    # The worst order: phase B first, the programme next, the late phase A last, phase B redelivered.
    bus.publish([message(e.to_envelope()) for e in (phase_b, created, phase_a, phase_b)])
    consumer.start()

    wait_until(lambda: (
        consumed("applied", ALLOCATION_PUBLISHED) - before[ALLOCATION_PUBLISHED, "applied"],
        consumed("duplicate", ALLOCATION_PUBLISHED) - before[ALLOCATION_PUBLISHED, "duplicate"],
        consumed("applied", PROGRAMME_CREATED) - before[PROGRAMME_CREATED, "applied"],
    ) == (2, 1, 1))
    consumer.stop()
    with runtime.db.session() as s:
        programme = s.get(Programme, code)
        rows = s.execute(
            select(EnrolmentEntry.state, EnrolmentEntry.position, EnrolmentEntry.teacher_id,
                   EnrolmentEntry.last_event_id)
            .where(EnrolmentEntry.programme_code == code)
            .order_by(EnrolmentEntry.state, EnrolmentEntry.position)
        ).all()
    assert (programme.allocation_phase, programme.to_be_implemented) == ("B", True)
    assert [tuple(r) for r in rows] == [
        ("successful", 1, "t-1", phase_b.id), ("successful", 2, "t-7", phase_b.id), ("successful", 3, "t-9", phase_b.id),
        ("waitlisted", 1, "t-3", phase_b.id), ("waitlisted", 2, "t-12", phase_b.id),
    ]
    assert inbox_count(runtime) == 3
