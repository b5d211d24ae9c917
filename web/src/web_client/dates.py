"""Times as people in Greece read and type them (Europe/Athens), for pages and CSV exports alike."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")


def local_datetime(value: str | datetime | None) -> str:
    """An API timestamp as people in Greece read it: 31/03/2026 14:00."""
    if not value:
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(ATHENS).strftime("%d/%m/%Y %H:%M")


def local_date(value: str | None) -> str:
    """An API date (ΕΕΕΕ-ΜΜ-ΗΗ) as people in Greece read it: 30/06/2025."""
    if not value:
        return "—"
    return date.fromisoformat(value).strftime("%d/%m/%Y")
