"""Reads of the minutes slice."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..periods.models import TrainingPeriod
from .models import Minutes


def minutes_of(session: Session, centre: Centre, period: TrainingPeriod) -> Minutes | None:
    return session.scalar(select(Minutes).where(Minutes.centre_id == centre.id, Minutes.period_id == period.period_id))


def required_minutes(session: Session, centre: Centre, period: TrainingPeriod) -> Minutes:
    minutes = minutes_of(session, centre, period)
    if minutes is None:
        raise NotFound(f"Δεν έχει αναρτηθεί Πρακτικό Συλλόγου Διδασκόντων του ΚΣΕ {centre.code} "
                       f"για την περίοδο «{period.name}».", slug="minutes-not-found")
    return minutes


def all_minutes_of(session: Session, centre: Centre) -> list[tuple[Minutes, TrainingPeriod]]:
    """The centre's minutes of every period, newest period first («Πρακτικά προηγούμενων περιόδων»)."""
    query = (select(Minutes, TrainingPeriod).join(TrainingPeriod, TrainingPeriod.period_id == Minutes.period_id)
             .where(Minutes.centre_id == centre.id).order_by(TrainingPeriod.interest_opens_at.desc()))
    return [(m, p) for m, p in session.execute(query)]
