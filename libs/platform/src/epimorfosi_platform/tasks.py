"""A service's own jobs (`Task`): each runs as a command, `python -m <service_package> <name>`, and,
when it has an interval (`every`, seconds), in the worker too, in a thread of its own. A job does its
work through `unit_of_work` sessions (one transaction each, with a publisher attached, so its use
cases emit events as a request's do); it must be idempotent: the command and the worker, or two
workers, may run it at the same moment."""
from __future__ import annotations

import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from sqlalchemy.orm import Session

from .publishing import Publisher, attach

if TYPE_CHECKING:
    from .service import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    name: str  # the command's name, e.g. "expire-offers"
    help: str
    run: Callable[["Runtime"], int]  # returns how many things it changed (printed by the command)
    every: float | None = None  # seconds between runs in the worker; None: a command only


@contextmanager
def unit_of_work(runtime: "Runtime") -> Iterator[Session]:
    """One transaction of a job: committed when the block succeeds, rolled back otherwise."""
    session = runtime.db.session()
    correlation = str(uuid.uuid4())
    attach(session, Publisher(runtime.outbox, runtime.events, correlation_id=correlation))
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class PeriodicTask:
    """Runs a task every `task.every` seconds until stopped; a failed run is logged and retried at
    the next interval (the task is idempotent)."""

    def __init__(self, runtime: "Runtime", task: Task):
        self.runtime, self.task = runtime, task
        self._stop = threading.Event()

    def run(self) -> None:
        while not self._stop.wait(self.task.every):
            try:
                changed = self.task.run(self.runtime)
                if changed:
                    log.info("task %s changed %s", self.task.name, changed)
            except Exception:
                log.exception("task %s failed", self.task.name)

    def stop(self) -> None:
        self._stop.set()
