"""The readiness probe's cache of dependency checks (database, broker, keys), shared by every app."""
from __future__ import annotations

import time


class ReadinessCache:
    """Readiness probes run every few seconds per pod; don't open a broker connection for each."""

    def __init__(self, ttl: float = 5.0):
        self.ttl, self.values = ttl, {}

    def get(self, name: str, check) -> tuple[bool, str]:
        now = time.monotonic()
        cached = self.values.get(name)
        if cached and now - cached[0] < self.ttl:
            return cached[1]
        try:
            check()
            result = (True, "ok")
        except Exception as exc:
            result = (False, f"{type(exc).__name__}: {exc}"[:300])
        self.values[name] = (now, result)
        return result
