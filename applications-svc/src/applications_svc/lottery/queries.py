"""Reads of the lottery slice: the procedure's record and summary, its input, a centre's results."""
from __future__ import annotations

import json

from epimorfosi_platform.errors import Conflict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..centres.queries import largest_usable_rooms
from ..draws.models import DrawStatus
from ..draws.procedure import LOTTERY
from ..interest.models import InterestChoice, InterestExpression, InterestStatus
from ..periods.models import TrainingPeriod
from ..periods.queries import category_names, cluster_names, distribution_rows, get_period
from ..rules import lottery as lottery_rules
from ..rules.canonical import loads
from .models import Lottery, Programme


def lottery_of(session: Session, period_id: int, *, lock: bool = False) -> Lottery | None:
    query = select(Lottery).where(Lottery.period_id == period_id)
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def require_lottery(session: Session, period_id: int, lock: bool = False) -> Lottery:
    return LOTTERY.require(lottery_of(session, period_id, lock=lock))


def refuse_if_frozen(session: Session, period_id: int, what: str) -> None:
    """What the lottery reads does not change once it is frozen."""
    if lottery_of(session, period_id) is not None:
        raise Conflict(f"{what}: τα δεδομένα της κλήρωσης έχουν «παγώσει»· δεν αλλάζουν πια.", slug="lottery-frozen")


def random_number_of(session: Session, period_id: int, centre_code: str) -> int | None:
    """The centre's random number in the period's drawn lottery (None before the draw)."""
    lottery = lottery_of(session, period_id)
    random_number = None
    if lottery is not None and lottery.result_json:
        for row in loads(lottery.result_json)["centres"]:
            if row["centre"] == centre_code:
                random_number = row["random_number"]
    return random_number


def programme_count(session: Session, period_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Programme).where(Programme.period_id == period_id))


def lottery_input(session: Session, period: TrainingPeriod) -> dict:
    """The input to freeze: the distribution table and the final expressions of interest."""
    capacities = largest_usable_rooms(session)
    centres = {c.code: c for c in session.scalars(
        select(Centre).join(InterestExpression, InterestExpression.centre_code == Centre.code)
        .where(InterestExpression.period_id == period.id, InterestExpression.status == InterestStatus.SUBMITTED))}
    choices: dict[str, list[str]] = {}
    for centre_code, cluster in session.execute(
            select(InterestExpression.centre_code, InterestChoice.cluster_code)
            .join(InterestChoice, InterestChoice.expression_id == InterestExpression.id)
            .where(InterestExpression.period_id == period.id, InterestExpression.status == InterestStatus.SUBMITTED)
            .order_by(InterestExpression.centre_code, InterestChoice.rank)):
        choices.setdefault(centre_code, []).append(cluster)
    expressions = [
        {"centre": code, "clusters": clusters, "prefecture": centres[code].prefecture,
         "region": centres[code].region, "certified_room": code in capacities,
         "capacity": int(capacities.get(code, 0)),
         # Staff are not in this service's read model yet (resources-svc publishes no staff events);
         # every centre with a final expression of interest is taken to have staff.
         "has_staff": True}
        for code, clusters in choices.items() if code in centres
    ]
    return lottery_rules.build_input(
        period.code, distribution_rows(session, period.id), expressions,
        max_programmes_per_centre=period.max_programmes_per_centre,
        max_programmes_per_centre_per_cell=period.max_programmes_per_centre_per_cell,
        meta={"period_id": period.id, "period_name": period.name, "level": period.level,
              "required_clusters": period.required_clusters},
    )


def lottery_record(session: Session, period_id: int) -> dict:
    get_period(session, period_id)
    lottery = require_lottery(session, period_id)
    return {"period_id": period_id, **LOTTERY.record(lottery),
            "programmes_created": programme_count(session, period_id)}


def lottery_summary(session: Session, period_id: int) -> dict:
    get_period(session, period_id)
    lottery = require_lottery(session, period_id)
    return {"period_id": period_id, "status": lottery.status, "input_sha256": lottery.input_sha256,
            "seed": lottery.seed, "seed_source": lottery.seed_source, "frozen_at": lottery.frozen_at,
            "seeded_at": lottery.seeded_at, "drawn_at": lottery.drawn_at,
            "programmes_created": programme_count(session, period_id)}


def centre_lottery_results(session: Session, centre_code: str, period_id: int | None = None) -> list[dict]:
    """Every drawn lottery (newest first, or the one of ``period_id``) as the centre sees it."""
    query = select(Lottery, TrainingPeriod).join(TrainingPeriod, TrainingPeriod.id == Lottery.period_id) \
        .where(Lottery.status == DrawStatus.DRAWN).order_by(TrainingPeriod.id.desc())
    if period_id is not None:
        query = query.where(Lottery.period_id == period_id)
    names = cluster_names(session)
    categories = category_names(session)
    out = []
    for lottery, period in session.execute(query).all():
        row = next((c for c in json.loads(lottery.result_json)["centres"] if c["centre"] == centre_code), None)
        programmes = session.scalars(select(Programme).where(
            Programme.period_id == period.id, Programme.centre_code == centre_code).order_by(Programme.code)).all()
        out.append({
            "period_id": period.id, "period_name": period.name, "drawn_at": lottery.drawn_at,
            "took_part": row is not None,
            "eligible": row["eligible"] if row else None,
            "random_number": row["random_number"] if row else None,
            "selected": bool(programmes),
            "programmes": [{"code": p.code, "cluster": p.cluster_code, "cluster_name": names.get(p.cluster_code, ""),
                            "category": p.category, "category_name": categories.get(p.category, ""),
                            "area_code": p.area_code, "capacity": p.capacity, "preference_rank": p.preference_rank,
                            "starts_on": p.starts_on, "ends_on": p.ends_on} for p in programmes],
        })
    return out
