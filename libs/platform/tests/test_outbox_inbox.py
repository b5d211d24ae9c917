"""Outbox relay and idempotent consumer over a real transport (filesystem; RabbitMQ on the stack)."""
import json

import pytest

from kombu import Connection
from sqlalchemy import func, select

from epimorfosi_platform.bus import BatchPublisher, OutboundMessage, connect, declare_consumer_topology
from epimorfosi_platform.outbox import OutboxRelay

from epimorfosi_platform_helpers import run_in_thread, wait_until


def _declare(demo, consumer):
    with connect(demo.broker_url, demo.fs_dir) as conn:
        declare_consumer_topology(conn, consumer.queue_name, list(consumer.subscription.handlers))


def test_events_written_in_rolled_back_transactions_are_never_published(demo):
    try:
        with demo.db.session() as s, s.begin():
            demo.outbox.add(s, demo.factory.make("demo.thing.happened.v1", "1", {"n": 1}))
            raise RuntimeError("state change failed")
    except RuntimeError:
        pass
    with demo.db.session() as s:
        assert demo.outbox.backlog(s) == 0


def test_add_many_writes_every_event_in_order_in_the_callers_transaction(demo):
    events = [demo.factory.make("demo.thing.happened.v1", str(n), {"n": n}) for n in range(120)]
    try:
        with demo.db.session() as s, s.begin():
            demo.outbox.add_many(s, events)
            raise RuntimeError("state change failed")
    except RuntimeError:
        pass
    with demo.db.session() as s:
        assert demo.outbox.backlog(s) == 0
    with demo.db.session() as s, s.begin():
        demo.outbox.add_many(s, events)
        demo.outbox.add_many(s, [])  # nothing to write is not an error
    table = demo.tables.outbox
    with demo.db.session() as s:
        assert s.scalars(select(table.c.event_id).order_by(table.c.id)).all() == [e.id for e in events]
    consumer = demo.consumer()
    _declare(demo, consumer)
    relay = OutboxRelay(demo.db, demo.outbox, BatchPublisher(demo.broker_url, demo.fs_dir), batch_size=50)
    assert relay.relay_available() == 120
    thread = run_in_thread(consumer)
    try:
        assert wait_until(lambda: demo.effect_count() == 120 == demo.distinct_effects())
    finally:
        consumer.should_stop = True
        thread.join(10)


def test_relay_publishes_everything_once_and_consumer_applies_each_once(demo):
    consumer = demo.consumer()
    _declare(demo, consumer)
    for n in range(300):
        demo.produce(n)
    # small batches, several in flight at once (on RabbitMQ + PostgreSQL)
    relay = OutboxRelay(demo.db, demo.outbox, BatchPublisher(demo.broker_url, demo.fs_dir), batch_size=40,
                        window=4)
    assert relay.relay_available() == 300
    with demo.db.session() as s:
        assert demo.outbox.backlog(s) == 0
    thread = run_in_thread(consumer)
    try:
        assert wait_until(lambda: demo.effect_count() == 300)
        # Re-publish every message (as a relay crash before marking rows sent would): no double effect.
        with demo.db.session() as s:
            rows = s.execute(demo.tables.outbox.select()).all()
        BatchPublisher(demo.broker_url, demo.fs_dir).publish(
            [OutboundMessage(r.event_type, r.envelope, r.event_id) for r in rows])
        assert wait_until(lambda: _queue_empty(demo, consumer))
        assert demo.effect_count() == 300 == demo.distinct_effects()
    finally:
        consumer.should_stop = True
        thread.join(10)


def test_poison_message_is_dead_lettered_and_does_not_block_the_rest(demo):
    consumer = demo.consumer(max_attempts=3, backoff_seconds=0.01)
    _declare(demo, consumer)
    demo.fail_on = {5}
    for n in range(20):
        demo.produce(n)
    relay = OutboxRelay(demo.db, demo.outbox, BatchPublisher(demo.broker_url, demo.fs_dir))
    relay.relay_once()
    # and one message that is not even JSON
    with connect(demo.broker_url, demo.fs_dir) as conn:
        conn.Producer().publish("{not json", exchange="epimorfosi.events", routing_key="demo.thing.happened.v1",
                                content_type="application/json", content_encoding="utf-8")
        # and one that breaks the consumer's copy of the producer's schema: set aside without a retry
        wrong = {**demo.factory.make("demo.thing.happened.v1", "x", {"n": 99}).to_envelope(), "data": {"n": "x"}}
        conn.Producer().publish(json.dumps(wrong), exchange="epimorfosi.events", routing_key="demo.thing.happened.v1",
                                content_type="application/json", content_encoding="utf-8")
    thread = run_in_thread(consumer)
    try:
        assert wait_until(lambda: demo.effect_count() == 19)
        assert wait_until(lambda: _dead_letters(demo, consumer) == 3)
    finally:
        consumer.should_stop = True
        thread.join(10)
    assert demo.effect_count() == 19


def _queue_depth(demo, name) -> int:
    with connect(demo.broker_url, demo.fs_dir) as conn:
        from kombu import Queue
        try:
            return Queue(name, channel=conn.default_channel).queue_declare(passive=True).message_count
        except Exception:
            return -1


def _queue_empty(demo, consumer) -> bool:
    return _queue_depth(demo, consumer.queue_name) == 0


def _dead_letters(demo, consumer) -> int:
    return _queue_depth(demo, consumer.dead_letter_queue.name)


def test_a_failed_send_leaves_no_row_locked_behind(demo):
    """A broker failure in the middle of a relay pass must release every claimed row: the next pass
    (SKIP LOCKED) has to see all of them again."""
    consumer = demo.consumer()
    _declare(demo, consumer)
    for n in range(120):
        demo.produce(n)
    publisher = BatchPublisher(demo.broker_url, demo.fs_dir)
    real_send, calls = publisher.send, []

    def flaky_send(messages):
        calls.append(len(messages))
        if len(calls) == 2:
            raise ConnectionError("broker went away")
        return real_send(messages)

    publisher.send = flaky_send
    relay = OutboxRelay(demo.db, demo.outbox, publisher, batch_size=40, window=4)
    try:
        relay.relay_available()
    except ConnectionError:
        pass
    relay.relay_available()
    with demo.db.session() as s:
        assert demo.outbox.backlog(s) == 0


def _sent(demo) -> int:
    with demo.db.session() as s:
        return s.scalar(select(func.count()).select_from(demo.tables.outbox).where(
            demo.tables.outbox.c.sent_at.is_not(None)))


def test_a_handler_publishes_its_own_event_in_its_transaction_caused_by_the_one_it_handles(demo):
    from epimorfosi_platform.handlers import handles
    from epimorfosi_platform.inbox import Inbox

    from epimorfosi_platform_helpers import ThingHappened

    cause = demo.factory.make("demo.thing.happened.v1", "1", {"n": 1}, correlationid="corr-1")

    @handles(ThingHappened)
    def handler(ctx, event):
        ctx.emit("demo.thing.happened.v1", "2", {"n": event.n + 1})

    @handles(ThingHappened)
    def failing(ctx, event):
        handler(ctx, event)
        raise RuntimeError("the effect failed")

    inbox = Inbox.of(demo.runtime, "demo-svc.things")
    with pytest.raises(RuntimeError):
        inbox.handle(cause, failing)
    with demo.db.session() as s:
        assert demo.outbox.backlog(s) == 0  # rolled back with the handler's transaction
    assert inbox.handle(cause, handler)
    assert not inbox.handle(cause, handler)  # a redelivery publishes nothing again
    with demo.db.session() as s:
        [envelope] = s.scalars(select(demo.tables.outbox.c.envelope)).all()
    published = json.loads(envelope)
    assert published["causationid"] == cause.id and published["correlationid"] == "corr-1"
    assert published["data"] == {"n": 2}


def test_an_event_that_breaks_the_consumed_schema_is_refused_before_anything_is_written(demo):
    from epimorfosi_platform.events import Event, EventSchemaError
    from epimorfosi_platform.inbox import Inbox

    good = demo.factory.make("demo.thing.happened.v1", "1", {"n": 1})
    bad = Event.from_envelope({**good.to_envelope(), "data": {"n": "one"}})
    handler = demo.subscription.handlers["demo.thing.happened.v1"]
    with pytest.raises(EventSchemaError, match="demo.thing.happened.v1"):
        Inbox.of(demo.runtime, "demo-svc.things").handle(bad, handler)
    with demo.db.session() as s:
        assert s.scalar(select(func.count()).select_from(demo.tables.inbox)) == 0
    assert demo.effect_count() == 0


def test_a_failed_publish_is_counted_on_the_row_with_its_error(demo):
    demo.produce(1)
    publisher = BatchPublisher(demo.broker_url, demo.fs_dir)
    real_publish = publisher.publish

    def broken(messages):
        raise ConnectionError("broker went away")

    publisher.publish = broken
    relay = OutboxRelay(demo.db, demo.outbox, publisher)
    with pytest.raises(ConnectionError):
        relay.relay_once()
    outbox = demo.tables.outbox
    with demo.db.session() as s:
        row = s.execute(select(outbox.c.attempts, outbox.c.last_error, outbox.c.sent_at)).one()
    assert (row.attempts, row.last_error, row.sent_at) == (1, "ConnectionError: broker went away", None)
    publisher.publish = real_publish
    assert relay.relay_once() == 1
    with demo.db.session() as s:
        row = s.execute(select(outbox.c.attempts, outbox.c.last_error, outbox.c.sent_at)).one()
    assert row.attempts == 2 and row.sent_at is not None
    assert row.last_error == "ConnectionError: broker went away"  # why it was late
    publisher.close()


def test_a_use_case_publishes_on_the_session_it_is_given_and_a_bare_session_refuses(demo):
    """`publishing.emit(session, ...)`: the handler's session carries the handled event's
    correlation; a session the platform did not hand out cannot publish."""
    from epimorfosi_platform.handlers import handles
    from epimorfosi_platform.inbox import Inbox
    from epimorfosi_platform.publishing import emit

    from epimorfosi_platform_helpers import ThingHappened

    def use_case(session, n):  # knows nothing of requests or handlers
        emit(session, "demo.thing.happened.v1", str(n), {"n": n})

    @handles(ThingHappened)
    def handler(ctx, event):
        use_case(ctx.session, event.n * 10)

    cause = demo.factory.make("demo.thing.happened.v1", "3", {"n": 3}, correlationid="corr-3")
    assert Inbox.of(demo.runtime, "demo-svc.use-case").handle(cause, handler)
    with demo.db.session() as s:
        [envelope] = s.scalars(select(demo.tables.outbox.c.envelope)).all()
        with pytest.raises(RuntimeError, match="no publisher"):
            use_case(s, 1)
    published = json.loads(envelope)
    assert published["data"] == {"n": 30}
    assert published["causationid"] == cause.id and published["correlationid"] == "corr-3"
