"""Column types shared by the services' models."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator):
    """An aware datetime, stored and returned in UTC on every database.

    SQLite has no time zones: a plain `DateTime(timezone=True)` silently drops the offset there
    (23:59+03:00 comes back as a naive 23:59), so the embedded and the stack profile would disagree
    about deadlines. Values are normalised to UTC on the way in and marked UTC on the way out.
    In migrations it is an ordinary `sa.DateTime(timezone=True)`.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (its offset says which instant it is)")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite: stored in UTC by process_bind_param / CURRENT_TIMESTAMP
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)
