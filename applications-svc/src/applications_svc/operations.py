"""State changes of applications-svc. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.web import emit, session
from sqlalchemy import select

from .domain import PeriodWindows, window_errors
from .models import TrainingPeriod
from .schemas import WINDOW_FIELDS


def open_period(principal: Principal, values: dict) -> TrainingPeriod:
    windows = PeriodWindows(**{f: values[f] for f in WINDOW_FIELDS})
    errors = window_errors(windows)
    if errors:
        raise Problem(422, detail="Οι ημερομηνίες της περιόδου δεν είναι στη σωστή σειρά.", errors=errors)
    if session.scalar(select(TrainingPeriod.id).where(TrainingPeriod.code == values["code"])) is not None:
        raise Problem(409, slug="period-exists", detail=f"Υπάρχει ήδη περίοδος με κωδικό {values['code']}.")
    period = TrainingPeriod(**values, created_by=principal.subject)
    session.add(period)
    session.flush()
    emit(
        "applications.period.opened.v1",
        subject=str(period.id),
        data={
            "period_id": period.id,
            "code": period.code,
            "name": period.name,
            **{f: getattr(period, f).isoformat() for f in WINDOW_FIELDS},
        },
    )
    return period
