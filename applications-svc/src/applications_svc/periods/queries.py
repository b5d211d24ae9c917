"""Reads of the periods slice, and the checks every slice's use cases make against a period."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.web import session
from sqlalchemy import select

from ..clock import now
from . import windows
from .models import Cluster, ClusterSpecialty, DistributionRow, ProgrammeCategory, TrainingPeriod


def get_period(period_id: int, *, lock: bool = False) -> TrainingPeriod:
    query = select(TrainingPeriod).where(TrainingPeriod.id == period_id)
    if lock:
        query = query.with_for_update()
    period = session.scalar(query)
    if period is None:
        raise Problem(404, detail="Η περίοδος δεν βρέθηκε.")
    return period


def all_periods() -> list[TrainingPeriod]:
    """Newest first."""
    return session.scalars(select(TrainingPeriod).order_by(TrainingPeriod.id.desc())).all()


def require_window(action: str, period: TrainingPeriod) -> None:
    moment = now()
    reason = windows.window_for(action, period, moment).refusal(moment)
    if reason:
        raise Problem(409, slug="outside-window", detail=reason, action=action)


def window_open(action: str, period: TrainingPeriod) -> bool:
    moment = now()
    return windows.window_for(action, period, moment).is_open(moment)


# -- catalogue -------------------------------------------------------------------------------------
def clusters(level: str | None = None, specialty: str | None = None) -> list[Cluster]:
    statement = select(Cluster).order_by(Cluster.level, Cluster.number)
    if level is not None:
        statement = statement.where(Cluster.level == level)
    if specialty is not None:
        statement = statement.where(Cluster.code.in_(
            select(ClusterSpecialty.cluster_code).where(ClusterSpecialty.specialty_code == specialty)))
    return session.scalars(statement).all()


def get_cluster(code: str) -> Cluster:
    cluster = session.get(Cluster, code)
    if cluster is None:
        raise Problem(404, detail=f"Η συστάδα {code} δεν υπάρχει.")
    return cluster


def categories() -> list[ProgrammeCategory]:
    return session.scalars(select(ProgrammeCategory).order_by(ProgrammeCategory.code)).all()


def clusters_of_level(level: str) -> list[Cluster]:
    return list(session.scalars(select(Cluster).where(Cluster.level == level).order_by(Cluster.number)))


def cluster_names() -> dict[str, str]:
    return dict(session.execute(select(Cluster.code, Cluster.name)).all())


def category_names() -> dict[str, str]:
    return dict(session.execute(select(ProgrammeCategory.code, ProgrammeCategory.name)).all())


def specialty_clusters(specialty: str) -> set[str]:
    """The clusters a teacher specialty (e.g. ΠΕ86) belongs to."""
    return set(session.scalars(select(ClusterSpecialty.cluster_code)
                               .where(ClusterSpecialty.specialty_code == specialty)))


# -- geographic distribution -----------------------------------------------------------------------
def distribution_view(period_id: int) -> dict:
    get_period(period_id)
    rows = session.scalars(
        select(DistributionRow).where(DistributionRow.period_id == period_id)
        .order_by(DistributionRow.category, DistributionRow.area_code, DistributionRow.cluster_code)
    ).all()
    names = cluster_names()
    return {
        "period_id": period_id,
        "imported_at": rows[0].imported_at if rows else None,
        "imported_by": rows[0].imported_by if rows else None,
        "total_programmes": sum(r.programmes for r in rows),
        "rows": [{"line": r.line, "area_code": r.area_code, "area_name": r.area_name, "category": r.category,
                  "cluster_code": r.cluster_code, "cluster_name": names.get(r.cluster_code, ""),
                  "programmes": r.programmes} for r in rows],
    }


def distribution_rows(period_id: int) -> list[dict]:
    """The table as the lottery's input reads it."""
    return [
        {"area": area, "category": category, "cluster": cluster, "programmes": programmes}
        for area, category, cluster, programmes in session.execute(
            select(DistributionRow.area_code, DistributionRow.category, DistributionRow.cluster_code,
                   DistributionRow.programmes).where(DistributionRow.period_id == period_id))
    ]
