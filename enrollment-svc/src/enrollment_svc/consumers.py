"""Event handlers of enrollment-svc. The platform inbox runs each in one transaction with the record
of `(consumer, event id)`; the handlers are idempotent by themselves as well (upserts keyed by the
producer's ids), so a replay or a manual re-run is harmless too."""
from __future__ import annotations

from datetime import datetime, timezone

from epimorfosi_platform.events import Event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import TrainingPeriod


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
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = TrainingPeriod.__table__
    insert = dialect.insert(table).values(**values)
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[table.c.period_id],
            set_={name: insert.excluded[name] for name in values if name != "period_id"},
            # The same event again is a no-op (received_at keeps the first delivery).
            where=table.c.last_event_id != insert.excluded.last_event_id,
        )
    )
