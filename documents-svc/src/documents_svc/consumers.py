"""Event handlers of documents-svc. Each runs inside the platform Inbox transaction, so it is applied
once per event id; `render_document` is also idempotent on the event id by itself."""
from __future__ import annotations

from epimorfosi_platform.events import Event
from sqlalchemy.orm import Session

from . import operations
from .domain import PERIOD_ANNOUNCEMENT, period_announcement_title, period_schedule


def on_period_opened(session: Session, event: Event) -> None:
    """applications.period.opened.v1 → the period's public announcement with the call's dates."""
    data = event.data
    operations.render_document(
        session,
        kind=PERIOD_ANNOUNCEMENT,
        subject=str(data["period_id"]),
        title=period_announcement_title(data["name"]),
        template="period_announcement.html.j2",
        values={
            "period_name": data["name"],
            "period_code": data["code"],
            "schedule": period_schedule(data),
        },
        cause=event,
    )
