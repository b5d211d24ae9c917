"""In-process rate-limit counters for `EPI_RATE_LIMIT_STORAGE=memory://` (development, tests and a
single process). `limits`' own MemoryStorage starts a new timer thread every 10 ms of traffic
to expire entries; on the gateway's hot path that cost more CPU than the proxying itself. These
counters expire lazily and sweep at most every few seconds, without threads. Production uses a
shared store (redis://), which is passed through to `limits` unchanged."""
from __future__ import annotations

import threading
import time

from limits.storage import Storage

SCHEME = "gateway-memory"


def storage_uri(configured: str) -> str:
    return f"{SCHEME}://" if configured.startswith("memory://") else configured


class LocalCounters(Storage):
    """Fixed-window counters (Flask-Limiter's default strategy): key -> [count, window end]."""

    STORAGE_SCHEME = [SCHEME]
    SWEEP_EVERY = 5.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self._counters: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._next_sweep = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            counter = self._counters.get(key)
            if counter is None or counter[1] <= now:
                counter = self._counters[key] = [0, now + expiry]
            counter[0] += amount
            return int(counter[0])

    def get(self, key: str) -> int:
        counter = self._counters.get(key)
        return int(counter[0]) if counter and counter[1] > time.time() else 0

    def get_expiry(self, key: str) -> float:
        counter = self._counters.get(key)
        now = time.time()
        return counter[1] if counter and counter[1] > now else now

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        with self._lock:
            count = len(self._counters)
            self._counters.clear()
            return count

    def clear(self, key: str) -> None:
        with self._lock:
            self._counters.pop(key, None)

    def _sweep(self, now: float) -> None:
        # Forget finished windows so that one-off clients (addresses) do not accumulate.
        for key in [k for k, (_, end) in self._counters.items() if end <= now]:
            del self._counters[key]
        self._next_sweep = now + self.SWEEP_EVERY
