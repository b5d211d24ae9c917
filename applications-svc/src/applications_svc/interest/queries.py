"""Reads of the interest slice: a centre's expression and the view of it both tables show."""
from __future__ import annotations

from epimorfosi_platform.web import session
from sqlalchemy import select

from ..centres.queries import usable_rooms
from ..clock import now
from ..lottery.queries import random_number_of
from ..periods.queries import clusters_of_level, get_period
from ..periods.windows import window_for
from . import choices
from .models import InterestExpression


def expression_of(period_id: int, centre_code: str) -> InterestExpression | None:
    return session.scalar(select(InterestExpression).where(
        InterestExpression.period_id == period_id, InterestExpression.centre_code == centre_code))


def interest_view(period_id: int, centre_code: str) -> dict:
    period = get_period(period_id)
    expression = expression_of(period_id, centre_code)
    clusters = clusters_of_level(period.level)
    names = {c.code: c.name for c in clusters}
    chosen = [c.cluster_code for c in expression.choices] if expression else []
    accepted = bool(expression and expression.declarations_accepted)
    saved = bool(expression and expression.saved)
    submitted = bool(expression and expression.status == "submitted")
    moment = now()
    window = window_for("interest", period, moment)
    is_open = window.is_open(moment)
    blockers = [] if submitted else choices.submission_refusals(
        chosen=chosen, required=period.required_clusters, declarations_accepted=accepted, saved=saved,
        usable_rooms=len(usable_rooms(centre_code)))
    if not submitted and not is_open:
        blockers.insert(0, window.refusal(moment))
    return {
        "period_id": period_id,
        "centre_code": centre_code,
        "status": expression.status if expression else "draft",
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
        "random_number": random_number_of(period_id, centre_code) if submitted else None,
        "window_open": is_open,
    }
