"""Reads of the allocation slice: applications, the procedure of each phase, a teacher's result."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..draws.models import DrawStatus
from ..draws.procedure import ALLOCATION
from ..lottery.models import Programme
from ..periods.models import TrainingPeriod
from ..periods.queries import cluster_names, get_period, window_open
from ..periods.windows import Action
from ..rules import allocation as allocation_rules
from .models import (
    Allocation, AllocationCandidate, AllocationSeat, AllocationWaitlist, Phase, ResultStatus, TeacherApplication,
    TeacherChoice,
)

PHASES = tuple(Phase)


def check_phase(phase: str) -> Phase:
    """The phase named in a path (``A`` or ``B``); anything else is not found."""
    if phase not in PHASES:
        raise NotFound("Άγνωστη φάση (A ή B).")
    return Phase(phase)


def allocation_of(session: Session, period_id: int, phase: str, *, lock: bool = False) -> Allocation | None:
    query = select(Allocation).where(Allocation.period_id == period_id, Allocation.phase == phase)
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def require_allocation(session: Session, period_id: int, phase: str, lock: bool = False) -> Allocation:
    return ALLOCATION.require(allocation_of(session, period_id, phase, lock=lock))


def drawn(session: Session, period_id: int, phase: str) -> bool:
    allocation = allocation_of(session, period_id, phase)
    return allocation is not None and allocation.status == DrawStatus.DRAWN


def phase_a_seats(session: Session, period_id: int, *, by_number: bool = False) -> dict[str, list[str]]:
    """Programme code -> phase-A seat holders (teacher ids, or candidate numbers) in seat order."""
    holder = AllocationCandidate.number if by_number else AllocationSeat.applicant_id
    out: dict[str, list[str]] = {}
    for code, applicant in session.execute(
            select(AllocationSeat.programme_code, holder).select_from(AllocationSeat)
            .join(AllocationCandidate, (AllocationCandidate.period_id == AllocationSeat.period_id)
                  & (AllocationCandidate.teacher_id == AllocationSeat.applicant_id))
            .where(AllocationSeat.period_id == period_id, AllocationSeat.phase == Phase.A)
            .order_by(AllocationSeat.programme_code, AllocationSeat.seat_order)):
        out.setdefault(code, []).append(applicant)
    return out


def programme_views(session: Session, codes: list[str]) -> dict[str, dict]:
    if not codes:
        return {}
    names = cluster_names(session)
    rows = session.execute(
        select(Programme, Centre.name).outerjoin(Centre, Centre.code == Programme.centre_code)
        .where(Programme.code.in_(codes))).all()
    return {p.code: {"code": p.code, "cluster": p.cluster_code, "cluster_name": names.get(p.cluster_code, ""),
                     "category": p.category, "centre_code": p.centre_code, "centre_name": centre_name or p.centre_code,
                     "area_code": p.area_code} for p, centre_name in rows}


def candidate_number(session: Session, period_id: int, teacher_id: str) -> str | None:
    """The teacher's number in the period's public allocation records (None before their first
    application)."""
    return session.scalar(select(AllocationCandidate.number).where(
        AllocationCandidate.period_id == period_id, AllocationCandidate.teacher_id == teacher_id))


def teachers_by_number(session: Session, period_id: int) -> dict[str, str]:
    return dict(session.execute(select(AllocationCandidate.number, AllocationCandidate.teacher_id)
                                .where(AllocationCandidate.period_id == period_id)).all())


# -- teacher applications ------------------------------------------------------------------------
def application_of(session: Session, period_id: int, phase: str, teacher_id: str) -> TeacherApplication | None:
    return session.scalar(select(TeacherApplication).where(
        TeacherApplication.period_id == period_id, TeacherApplication.phase == phase,
        TeacherApplication.teacher_id == teacher_id))


def application_view(session: Session, period_id: int, phase: str, teacher_id: str, *, now: datetime) -> dict:
    period = get_period(session, period_id)
    phase = check_phase(phase)
    application = application_of(session, period_id, phase, teacher_id)
    if application is None:
        raise NotFound("Δεν έχετε υποβάλει αίτηση σε αυτή τη φάση.", slug="application-not-found")
    codes = [c.programme_code for c in application.choices]
    views = programme_views(session, codes)
    is_open = window_open(Action.applications(phase), period, now)
    return {
        "period_id": period_id, "phase": phase, "teacher_id": teacher_id,
        "candidate_number": candidate_number(session, period_id, teacher_id), "specialty": application.specialty,
        "phone": application.phone, "mobile": application.mobile, "id_card_number": application.id_card_number,
        "max_choices": period.max_choices,
        "programmes": [{"rank": i, **views[code]} for i, code in enumerate(codes, 1)],
        "updated_at": application.updated_at, "window_open": is_open,
        "read_only": not is_open or allocation_of(session, period_id, phase) is not None,
    }


def application_count(session: Session, period_id: int, phase: str) -> int:
    return session.scalar(select(func.count()).select_from(TeacherApplication).where(
        TeacherApplication.period_id == period_id, TeacherApplication.phase == phase))


# -- the allocation of a phase ---------------------------------------------------------------------
def allocation_input(session: Session, period: TrainingPeriod, phase: str) -> dict:
    """The input to freeze: the programmes and the phase's applications (phase B: with the seats
    of phase A)."""
    programmes = [{"code": code, "capacity": capacity} for code, capacity in session.execute(
        select(Programme.code, Programme.capacity).where(Programme.period_id == period.id))]
    # Applicants by candidate number: the input and result are published, login ids are not.
    choices: dict[str, list[str]] = {}
    for number, code in session.execute(
            select(AllocationCandidate.number, TeacherChoice.programme_code).select_from(TeacherApplication)
            .join(TeacherChoice, TeacherChoice.application_id == TeacherApplication.id)
            .join(AllocationCandidate, (AllocationCandidate.period_id == TeacherApplication.period_id)
                  & (AllocationCandidate.teacher_id == TeacherApplication.teacher_id))
            .where(TeacherApplication.period_id == period.id, TeacherApplication.phase == phase)
            .order_by(AllocationCandidate.number, TeacherChoice.rank)):
        choices.setdefault(number, []).append(code)
    return allocation_rules.build_input(
        programmes, [{"id": number, "choices": codes} for number, codes in choices.items()],
        existing_seats=phase_a_seats(session, period.id, by_number=True) if phase == Phase.B else None,
        minimum_participants=period.minimum_participants, max_choices=period.max_choices,
        meta={"period_id": period.id, "period_code": period.code, "phase": phase},
    )


def allocation_record(session: Session, period_id: int, phase: str) -> dict:
    phase = check_phase(phase)
    get_period(session, period_id)
    allocation = require_allocation(session, period_id, phase)
    return {"period_id": period_id, "phase": phase, **ALLOCATION.record(allocation)}


def allocation_summary(session: Session, period_id: int, phase: str) -> dict:
    """The procedure's state and its counts, from the tables (not from the stored documents,
    which at national scale are tens of megabytes)."""
    phase = check_phase(phase)
    period = get_period(session, period_id)
    allocation = require_allocation(session, period_id, phase)
    seated = to_be_implemented = None
    if allocation.status == DrawStatus.DRAWN:
        seated = session.scalar(select(func.count()).select_from(AllocationSeat).where(
            AllocationSeat.period_id == period_id, AllocationSeat.phase == phase))
        # Seats so far (phase B counts phase A's too), as the rule's "reaches the minimum".
        totals = (select(AllocationSeat.programme_code)
                  .where(AllocationSeat.period_id == period_id, AllocationSeat.phase <= phase)
                  .group_by(AllocationSeat.programme_code)
                  .having(func.count() >= period.minimum_participants).subquery())
        to_be_implemented = session.scalar(select(func.count()).select_from(totals))
    return {"period_id": period_id, "phase": phase, "status": allocation.status,
            "input_sha256": allocation.input_sha256, "applicants": allocation.applicants,
            "seed": allocation.seed, "seed_source": allocation.seed_source, "frozen_at": allocation.frozen_at,
            "seeded_at": allocation.seeded_at, "drawn_at": allocation.drawn_at,
            "seated": seated, "to_be_implemented": to_be_implemented}


def programme_lists(session: Session, period_id: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Programme code -> seat holders (seat order) and -> waitlisted teachers (position order),
    both phases."""
    seats: dict[str, list[str]] = {}
    for code, applicant in session.execute(
            select(AllocationSeat.programme_code, AllocationSeat.applicant_id)
            .where(AllocationSeat.period_id == period_id).order_by(AllocationSeat.programme_code,
                                                                   AllocationSeat.seat_order)):
        seats.setdefault(code, []).append(applicant)
    waits: dict[str, list[str]] = {}
    for code, applicant in session.execute(
            select(AllocationWaitlist.programme_code, AllocationWaitlist.applicant_id)
            .where(AllocationWaitlist.period_id == period_id).order_by(AllocationWaitlist.programme_code,
                                                                       AllocationWaitlist.position)):
        waits.setdefault(code, []).append(applicant)
    return seats, waits


# -- a teacher's result --------------------------------------------------------------------------
def my_allocation(session: Session, period_id: int, teacher_id: str) -> dict:
    get_period(session, period_id)
    phases_drawn = [phase for phase in PHASES if drawn(session, period_id, phase)]
    applied = session.scalars(select(TeacherApplication.phase).where(
        TeacherApplication.period_id == period_id, TeacherApplication.teacher_id == teacher_id)).all()
    seat = session.get(AllocationSeat, (period_id, teacher_id))
    waits = session.scalars(select(AllocationWaitlist).where(
        AllocationWaitlist.period_id == period_id, AllocationWaitlist.applicant_id == teacher_id)
        .order_by(AllocationWaitlist.phase, AllocationWaitlist.programme_code)).all()
    views = programme_views(session, [w.programme_code for w in waits] + ([seat.programme_code] if seat else []))
    if seat is not None:
        status = ResultStatus.SUCCESSFUL
    elif not applied:
        status = ResultStatus.NOT_APPLIED
    elif any(phase in phases_drawn for phase in applied):
        status = ResultStatus.WAITLISTED
    else:
        status = ResultStatus.PENDING
    return {
        "period_id": period_id, "phases_drawn": phases_drawn, "status": status,
        "candidate_number": candidate_number(session, period_id, teacher_id),
        "seat": {"programme": views[seat.programme_code], "phase": seat.phase, "choice": seat.choice,
                 "seat_order": seat.seat_order, "random_number": seat.random_number} if seat else None,
        "waitlists": [{"programme": views[w.programme_code], "phase": w.phase, "position": w.position}
                      for w in waits],
    }
