"""Reads of the closing slice: the decision of each programme, approvals, and the final programmes (K6)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enrolment.models import EnrolmentProgramme, ProgrammeOutcome
from ..programmes.models import Programme
from .models import FinalApproval, ReducedCompositionException


def programmes_closing(session: Session, *, period_id: int | None, centre: str | None,
                       outcome: str | None = None) -> list[dict]:
    """The programmes to be implemented with what the deadline decides on: enrolled, the minimum,
    the exception if any, the outcome and when it was decided. `outcome=final`: K6."""
    statement = (select(EnrolmentProgramme, Programme, ReducedCompositionException)
                 .join(Programme, Programme.code == EnrolmentProgramme.programme_code)
                 .outerjoin(ReducedCompositionException,
                            ReducedCompositionException.programme_code == EnrolmentProgramme.programme_code)
                 .where(EnrolmentProgramme.to_be_implemented.is_(True)))
    if period_id:
        statement = statement.where(EnrolmentProgramme.period_id == period_id)
    if centre:
        statement = statement.where(EnrolmentProgramme.centre_code == centre)
    if outcome:
        statement = statement.where(EnrolmentProgramme.outcome == outcome)
    rows = session.execute(statement.order_by(Programme.area_code, Programme.centre_code, Programme.cluster_code,
                                              Programme.code).execution_options(populate_existing=True))
    return [{"programme": p, "capacity": e.capacity, "enrolled": e.enrolled, "minimum": p.minimum_participants,
             "outcome": e.outcome, "closed_at": e.closed_at, "exception": x} for e, p, x in rows]


def final_programmes(session: Session, *, period_id: int | None, centre: str | None) -> list[dict]:
    return programmes_closing(session, period_id=period_id, centre=centre, outcome=ProgrammeOutcome.FINAL.value)


def approvals(session: Session, period_id: int | None) -> list[FinalApproval]:
    statement = select(FinalApproval).order_by(FinalApproval.period_id, FinalApproval.area_code, FinalApproval.centre_code)
    if period_id:
        statement = statement.where(FinalApproval.period_id == period_id)
    return list(session.scalars(statement))
