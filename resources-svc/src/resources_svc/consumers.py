"""Event handlers of resources-svc and the records of the events they read. The platform inbox runs
each in one transaction with the record of `(consumer, event id)`; the handlers are idempotent by
themselves as well (upserts keyed by the producer's ids), so a replay is harmless too."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.db import upsert_from_event
from epimorfosi_platform.handlers import HandlerContext, handles

from .periods.models import TrainingPeriod


@event_record("applications.period.opened.v1")
class PeriodOpened:
    period_id: int
    code: str
    name: str
    interest_opens_at: datetime
    interest_closes_at: datetime


@handles(PeriodOpened)
def record_period_opened(ctx: HandlerContext, event: PeriodOpened) -> None:
    """applications.period.opened.v1 -> upsert the period's read-model row (its staff window)."""
    values = {
        "period_id": event.period_id,
        "code": event.code,
        "name": event.name,
        "interest_opens_at": event.interest_opens_at,
        "interest_closes_at": event.interest_closes_at,
        "received_at": ctx.clock.now(),
        "last_event_id": ctx.cause.id,
    }
    upsert_from_event(ctx.session, TrainingPeriod.__table__, "period_id", values)
