"""Dates as Greek users read them on paper (pure)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

ATHENS = ZoneInfo("Europe/Athens")


def to_athens(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:  # a printed deadline must not depend on the server's time zone
        raise ValueError(f"timestamp without a time zone: {value!r}")
    return moment.astimezone(ATHENS)


def format_athens(value: datetime | str) -> str:
    """`dd/mm/yyyy HH:MM` in Greek local time (EET/EEST, whichever is in force on that day)."""
    return to_athens(value).strftime("%d/%m/%Y %H:%M")
