"""Reads of the interest slice: a centre's expression and the view of it both tables show."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..centres.queries import usable_rooms
from ..lottery.queries import random_number_of
from ..periods.queries import clusters_of_level, get_period
from ..periods.windows import Action, window_for
from . import choices
from .models import InterestExpression, InterestStatus


def expression_of(session: Session, period_id: int, centre_code: str) -> InterestExpression | None:
    return session.scalar(select(InterestExpression).where(
        InterestExpression.period_id == period_id, InterestExpression.centre_code == centre_code))


def interest_view(session: Session, period_id: int, centre_code: str, *, now: datetime) -> dict:
    period = get_period(session, period_id)
    expression = expression_of(session, period_id, centre_code)
    clusters = clusters_of_level(session, period.level)
    names = {c.code: c.name for c in clusters}
    chosen = [c.cluster_code for c in expression.choices] if expression else []
    accepted = bool(expression and expression.declarations_accepted)
    saved = bool(expression and expression.saved)
    submitted = bool(expression and expression.status == InterestStatus.SUBMITTED)
    window = window_for(Action.INTEREST, period, now)
    is_open = window.is_open(now)
    blockers = [] if submitted else choices.submission_refusals(
        chosen=chosen, required=period.required_clusters, declarations_accepted=accepted, saved=saved,
        usable_rooms=len(usable_rooms(session, centre_code)))
    if not submitted and not is_open:
        blockers.insert(0, window.refusal(now))
    return {
        "period_id": period_id,
        "centre_code": centre_code,
        "status": expression.status if expression else InterestStatus.DRAFT,
        "read_only": submitted or not is_open,
        "required_clusters": period.required_clusters,
        "available": [{"code": c.code, "name": c.name} for c in clusters if c.code not in chosen],
        "chosen": [{"rank": i, "code": code, "name": names.get(code, "")} for i, code in enumerate(chosen, 1)],
        "declarations": list(choices.DECLARATIONS),
        "declarations_accepted": accepted,
        "saved": saved,
        "saved_at": expression.saved_at if expression else None,
        "can_submit": not submitted and not blockers,
        "submit_blockers": blockers,
        "submitted_at": expression.submitted_at if expression else None,
        "random_number": random_number_of(session, period_id, centre_code) if submitted else None,
        "window_open": is_open,
    }
