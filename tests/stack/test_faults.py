"""Nothing is lost, nothing is applied twice: broker outage, consumer killed mid-batch, poison message.
Real PostgreSQL, RabbitMQ and Keycloak; the real service processes (applications-svc web + worker as
producer, enrollment-svc worker as consumer) in a private RabbitMQ virtual host."""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, text

from conftest import ROOT, KeycloakUsers, RabbitVhost, stack_ctl, wait_for

pytestmark = pytest.mark.skipif(os.environ.get("EPI_STACK") != "1", reason="needs the stack (make test)")

EVENTS = 2000
CONSUMER_QUEUE = "enrollment-svc.applications-events"


def _free_port_base() -> int:
    """A base whose service ports are free, so concurrent runs on one machine don't collide."""
    import random
    import socket

    for _ in range(50):
        base = random.randrange(30000, 60000, 1000)
        try:
            for offset in (103, 104):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise RuntimeError("no free ports")


PORT_BASE = _free_port_base()

_spec = importlib.util.spec_from_file_location("launcher", ROOT / "deploy" / "launcher.py")
launcher = importlib.util.module_from_spec(_spec)
sys.modules["launcher"] = launcher  # dataclasses look their module up there
_spec.loader.exec_module(launcher)
COMPONENTS = {c.name: c for c in launcher.COMPONENTS}


class Services:
    """Starts and kills individual service processes with the stack profile's configuration."""

    def __init__(self, tmp_path, broker_url: str):
        self.suffix = f"_faults_{uuid.uuid4().hex[:6]}"
        self.args = argparse.Namespace(profile="stack", port_base=PORT_BASE, var_dir=str(tmp_path),
                                       database_suffix=self.suffix)
        base = launcher.base_environment(self.args)
        base["EPI_BROKER_URL"] = broker_url
        self.base = base
        launcher.ensure_postgres_databases(base, self.suffix)
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs = tmp_path / "logs"
        self.logs.mkdir(exist_ok=True)
        for name in ("applications-svc", "enrollment-svc"):
            subprocess.run([sys.executable, "-m", COMPONENTS[name].package, "migrate"], env=self.env(name),
                           cwd=ROOT, check=True)

    def env(self, name: str) -> dict[str, str]:
        env = launcher.component_environment(COMPONENTS[name], self.base, self.args)
        os.makedirs(env["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
        return env

    def start(self, name: str, command: str) -> subprocess.Popen:
        label = f"{name}-{command}"
        out = open(self.logs / f"{label}.log", "ab")
        process = subprocess.Popen([sys.executable, "-m", COMPONENTS[name].package, command], env=self.env(name),
                                   cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes[label] = process
        return process

    def kill(self, label: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(label)
        os.killpg(process.pid, sig)
        process.wait(30)

    def stop_all(self) -> None:
        for label in list(self.processes):
            self.kill(label, signal.SIGTERM)

    def database(self, short: str):
        return create_engine(f"{self.base['EPI_PG_URL_BASE']}/{short}{self.suffix}")

    def drop_databases(self) -> None:
        admin = create_engine(f"{self.base['EPI_PG_URL_BASE']}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for short in ("identity", "resources", "applications", "enrollment", "documents"):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{short}{self.suffix}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def services(tmp_path):
    with RabbitVhost("faults") as vhost:
        services = Services(tmp_path, vhost.url)
        services.vhost = vhost
        yield services
        services.stop_all()
        services.drop_databases()


@pytest.fixture(scope="module")
def admin_credentials():
    users = KeycloakUsers()
    yield users, users.user("central-admin")
    users.cleanup()


@pytest.fixture
def admin_token(admin_credentials):
    """A fresh token per test: Keycloak's access tokens live 5 minutes, a fault test can take longer."""
    users, credentials = admin_credentials
    return users.token(*credentials)


def period(code: str) -> dict:
    return {
        "code": code, "name": f"Περίοδος δοκιμής {code}",
        "interest_opens_at": "2026-09-01T09:00:00+03:00", "interest_closes_at": "2026-09-15T23:59:00+03:00",
        "applications_a_opens_at": "2026-09-20T09:00:00+03:00", "applications_a_closes_at": "2026-10-05T23:59:00+03:00",
        "applications_b_opens_at": "2026-10-10T09:00:00+03:00", "applications_b_closes_at": "2026-10-20T23:59:00+03:00",
        "allocation_published_at": "2026-10-25T12:00:00+03:00", "enrolment_deadline": "2026-11-10T23:59:00+03:00",
    }


def produce(token: str, count: int, prefix: str, progress: list[int] | None = None) -> None:
    """Open `count` periods through applications-svc's real HTTP API, four clients in parallel."""
    url = f"http://127.0.0.1:{PORT_BASE + 103}/v1/periods"
    session_local = threading.local()

    def one(i: int) -> None:
        session = getattr(session_local, "s", None) or requests.Session()
        session_local.s = session
        response = session.post(url, json=period(f"{prefix}-{i:05d}"), headers={"Authorization": f"Bearer {token}"},
                                timeout=30)
        assert response.status_code == 201, response.text
        if progress is not None:
            progress.append(i)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, range(count)))


def wait_http(url: str, timeout: float = 60) -> None:
    assert wait_for(lambda: _ok(url), timeout=timeout), f"{url} did not come up"


def _ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def counts(services: Services) -> tuple[int, int]:
    """(read-model rows, inbox records) in enrollment-svc's database: the effect and its idempotency key."""
    engine = services.database("enrollment")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM training_period")).scalar_one()
        inbox = conn.execute(text("SELECT count(*) FROM inbox_message WHERE consumer = :c"),
                             {"c": CONSUMER_QUEUE}).scalar_one()
    engine.dispose()
    return rows, inbox


def outbox_backlog(services: Services) -> int:
    engine = services.database("applications")
    with engine.connect() as conn:
        value = conn.execute(text("SELECT count(*) FROM outbox_message WHERE sent_at IS NULL")).scalar_one()
    engine.dispose()
    return value


def queue_depth(vhost_url: str, queue: str) -> int:
    from kombu import Connection, Queue

    with Connection(vhost_url) as conn:
        return Queue(queue, channel=conn.default_channel).queue_declare(passive=True).message_count


def test_broker_outage_while_producing_loses_nothing(services, admin_token):
    services.start("applications-svc", "web")
    services.start("applications-svc", "worker")
    services.start("enrollment-svc", "worker")
    wait_http(f"http://127.0.0.1:{PORT_BASE + 103}/livez")
    # the consumer's queue exists before anything is published
    assert wait_for(lambda: _queue_exists(services.vhost.url, CONSUMER_QUEUE), timeout=60)

    progress: list[int] = []
    producer = threading.Thread(target=produce, args=(admin_token, EVENTS, "OUT", progress))
    producer.start()
    assert wait_for(lambda: len(progress) >= 200, timeout=120)
    stack_ctl("rabbit-stop")  # broker down in the middle of production
    try:
        producer.join(600)
        assert not producer.is_alive() and len(progress) == EVENTS
        assert outbox_backlog(services) > 0, "the outage should have left events waiting in the outbox"
    finally:
        stack_ctl("rabbit-start")
    assert wait_for(lambda: counts(services) == (EVENTS, EVENTS), timeout=300), counts(services)
    assert outbox_backlog(services) == 0
    time.sleep(2)  # late duplicates, if any, would show up now
    assert counts(services) == (EVENTS, EVENTS)


def _queue_exists(url: str, queue: str) -> bool:
    try:
        queue_depth(url, queue)
        return True
    except Exception:
        return False


def test_consumer_killed_mid_batch_resumes_without_duplicates(services, admin_token):
    services.start("applications-svc", "web")
    services.start("applications-svc", "worker")
    consumer = services.start("enrollment-svc", "worker")  # declares its queue
    wait_http(f"http://127.0.0.1:{PORT_BASE + 103}/livez")
    assert wait_for(lambda: _queue_exists(services.vhost.url, CONSUMER_QUEUE), timeout=60)
    services.kill("enrollment-svc-worker", signal.SIGTERM)

    produce(admin_token, EVENTS, "KILL")
    assert wait_for(lambda: outbox_backlog(services) == 0, timeout=120)
    assert wait_for(lambda: queue_depth(services.vhost.url, CONSUMER_QUEUE) == EVENTS, timeout=60)

    services.start("enrollment-svc", "worker")
    assert wait_for(lambda: counts(services)[1] >= 100, timeout=120)
    services.kill("enrollment-svc-worker", signal.SIGKILL)
    applied_before_kill = counts(services)
    assert applied_before_kill[1] < EVENTS, "the consumer finished before it could be killed mid-batch"

    services.start("enrollment-svc", "worker")
    assert wait_for(lambda: counts(services) == (EVENTS, EVENTS), timeout=300), counts(services)
    time.sleep(2)
    assert counts(services) == (EVENTS, EVENTS)
    assert consumer.returncode is not None


def test_poison_messages_are_dead_lettered_and_do_not_block(services, admin_token):
    from kombu import Connection, Exchange

    services.start("applications-svc", "web")
    services.start("applications-svc", "worker")
    services.start("enrollment-svc", "worker")
    services.start("enrollment-svc", "web")
    wait_http(f"http://127.0.0.1:{PORT_BASE + 103}/livez")
    wait_http(f"http://127.0.0.1:{PORT_BASE + 104}/livez")
    assert wait_for(lambda: _queue_exists(services.vhost.url, CONSUMER_QUEUE), timeout=60)

    exchange = Exchange("epimorfosi.events", type="topic", durable=True)
    poison_envelope = {
        "specversion": "1.0", "id": str(uuid.uuid4()), "source": "/applications-svc",
        "type": "applications.period.opened.v1", "subject": "x", "time": "2026-01-01T00:00:00Z",
        "data": {"period_id": "not-a-number"},  # the handler cannot apply this
    }
    with Connection(services.vhost.url) as conn:
        producer = conn.Producer()
        producer.publish("{definitely not json", exchange=exchange, routing_key="applications.period.opened.v1",
                         content_type="application/cloudevents+json", content_encoding="utf-8", delivery_mode=2)
        producer.publish(json.dumps(poison_envelope), exchange=exchange, routing_key="applications.period.opened.v1",
                         content_type="application/cloudevents+json", content_encoding="utf-8", delivery_mode=2)
    produce(admin_token, 20, "GOOD")
    assert wait_for(lambda: counts(services) == (20, 20), timeout=120), counts(services)
    assert wait_for(lambda: queue_depth(services.vhost.url, CONSUMER_QUEUE + ".dlq") == 2, timeout=60)
    metrics = requests.get(f"http://127.0.0.1:{PORT_BASE + 104}/metrics", timeout=5).text
    dead = [line for line in metrics.splitlines() if line.startswith("events_dead_lettered_total{")]
    assert sum(float(line.rsplit(" ", 1)[1]) for line in dead) == 2, dead
