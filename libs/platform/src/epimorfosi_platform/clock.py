"""The one clock of a service: `runtime.clock.now()`, an aware UTC datetime. Code that needs the time
receives the clock (or `now`) instead of reading the system's, so tests can move it."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class SettableClock:
    """A clock for tests: stands still at the moment it is set to, until set or advanced."""

    def __init__(self, moment: datetime | str | None = None):
        self._lock = threading.Lock()
        self._moment = datetime.now(timezone.utc)
        if moment is not None:
            self.set(moment)

    def set(self, moment: datetime | str) -> None:
        value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        if value.tzinfo is None:  # a naive moment is ambiguous by hours; refuse instead of guessing
            raise ValueError(f"naive datetime: {moment!r}")
        with self._lock:
            self._moment = value.astimezone(timezone.utc)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move forward by `delta` (or timedelta(**kwargs)); returns the new moment."""
        with self._lock:
            self._moment += delta if delta is not None else timedelta(**kwargs)
            return self._moment

    def now(self) -> datetime:
        with self._lock:
            return self._moment
