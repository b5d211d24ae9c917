"""The programme lists K2 (approved programmes of a period) and K3 (after the allocation: the
successful and waitlisted counts, and which programmes are to be implemented)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..centres.queries import centre_names
from ..draws.models import DrawStatus
from ..lottery.models import Programme
from ..periods.models import ClusterSpecialty, TrainingPeriod
from ..periods.queries import category_names, cluster_names, get_period
from .models import Allocation, AllocationSeat, AllocationWaitlist
from .queries import PHASES, drawn


def programme_page(session: Session, period_id: int, query: dict, first: int, size: int) -> tuple[int, list[dict]]:
    """The total of the filtered list and one page of it (by programme code)."""
    statement = programme_statement(session, period_id, query)
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = session.scalars(statement.order_by(Programme.code).offset(first).limit(size)).all()
    return total, programme_rows(session, period_id, list(rows))


def programme_statement(session: Session, period_id: int, query: dict):
    get_period(session, period_id)
    statement = select(Programme).where(Programme.period_id == period_id)
    if query.get("cluster"):
        statement = statement.where(Programme.cluster_code == query["cluster"])
    if query.get("centre"):
        statement = statement.where(Programme.centre_code == query["centre"])
    if query.get("specialty"):
        statement = statement.where(Programme.cluster_code.in_(
            select(ClusterSpecialty.cluster_code).where(
                ClusterSpecialty.specialty_code == query["specialty"].strip().upper())))
    if "to_be_implemented" in query:
        minimum = session.scalar(select(TrainingPeriod.minimum_participants).where(TrainingPeriod.id == period_id))
        seated = (select(func.count()).select_from(AllocationSeat)
                  .where(AllocationSeat.programme_code == Programme.code).scalar_subquery())
        allocated = select(Allocation.id).where(Allocation.period_id == period_id,
                                                Allocation.status == DrawStatus.DRAWN)
        if query["to_be_implemented"]:
            statement = statement.where(allocated.exists(), seated >= minimum)
        else:
            statement = statement.where(~(allocated.exists() & (seated >= minimum)))
    return statement


def programme_rows(session: Session, period_id: int, programmes: list[Programme]) -> list[dict]:
    period = get_period(session, period_id)
    allocated = any(drawn(session, period_id, phase) for phase in PHASES)
    codes = [p.code for p in programmes]
    seated = dict(session.execute(select(AllocationSeat.programme_code, func.count())
                                  .where(AllocationSeat.programme_code.in_(codes))
                                  .group_by(AllocationSeat.programme_code)).all()) if codes else {}
    waiting = dict(session.execute(select(AllocationWaitlist.programme_code, func.count())
                                   .where(AllocationWaitlist.programme_code.in_(codes))
                                   .group_by(AllocationWaitlist.programme_code)).all()) if codes else {}
    names = cluster_names(session)
    categories = category_names(session)
    centres = centre_names(session, {p.centre_code for p in programmes})
    out = []
    for p in programmes:
        count = seated.get(p.code, 0)
        out.append({
            "code": p.code, "cluster": p.cluster_code, "cluster_name": names.get(p.cluster_code, ""),
            "category": p.category, "category_name": categories.get(p.category, ""),
            "centre_code": p.centre_code, "centre_name": centres.get(p.centre_code, p.centre_code),
            "area_code": p.area_code, "capacity": p.capacity, "starts_on": p.starts_on, "ends_on": p.ends_on,
            "successful": count if allocated else None,
            "waitlisted": waiting.get(p.code, 0) if allocated else None,
            "free_seats": p.capacity - count if allocated else None,
            "to_be_implemented": count >= period.minimum_participants if allocated else None,
        })
    return out
