"""Use cases of the programme lottery: freeze -> seed -> draw (``draws.procedure.LOTTERY``). The
draw creates the programmes and announces them in the same transaction."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict
from epimorfosi_platform.publishing import emit, emit_many
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..audit import audit
from ..centres.models import Centre
from ..draws.procedure import LOTTERY
from ..periods.models import DistributionRow, TrainingPeriod
from ..periods.queries import category_names, cluster_names, get_period, require_window
from ..periods.windows import Action
from ..rules import lottery as lottery_rules
from .models import Lottery, Programme
from .queries import lottery_input, lottery_of, require_lottery


def freeze_lottery(session: Session, principal: Principal, period_id: int, *, now: datetime) -> Lottery:
    period = get_period(session, period_id, lock=True)  # serialises freeze with imports and other freezes
    require_window(Action.LOTTERY, period, now)
    LOTTERY.refuse_second_freeze(lottery_of(session, period_id))
    if session.scalar(select(func.count()).select_from(DistributionRow)
                      .where(DistributionRow.period_id == period_id)) == 0:
        raise Conflict("Δεν έχει εισαχθεί πίνακας γεωγραφικής κατανομής για την περίοδο.", slug="no-distribution")
    frozen = lottery_input(session, period)
    lottery = Lottery(period_id=period_id, rules_version=lottery_rules.RULES_VERSION)
    digest = LOTTERY.freeze(session, lottery, frozen, principal, now)
    audit(session, principal, "lottery.frozen", f"period:{period_id}",
          {"input_sha256": digest, "expressions": len(frozen["expressions"]),
           "distribution_rows": len(frozen["distribution"]), "rules_version": lottery_rules.RULES_VERSION},
          period_id, now=now)
    session.flush()
    return lottery


def record_seed(session: Session, principal: Principal, period_id: int, seed: str, source: str, *,
                now: datetime) -> Lottery:
    get_period(session, period_id)
    lottery = require_lottery(session, period_id, lock=True)
    LOTTERY.seed(session, lottery, principal, seed, source, now)
    audit(session, principal, "lottery.seeded", f"period:{period_id}",
          {"seed": seed, "source": source, "input_sha256": lottery.input_sha256}, period_id, now=now)
    return lottery


def draw_lottery(session: Session, principal: Principal, period_id: int, *, now: datetime) -> Lottery:
    period = get_period(session, period_id)
    require_window(Action.LOTTERY, period, now)
    lottery = require_lottery(session, period_id, lock=True)
    result = lottery_rules.draw(LOTTERY.draw(session, lottery, principal, now), lottery.seed)
    published = result.to_dict()
    result_sha256 = LOTTERY.publish(session, lottery, published)
    if result.assignments:
        session.execute(insert(Programme), [
            {"code": a.programme, "period_id": period_id, "centre_code": a.centre, "cluster_code": a.cluster,
             "category": a.category, "area_code": a.area, "capacity": a.capacity, "preference_rank": a.rank,
             "starts_on": period.implementation_starts_on, "ends_on": period.implementation_ends_on,
             "created_at": now}
            for a in result.assignments])
    emit(session, "applications.lottery.drawn.v1", subject=str(period_id),
         data=_drawn(period, lottery, published, len(result.assignments), now))
    emit_many(session, "applications.programme.created.v1", _created(session, period, result.assignments))
    audit(session, principal, "lottery.drawn", f"period:{period_id}",
          {"input_sha256": lottery.input_sha256, "seed": lottery.seed, "algorithm": published["algorithm"],
           "result_sha256": result_sha256, "programmes": len(result.assignments)}, period_id, now=now)
    return lottery


def _drawn(period: TrainingPeriod, lottery: Lottery, published: dict, programmes: int, moment: datetime) -> dict:
    """The data of applications.lottery.drawn.v1."""
    return {
        "period_id": period.id,
        "period_code": period.code,
        "input_sha256": lottery.input_sha256,
        "seed": lottery.seed,
        "seed_source": lottery.seed_source,
        "algorithm": published["algorithm"],
        "rules_version": published["rules_version"],
        "drawn_at": moment.isoformat(),
        "programmes": programmes,
        "centres": [{"centre_code": row["centre"], "random_number": row["random_number"],
                     "eligible": row["eligible"], "programmes": row["programmes"]} for row in published["centres"]],
    }


def _created(session: Session, period: TrainingPeriod, assignments: list) -> list[tuple[str, dict]]:
    """(subject, data) of one applications.programme.created.v1 per programme drawn."""
    centres = {c.code: c for c in session.scalars(
        select(Centre).where(Centre.code.in_({a.centre for a in assignments})))} if assignments else {}
    names = cluster_names(session)
    categories = category_names(session)
    starts, ends = period.implementation_starts_on, period.implementation_ends_on
    return [(a.programme, {
        "code": a.programme,
        "period_id": period.id,
        "period_code": period.code,
        "centre_code": a.centre,
        "centre_name": centres[a.centre].name if a.centre in centres else a.centre,
        "cluster_code": a.cluster,
        "cluster_name": names.get(a.cluster, a.cluster),
        "category": a.category,
        "category_name": categories.get(a.category, a.category),
        "area_code": a.area,
        "capacity": a.capacity,
        "minimum_participants": period.minimum_participants,
        "starts_on": starts.isoformat() if starts else None,
        "ends_on": ends.isoformat() if ends else None,
    }) for a in assignments]
