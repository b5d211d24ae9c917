"""Reads of the periods read model."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import TrainingPeriod


def find_period(session: Session, period_id: int) -> TrainingPeriod:
    period = session.get(TrainingPeriod, period_id)
    if period is None:
        raise NotFound(f"Η περίοδος επιμόρφωσης {period_id} δεν βρέθηκε.", slug="period-not-found")
    return period


def all_periods(session: Session) -> list[TrainingPeriod]:
    """Newest call first."""
    return list(session.scalars(select(TrainingPeriod).order_by(TrainingPeriod.interest_opens_at.desc())))
