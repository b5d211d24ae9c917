"""The service's clock, read by every use case (tests move it: ``app.extensions["applications_clock"]``)."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app


def utc_now() -> datetime:
    """The clock the app factory installs."""
    return datetime.now(timezone.utc)


def now() -> datetime:
    return current_app.extensions["applications_clock"]()
