"""The background process of a service: the outbox relay, the event consumers and the periodic
tasks (tasks.py), in threads,
stopped cleanly on SIGTERM/SIGINT (Kubernetes, Ctrl-C)."""
from __future__ import annotations

import logging
import os
import signal
import threading

from . import metrics
from .bus import BatchPublisher, connect, declare_consumer_topology
from .config import Settings
from .inbox import EventConsumer
from .logs import configure_logging
from .outbox import OutboxRelay
from .service import Runtime, ServiceDefinition
from .tasks import PeriodicTask

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, service: ServiceDefinition, settings: Settings | None = None, *, relay: bool = True,
                 consume: bool = True):
        self.settings = settings or service.settings_from_env()
        self.runtime = Runtime(service, self.settings)
        s = self.settings
        self.relay = (
            OutboxRelay(
                self.runtime.db,
                self.runtime.outbox,
                BatchPublisher(s.broker_url, s.broker_fs_dir),
                batch_size=s.relay_batch_size,
                clock=self.runtime.clock,
            )
            if relay
            else None
        )
        self.consumers = (
            [EventConsumer(self.runtime, sub) for sub in service.subscriptions] if consume else []
        )
        self.periodic = [PeriodicTask(self.runtime, t) for t in service.tasks if t.every]
        self._threads: list[threading.Thread] = []

    def declare_topology(self) -> None:
        """Queues exist before anything is published, so no event is dropped as unroutable."""
        with connect(self.settings.broker_url, self.settings.broker_fs_dir) as connection:
            connection.ensure_connection(max_retries=30, interval_start=1, interval_step=1, interval_max=5)
            for consumer in self.consumers:
                declare_consumer_topology(connection, consumer.queue_name, list(consumer.subscription.handlers))

    def start(self) -> None:
        self.declare_topology()
        if self.relay is not None:
            self._threads.append(threading.Thread(target=self.relay.run, name="outbox-relay", daemon=True))
        for consumer in self.consumers:
            self._threads.append(
                threading.Thread(target=consumer.run, name=f"consumer-{consumer.queue_name}", daemon=True)
            )
        for task in self.periodic:
            self._threads.append(threading.Thread(target=task.run, name=f"task-{task.task.name}", daemon=True))
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self.relay is not None:
            self.relay.stop()
        for consumer in self.consumers:
            consumer.should_stop = True
        for task in self.periodic:
            task.stop()
        for thread in self._threads:
            thread.join(timeout)
        self.runtime.db.dispose()

    def _outbox_backlog(self) -> float:
        with self.runtime.db.session() as session:
            return self.runtime.outbox.backlog(session)

    def run_forever(self) -> None:
        configure_logging(self.runtime.service.name, self.settings.log_level)
        stopping = threading.Event()

        def _request_stop(signum, _frame):
            log.info("stopping worker on signal %s", signum)
            stopping.set()

        signal.signal(signal.SIGTERM, _request_stop)
        signal.signal(signal.SIGINT, _request_stop)
        directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        if directory:
            os.makedirs(directory, exist_ok=True)  # the first counter increment needs it
        port = self.settings.worker_metrics_port
        if port:
            metrics.serve_metrics(port, [(
                "outbox_backlog", "Outbox rows not yet published", {"service": self.runtime.service.name},
                self._outbox_backlog,
            )])
        self.start()
        log.info("worker started", extra={"consumers": [c.queue_name for c in self.consumers]})
        while not stopping.wait(1.0):
            dead = [t.name for t in self._threads if not t.is_alive()]
            if dead:
                log.error("worker thread died: %s", dead)
                break
        self.stop()
