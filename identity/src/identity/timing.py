"""Answers that take the same time whatever they found (an account exists or not)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_sooner_than(seconds: float) -> Iterator[None]:
    """The block's answer leaves no sooner than `seconds` after it started (not on an error)."""
    started = time.monotonic()
    yield
    remaining = seconds - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)
