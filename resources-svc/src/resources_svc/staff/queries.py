"""Reads of the staff slice."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..periods.models import TrainingPeriod
from .models import StaffList, StaffMember, StaffRole


def members_of(session: Session, centre: Centre, period: TrainingPeriod, role: str | None = None) -> list[StaffMember]:
    """The centre's lists for the period: coordinators first, then by surname and name."""
    query = select(StaffMember).where(StaffMember.centre_id == centre.id, StaffMember.period_id == period.period_id)
    if role:
        query = query.where(StaffMember.role == role)
    order = (StaffMember.role != StaffRole.COORDINATOR.value, StaffMember.surname, StaffMember.given_name, StaffMember.id)
    return list(session.scalars(query.order_by(*order)))


def staff_list(session: Session, centre: Centre, period: TrainingPeriod) -> StaffList | None:
    return session.scalar(select(StaffList).where(StaffList.centre_id == centre.id, StaffList.period_id == period.period_id))
