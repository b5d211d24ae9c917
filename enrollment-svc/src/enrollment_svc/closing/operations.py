"""Use cases of the closing slice. Deciding a programme is a guarded UPDATE (`closed_at IS NULL` and
the deadline passed, checked by the database in the same statement), so the sweep run twice or by
two workers decides each programme once; its people are cancelled through enrolment.changes
(history, audit, one status-changed event each). Exceptions and approvals are rows with a key:
granting or approving twice is refused by the primary key, not by a prior count."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.errors import Conflict, Invalid, NotFound
from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from ..audit.log import SYSTEM, audit
from ..enrolment.changes import transition
from ..enrolment.models import EnrolmentEntry, EnrolmentProgramme, ProgrammeOutcome
from ..enrolment.rules import Action, State
from ..periods.models import TrainingPeriod
from ..programmes.models import Programme
from .models import FinalApproval, ReducedCompositionException
from .rules import must_cancel, reason_problem

_P = EnrolmentProgramme


def _due(now: datetime):
    """Programmes to be implemented, not yet decided, whose period's enrolment deadline passed."""
    deadline_passed = exists().where(TrainingPeriod.period_id == _P.period_id, TrainingPeriod.enrolment_deadline <= now)
    return [_P.to_be_implemented.is_(True), _P.closed_at.is_(None), deadline_passed]


def grant_exception(session: Session, actor: str, code: str, reason: str, *, now: datetime) -> ReducedCompositionException:
    """A central admin lets the programme run with fewer than the minimum (reason recorded), while
    it is not yet decided."""
    problem = reason_problem(reason)
    if problem:
        raise Invalid(problem, errors={"reason": [problem]})
    programme = session.execute(update(_P).where(_P.programme_code == code).values(changed_at=_P.changed_at)
                                .returning(_P).execution_options(synchronize_session=False)).scalar()  # the lock
    if programme is None:
        raise NotFound("Το πρόγραμμα δεν βρέθηκε.")
    if programme.closed_at is not None:
        raise Conflict("Το πρόγραμμα έχει ήδη κριθεί στην προθεσμία εγγραφών· η εξαίρεση δεν δίνεται πλέον.",
                       slug="programme-decided")
    row = session.execute(conflict_aware_insert(session, ReducedCompositionException.__table__).values(
        programme_code=code, reason=reason.strip(), granted_by=actor, granted_at=now)
        .on_conflict_do_nothing().returning(ReducedCompositionException.programme_code)).first()
    if row is None:
        raise Conflict("Έχει ήδη δοθεί εξαίρεση μειωμένης σύνθεσης στο πρόγραμμα.", slug="exception-exists")
    audit(session, at=now, actor=actor, action="exception", programme_code=code, period_id=programme.period_id,
          centre_code=programme.centre_code, reason=reason.strip(), details={"enrolled": programme.enrolled})
    return session.get(ReducedCompositionException, code)


def due_programmes(session: Session, now: datetime) -> list[str]:
    return list(session.scalars(select(_P.programme_code).where(*_due(now)).order_by(_P.programme_code)))


def close_programme(session: Session, code: str, *, now: datetime, actor: str = SYSTEM) -> str | None:
    """Decide the programme at the deadline (once): cancelled (its people too) or kept (any offer
    still open ends as expired). The outcome, or None when it was not due (not yet at the deadline,
    or decided already)."""
    programme = session.execute(update(_P).where(_P.programme_code == code, *_due(now)).values(closed_at=now)
                                .returning(_P).execution_options(synchronize_session=False)).scalar()
    if programme is None:
        return None
    minimum = session.scalar(select(Programme.minimum_participants).where(Programme.code == code))
    excepted = session.get(ReducedCompositionException, code) is not None
    if not must_cancel(programme.enrolled, minimum, excepted):
        offered = list(session.scalars(select(EnrolmentEntry.teacher_id).where(
            EnrolmentEntry.programme_code == code, EnrolmentEntry.state == State.OFFERED.value)))
        transition(session, programme, offered, Action.EXPIRE, actor=actor, now=now)  # offers end at the deadline
        audit(session, at=now, actor=actor, action="kept", programme_code=code, period_id=programme.period_id,
              centre_code=programme.centre_code, details={"enrolled": programme.enrolled, "minimum": minimum,
                                                          "exception": excepted})
        return ProgrammeOutcome.OPEN.value
    session.execute(update(_P).where(_P.programme_code == code).values(outcome=ProgrammeOutcome.CANCELLED.value)
                    .execution_options(synchronize_session=False))
    people = list(session.scalars(select(EnrolmentEntry.teacher_id).where(EnrolmentEntry.programme_code == code)))
    reason = f"Το πρόγραμμα ακυρώθηκε: {programme.enrolled} εγγεγραμμένοι, ελάχιστος αριθμός {minimum or 10}."
    transition(session, programme, people, Action.CANCEL, actor=actor, now=now, reason=reason)
    session.execute(update(_P).where(_P.programme_code == code).values(enrolled=0).execution_options(synchronize_session=False))
    audit(session, at=now, actor=actor, action="cancellation", programme_code=code, period_id=programme.period_id,
          centre_code=programme.centre_code, reason=reason, details={"enrolled": programme.enrolled, "minimum": minimum})
    return ProgrammeOutcome.CANCELLED.value


def approve(session: Session, actor: str, *, period_id: int, area_code: str, centre_code: str,
            now: datetime) -> FinalApproval:
    """The final approval of the scope's programmes (period, directorate, centre), after the deadline:
    any not yet decided is decided first (close_programme), then every kept one becomes final."""
    scope = [_P.period_id == period_id, _P.centre_code == centre_code, _P.to_be_implemented.is_(True),
             _P.programme_code.in_(select(Programme.code).where(Programme.area_code == area_code))]
    codes = list(session.scalars(select(_P.programme_code).where(*scope).order_by(_P.programme_code)))
    if not codes:
        raise NotFound("Δεν υπάρχουν προγράμματα προς υλοποίηση για αυτή τη διεύθυνση και το ΚΣΕ.")
    for code in codes:
        close_programme(session, code, now=now, actor=actor)
    if session.scalar(select(_P.programme_code).where(*scope, _P.closed_at.is_(None)).limit(1)):
        raise Conflict("Η οριστική έγκριση δίνεται μετά την προθεσμία εγγραφών.", slug="enrolment-still-open")
    inserted = session.execute(conflict_aware_insert(session, FinalApproval.__table__).values(
        period_id=period_id, area_code=area_code, centre_code=centre_code, programmes=0, approved_by=actor,
        approved_at=now).on_conflict_do_nothing().returning(FinalApproval.period_id)).first()
    if inserted is None:
        raise Conflict("Τα προγράμματα αυτής της διεύθυνσης και του ΚΣΕ έχουν ήδη εγκριθεί οριστικά.", slug="already-approved")
    final = list(session.scalars(update(_P).where(*scope, _P.outcome == ProgrammeOutcome.OPEN.value)
                                 .values(outcome=ProgrammeOutcome.FINAL.value, changed_at=now)
                                 .returning(_P.programme_code).execution_options(synchronize_session=False)))
    session.execute(update(FinalApproval).where(FinalApproval.period_id == period_id, FinalApproval.area_code == area_code,
                                                FinalApproval.centre_code == centre_code).values(programmes=len(final)))
    audit(session, at=now, actor=actor, action="approval", period_id=period_id, centre_code=centre_code,
          details={"area_code": area_code, "final": sorted(final)})
    return session.get(FinalApproval, (period_id, area_code, centre_code))
