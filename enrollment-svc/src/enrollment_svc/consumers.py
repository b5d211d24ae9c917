"""Event handlers of enrollment-svc. The platform inbox runs each in one transaction with the record
of `(consumer, event id)`; the handlers are idempotent by themselves as well (upserts keyed by the
producer's ids), so a replay or a manual re-run is harmless too."""
from __future__ import annotations

from datetime import date, datetime, timezone

from epimorfosi_platform.events import Event
from epimorfosi_platform.db import conflict_aware_insert
from sqlalchemy.orm import Session

from .models import Programme, TrainingPeriod


def record_period_opened(session: Session, event: Event) -> None:
    """applications.period.opened.v1 -> upsert the period's read-model row."""
    data = event.data
    values = {
        "period_id": int(data["period_id"]),
        "code": data["code"],
        "name": data["name"],
        "enrolment_deadline": datetime.fromisoformat(data["enrolment_deadline"]),
        "received_at": datetime.now(timezone.utc),
        "last_event_id": event.id,
    }
    _upsert(session, TrainingPeriod.__table__, "period_id", values)


def record_programme_created(session: Session, event: Event) -> None:
    """applications.programme.created.v1 -> upsert the programme's read-model row."""
    data = event.data
    values = {
        "code": data["code"],
        "period_id": int(data["period_id"]),
        "period_code": data["period_code"],
        "centre_code": data["centre_code"],
        "centre_name": data["centre_name"],
        "cluster_code": data["cluster_code"],
        "cluster_name": data["cluster_name"],
        "category": data["category"],
        "category_name": data["category_name"],
        "area_code": data["area_code"],
        "capacity": int(data["capacity"]),
        "minimum_participants": int(data["minimum_participants"]),
        "starts_on": _date(data["starts_on"]),
        "ends_on": _date(data["ends_on"]),
        "received_at": datetime.now(timezone.utc),
        "last_event_id": event.id,
    }
    _upsert(session, Programme.__table__, "code", values)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _upsert(session: Session, table, key: str, values: dict) -> None:
    """Insert the row, or update it from a different event; the same event again is a no-op
    (received_at keeps the first delivery)."""
    insert = conflict_aware_insert(session, table).values(**values)
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={name: insert.excluded[name] for name in values if name != key},
            where=table.c.last_event_id != insert.excluded.last_event_id,
        )
    )
