"""The processes that render the parts of a long list in parallel (one per core).

Children are started with `spawn`: the web and worker processes run threads, and a fork of a
threaded process may inherit a held lock; a spawned child starts clean, imports WeasyPrint and
parses the stylesheet once (`_warm_up`), and is replaced after MAX_TASKS_PER_CHILD parts so that
WeasyPrint's caches cannot grow without bound. With one core, or a single part, parts are rendered
in the calling process. A broken pool (a child killed, e.g. by the OOM killer, or unable to start:
multiprocessing re-imports the parent's `__main__` in each child, which fails when the parent was
started from a file that does not exist, such as `python - < script`) is discarded and the parts
are rendered in the calling process: a list is slower then, never lost."""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Mapping, Sequence

from . import rendering

log = logging.getLogger(__name__)

MAX_TASKS_PER_CHILD = 50

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def workers() -> int:
    """Processes that render parts: EPI_RENDER_WORKERS, else the cores this process may use."""
    configured = os.environ.get("EPI_RENDER_WORKERS")
    if configured:
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _warm_up() -> None:
    # In each child, before its first part: the imports, the stylesheet and the font map.
    rendering.base_stylesheet()
    rendering.html_to_pdf("<p>Α</p>")


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=workers(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
                max_tasks_per_child=MAX_TASKS_PER_CHILD,
            )
        return _pool


def _discard(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the children (tests, benchmarks); the next render starts new ones."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def render_all(template: str, contexts: Sequence[Mapping[str, Any]]) -> list[bytes]:
    """Each context rendered with `template` to a PDF, in order: in parallel when there are several
    and more than one core."""
    if len(contexts) <= 1 or workers() <= 1:
        return [rendering.render_pdf(template, context) for context in contexts]
    pool = _get_pool()
    try:
        return list(pool.map(rendering.render_pdf, [template] * len(contexts), contexts))
    except BrokenProcessPool:
        log.exception("the rendering processes stopped; rendering %d parts in this process", len(contexts))
        _discard(pool)
        return [rendering.render_pdf(template, context) for context in contexts]
