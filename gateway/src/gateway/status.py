"""The status page at `/`: every service's readiness, asked concurrently with a short time-out.

Only check names and their state are shown (the page is public); the reasons stay in each
service's own `/readyz` and logs. Results are reused for a couple of seconds so that reloading
the page cannot multiply into a burst of probes."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from .routes import ROUTES


@dataclass
class ServiceStatus:
    name: str
    title: str
    state: str  # ready | not-ready | unreachable
    checks: dict[str, bool] = field(default_factory=dict)
    latency_ms: int | None = None

    @property
    def label(self) -> str:
        return {"ready": "Σε λειτουργία", "not-ready": "Με προβλήματα", "unreachable": "Δεν απαντά"}[self.state]

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "state": self.state,
            "checks": self.checks,
            "latency_ms": self.latency_ms,
        }


class StatusBoard:
    def __init__(self, session: requests.Session, upstreams: dict[str, str], timeout: float, ttl: float = 2.0):
        self.session, self.upstreams, self.timeout, self.ttl = session, upstreams, timeout, ttl
        self._pool = ThreadPoolExecutor(max_workers=len(upstreams), thread_name_prefix="status")
        self._lock = threading.Lock()
        self._cached: tuple[float, list[ServiceStatus]] | None = None

    def _probe(self, name: str) -> ServiceStatus:
        title = ROUTES[name].title
        started = time.perf_counter()
        try:
            response = self.session.get(f"{self.upstreams[name]}/readyz", timeout=self.timeout)
            body = response.json()
        except (requests.RequestException, ValueError):
            return ServiceStatus(name, title, "unreachable")
        latency = int((time.perf_counter() - started) * 1000)
        raw_checks = body.get("checks") if isinstance(body, dict) else None
        checks = {
            str(check): bool(result.get("ok")) if isinstance(result, dict) else bool(result)
            for check, result in (raw_checks or {}).items()
        }
        state = "ready" if response.status_code == 200 else "not-ready"
        return ServiceStatus(name, title, state, checks, latency)

    def snapshot(self) -> list[ServiceStatus]:
        with self._lock:
            if self._cached and time.monotonic() - self._cached[0] < self.ttl:
                return self._cached[1]
            # All probes in parallel: the page takes as long as the slowest, at most the time-out.
            result = list(self._pool.map(self._probe, self.upstreams))
            self._cached = (time.monotonic(), result)
            return result
