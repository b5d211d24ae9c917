"""What the platform's tests and benchmarks share: a minimal demo service wired with the platform,
the brokers to run on, and small waiting helpers (fixtures are in conftest.py)."""
import contextlib
import os
import subprocess
import threading
import uuid
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from epimorfosi_platform import Runtime, ServiceDefinition, Settings
from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.handlers import Subscription, handles
from epimorfosi_platform.inbox import EventConsumer
from epimorfosi_platform.testing import wait_for as wait_until  # noqa: F401  (used by the tests)

EVENTS_DIR = Path(__file__).parent / "events"


@event_record("demo.thing.happened.v1")
class ThingHappened:
    n: int


class Demo:
    """A minimal producer+consumer wired with the platform, standing in for a service."""

    def __init__(self, url: str, broker_url: str, fs_dir: str):
        self.metadata = MetaData()
        self.effects = Table("effect", self.metadata, Column("event_id", String(36), primary_key=True),
                             Column("n", Integer, nullable=False))
        self.queue_suffix = uuid.uuid4().hex[:8]
        self.fail_on: set[int] = set()

        @handles(ThingHappened)
        def handle(ctx, event: ThingHappened) -> None:
            if event.n in self.fail_on:
                raise RuntimeError("poison")
            ctx.session.execute(self.effects.insert().values(event_id=ctx.cause.id, n=event.n))

        self.subscription = Subscription(f"test-{self.queue_suffix}", [handle])
        self.service = ServiceDefinition(
            name="demo-svc", package_dir=Path(__file__).parent, title="demo", version="0",
            metadata=self.metadata, blueprints=lambda: [], subscriptions=[self.subscription],
        )
        settings = Settings.from_env("demo-svc", {
            "EPI_DATABASE_URL": url, "EPI_BROKER_URL": broker_url, "EPI_BROKER_FS_DIR": fs_dir})
        self.runtime = Runtime(self.service, settings)
        self.tables = self.runtime.tables
        self.db = self.runtime.db
        self.db.create_all()
        self.factory = self.runtime.events
        self.outbox = self.runtime.outbox
        self.broker_url, self.fs_dir = broker_url, fs_dir

    def produce(self, n: int) -> None:
        with self.db.session() as s, s.begin():
            self.outbox.add(s, self.factory.make("demo.thing.happened.v1", str(n), {"n": n}))

    def consumer(self, **kwargs) -> EventConsumer:
        return EventConsumer(self.runtime, self.subscription, **kwargs)

    def effect_count(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(self.effects))

    def distinct_effects(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count(func.distinct(self.effects.c.n))))


def brokers():
    yield "filesystem://"
    if os.environ.get("EPI_STACK") == "1":
        yield os.environ.get("EPI_BROKER_URL", "amqp://guest:guest@127.0.0.1:5673//")


STACK_SH = Path(__file__).resolve().parents[3] / "deploy" / "local" / "stack.sh"


@contextlib.contextmanager
def private_broker(url: str):
    """On RabbitMQ, a throw-away virtual host: concurrent runs never receive each other's events."""
    if not url.startswith("amqp"):
        yield url
        return
    vhost = f"platform-{uuid.uuid4().hex[:6]}"
    subprocess.run([str(STACK_SH), "rabbitmqctl", "add_vhost", vhost], check=True, capture_output=True)
    subprocess.run([str(STACK_SH), "rabbitmqctl", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
                   check=True, capture_output=True)
    try:
        yield url.split("//", 1)[0] + "//" + url.split("//", 1)[1].split("/", 1)[0] + "/" + vhost
    finally:
        subprocess.run([str(STACK_SH), "rabbitmqctl", "delete_vhost", vhost], capture_output=True)


def run_in_thread(consumer: EventConsumer) -> threading.Thread:
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    return thread
