"""Bus benchmarks on RabbitMQ + PostgreSQL (run by `make bench`; not a test).

1. Outbox relay throughput (publisher confirms, pipelined per batch, rows read and marked in
   PostgreSQL) as a ratio of raw Kombu publishing without confirms, measured in the same run.
2. End-to-end event latency, commit of the producer's transaction -> commit of the consumer's
   transaction, at a steady 500 events/s, with the raw broker round trip in the same run as baseline.
"""
from __future__ import annotations

import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

from kombu import Connection, Exchange, Queue

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from epimorfosi_platform_helpers import Demo, private_broker, wait_until  # noqa: E402  (the platform tests' demo service)
from epimorfosi_platform.bus import BatchPublisher, declare_consumer_topology  # noqa: E402
from epimorfosi_platform.outbox import OutboxRelay  # noqa: E402
from epimorfosi_platform.testing import fresh_database_url  # noqa: E402

STACK_BROKER = os.environ.get("EPI_BROKER_URL", "amqp://guest:guest@127.0.0.1:5673//")
BROKER = STACK_BROKER  # replaced by a private virtual host for the run (run())
EXCHANGE = Exchange("epimorfosi.events", type="topic", durable=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _sink_queue(conn: Connection, routing_key: str) -> Queue:
    queue = Queue(f"bench-{uuid.uuid4().hex[:6]}", exchange=EXCHANGE, routing_key=routing_key, durable=True,
                  queue_arguments={"x-queue-type": "quorum"})
    queue(conn.default_channel).declare()
    return queue


def raw_publish_rate(count: int, body: str) -> float:
    with Connection(BROKER) as conn:
        queue = _sink_queue(conn, "bench.raw.published.v1")
        producer = conn.Producer(exchange=EXCHANGE, auto_declare=False)
        started = time.perf_counter()
        for i in range(count):
            producer.publish(body, routing_key="bench.raw.published.v1", delivery_mode=2,
                             content_type="application/cloudevents+json", content_encoding="utf-8",
                             message_id=str(i), retry=False)
        elapsed = time.perf_counter() - started
        queue(conn.default_channel).delete()
    return count / elapsed


def relay_rate(demo: Demo, count: int) -> float:
    with demo.db.session() as s, s.begin():
        for n in range(count):
            demo.outbox.add(s, demo.factory.make("demo.thing.happened.v1", str(n), {"n": n}))
    with Connection(BROKER) as conn:
        queue = _sink_queue(conn, "demo.thing.happened.v1")
        relay = OutboxRelay(demo.db, demo.outbox, BatchPublisher(BROKER), batch_size=500)
        started = time.perf_counter()
        sent = relay.relay_available()
        elapsed = time.perf_counter() - started
        relay.publisher.close()
        queue(conn.default_channel).delete()
    assert sent == count, (sent, count)
    return count / elapsed


def _run_relay(demo: Demo, stop) -> None:
    demo.db.engine.dispose(close=False)  # forked: never reuse the parent's connections
    relay = OutboxRelay(demo.db, demo.outbox, BatchPublisher(BROKER), batch_size=500, idle_poll_seconds=1.0)
    thread = threading.Thread(target=relay.run, daemon=True)
    thread.start()
    stop.wait()
    relay.stop()
    thread.join(10)


def _run_consumer(demo: Demo, consumer, stop, results) -> None:
    demo.db.engine.dispose(close=False)
    applied: dict[int, float] = {}
    inbox = consumer.inbox
    one, batch = inbox.handle, inbox.handle_batch

    def timed_one(event, handler):
        result = one(event, handler)  # returns after the consumer's commit
        applied[event.data["n"]] = time.time()
        return result

    def timed_batch(items):
        outcomes = batch(items)  # returns after the consumer's commit
        now = time.time()
        for (event, _), outcome in zip(items, outcomes):
            if outcome:
                applied[event.data["n"]] = now
        return outcomes

    inbox.handle, inbox.handle_batch = timed_one, timed_batch
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    stop.wait()
    consumer.should_stop = True
    thread.join(10)
    results.put(applied)


def latency(demo: Demo, rate: int, seconds: float) -> list[float]:
    """Producer (this process) commits at `rate`/s; the relay and the consumer run in processes of their
    own, as the producer's worker and the consumer service's worker do in production."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    consumer = demo.consumer(prefetch=200)
    with Connection(BROKER) as conn:
        declare_consumer_topology(conn, consumer.queue_name, ["demo.thing.happened.v1"])
    stop, results = context.Event(), context.Queue()
    demo.db.engine.dispose()
    processes = [context.Process(target=_run_relay, args=(demo, stop)),
                 context.Process(target=_run_consumer, args=(demo, consumer, stop, results))]
    for p in processes:
        p.start()
    time.sleep(2.0)
    committed: dict[int, float] = {}
    total = int(rate * seconds)
    start = time.perf_counter()
    base = 1_000_000
    for i in range(total):
        pause = start + i / rate - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        with demo.db.session() as s, s.begin():
            demo.outbox.add(s, demo.factory.make("demo.thing.happened.v1", str(i), {"n": base + i}))
        committed[base + i] = time.time()
    wait_until(lambda: demo.effect_count() >= total, timeout=60)
    stop.set()
    applied = results.get(timeout=30)
    for p in processes:
        p.join(15)
    warm = [applied[n] - committed[n] for n in committed if n in applied][rate:]  # skip the first second
    return [v * 1000 for v in warm]


def raw_round_trip(count: int = 2000) -> list[float]:
    """Broker-only baseline: publish with a confirm, receive on a consumer, no database."""
    received: dict[str, float] = {}
    with Connection(BROKER) as conn, Connection(BROKER) as consumer_conn:
        queue = _sink_queue(conn, "bench.rtt.v1")
        sent: dict[str, float] = {}

        def on_message(body, message):
            received[message.properties["message_id"]] = time.perf_counter()
            message.ack()

        with consumer_conn.Consumer([queue], callbacks=[on_message], accept=None):
            producer = conn.Producer(exchange=EXCHANGE, auto_declare=False)
            for i in range(count):
                sent[str(i)] = time.perf_counter()
                producer.publish("{}", routing_key="bench.rtt.v1", delivery_mode=2, message_id=str(i),
                                 content_type="application/json", retry=False)
                while str(i) not in received:
                    consumer_conn.drain_events(timeout=5)
        queue(conn.default_channel).delete()
    return [(received[k] - sent[k]) * 1000 for k in sent]


def run() -> dict[str, float]:
    """In a throw-away virtual host, so that no queue left by anything else multiplies the routing."""
    global BROKER
    with private_broker(STACK_BROKER) as BROKER:
        return _run()


def _run() -> dict[str, float]:
    import tempfile

    tmp = tempfile.mkdtemp()
    url, drop = fresh_database_url("bench", tmp)
    demo = Demo(url, BROKER, None)
    try:
        body = '{"specversion":"1.0","data":{"n":1}}' + " " * 600  # about the size of a real envelope
        count = 20000
        raw = statistics.median(raw_publish_rate(count, body) for _ in range(3))
        relay = statistics.median(relay_rate(demo, count) for _ in range(3))
        lat = latency(demo, rate=500, seconds=10)
        rtt = raw_round_trip()
    finally:
        demo.db.dispose()
        drop()
    return {
        "raw_publish_per_s": raw,
        "relay_per_s": relay,
        "relay_ratio": relay / raw,
        "latency_p50_ms": percentile(lat, 50),
        "latency_p99_ms": percentile(lat, 99),
        "rtt_p50_ms": percentile(rtt, 50),
        "rtt_p99_ms": percentile(rtt, 99),
    }


def report(r: dict[str, float]) -> None:
    print(f"outbox relay with confirms / raw kombu without confirms = {r['relay_ratio']:.2f}  (target >= 0.5)"
          f"   [{r['relay_per_s']:.0f}/s vs {r['raw_publish_per_s']:.0f}/s]")
    print(f"event latency commit->consumer commit at 500/s: p50 {r['latency_p50_ms']:.1f} ms, "
          f"p99 {r['latency_p99_ms']:.1f} ms (target p99 < 100 ms); "
          f"p99 / raw broker round-trip p99 = {r['latency_p99_ms'] / r['rtt_p99_ms']:.1f}x "
          f"[raw p50 {r['rtt_p50_ms']:.2f} ms, p99 {r['rtt_p99_ms']:.2f} ms]")


if __name__ == "__main__":
    report(run())
