"""Reads of the periods slice, and the checks every slice's use cases make against a period."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.errors import Conflict, NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit
from . import windows
from .models import Cluster, ClusterSpecialty, DistributionRow, ProgrammeCategory, TrainingPeriod
from .windows import Action


def get_period(session: Session, period_id: int, *, lock: bool = False) -> TrainingPeriod:
    query = select(TrainingPeriod).where(TrainingPeriod.id == period_id)
    if lock:
        query = query.with_for_update()
    period = session.scalar(query)
    if period is None:
        raise NotFound("Η περίοδος δεν βρέθηκε.")
    return period


def all_periods(session: Session) -> list[TrainingPeriod]:
    """Newest first."""
    return session.scalars(select(TrainingPeriod).order_by(TrainingPeriod.id.desc())).all()


def require_window(action: Action, period: TrainingPeriod, now: datetime) -> None:
    reason = windows.window_for(action, period, now).refusal(now)
    if reason:
        raise Conflict(reason, slug="outside-window", action=action)


def window_open(action: Action, period: TrainingPeriod, now: datetime) -> bool:
    return windows.window_for(action, period, now).is_open(now)


# -- catalogue -------------------------------------------------------------------------------------
def clusters(session: Session, level: str | None = None, specialty: str | None = None) -> list[Cluster]:
    statement = select(Cluster).order_by(Cluster.level, Cluster.number)
    if level is not None:
        statement = statement.where(Cluster.level == level)
    if specialty is not None:
        statement = statement.where(Cluster.code.in_(
            select(ClusterSpecialty.cluster_code).where(ClusterSpecialty.specialty_code == specialty)))
    return session.scalars(statement).all()


def get_cluster(session: Session, code: str) -> Cluster:
    cluster = session.get(Cluster, code)
    if cluster is None:
        raise NotFound(f"Η συστάδα {code} δεν υπάρχει.")
    return cluster


def categories(session: Session) -> list[ProgrammeCategory]:
    return session.scalars(select(ProgrammeCategory).order_by(ProgrammeCategory.code)).all()


def clusters_of_level(session: Session, level: str) -> list[Cluster]:
    return list(session.scalars(select(Cluster).where(Cluster.level == level).order_by(Cluster.number)))


def cluster_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Cluster.code, Cluster.name)).all())


def category_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(ProgrammeCategory.code, ProgrammeCategory.name)).all())


def specialty_clusters(session: Session, specialty: str) -> set[str]:
    """The clusters a teacher specialty (e.g. ΠΕ86) belongs to."""
    return set(session.scalars(select(ClusterSpecialty.cluster_code)
                               .where(ClusterSpecialty.specialty_code == specialty)))


# -- geographic distribution -----------------------------------------------------------------------
def distribution_view(session: Session, period_id: int) -> dict:
    get_period(session, period_id)
    rows = session.scalars(
        select(DistributionRow).where(DistributionRow.period_id == period_id)
        .order_by(DistributionRow.category, DistributionRow.area_code, DistributionRow.cluster_code)
    ).all()
    names = cluster_names(session)
    return {
        "period_id": period_id,
        "imported_at": rows[0].imported_at if rows else None,
        "imported_by": rows[0].imported_by if rows else None,
        "total_programmes": sum(r.programmes for r in rows),
        "rows": [{"line": r.line, "area_code": r.area_code, "area_name": r.area_name, "category": r.category,
                  "cluster_code": r.cluster_code, "cluster_name": names.get(r.cluster_code, ""),
                  "programmes": r.programmes} for r in rows],
    }


def distribution_rows(session: Session, period_id: int) -> list[dict]:
    """The table as the lottery's input reads it."""
    return [
        {"area": area, "category": category, "cluster": cluster, "programmes": programmes}
        for area, category, cluster, programmes in session.execute(
            select(DistributionRow.area_code, DistributionRow.category, DistributionRow.cluster_code,
                   DistributionRow.programmes).where(DistributionRow.period_id == period_id))
    ]


def audit_entries(session: Session, period_id: int) -> list[dict]:
    """The period's audit log (it must exist)."""
    get_period(session, period_id)
    return audit.entries(session, period_id)
