"""Reads of the lists: one statement per list, filtered and paged in the database; the rows are
dicts named as documents-svc's list forms name their columns (rules.py)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..candidates.models import Candidate
from ..enrolment.models import EnrolmentEntry, EnrolmentProgramme
from ..enrolment.rules import State
from ..programmes.models import CandidateStatus, Programme
from ..staff.queries import staff_texts
from .rules import K4, K5, K6, OUTCOME, STATE_LABELS, ListKind, implementation_period, labelled, programme_type


@dataclass(frozen=True)
class Filters:
    """The manual's columns a list is filtered on (None: any)."""

    centre: str | None = None
    period_id: int | None = None
    code: str | None = None  # part of the programme's code
    cluster: str | None = None  # a cluster code, B1.4
    category: str | None = None  # the programme type, IIa / IIb


def final_programmes(statement):
    """K6's programmes: the final ones. Until a final-approval flag exists, those approved to be
    implemented (the join with enrolment_programme already requires it); a final approval or a
    cancellation adds its condition here, and K6 follows."""
    return statement


def _counts():
    entry = EnrolmentEntry
    return (select(entry.programme_code,
                   func.sum(case((entry.allocated_as == CandidateStatus.SUCCESSFUL.value, 1), else_=0)).label("successful"),
                   func.sum(case((entry.allocated_as == CandidateStatus.WAITLISTED.value, 1), else_=0)).label("reserves"))
            .group_by(entry.programme_code).subquery())


def _page(session: Session, statement, first: int | None, size: int | None):
    count = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    if size is not None:
        statement = statement.offset(first or 0).limit(size)
    return count, session.execute(statement).all()


def programme_rows(session: Session, kind: ListKind, filters: Filters, *, first: int | None = None,
                   size: int | None = None) -> tuple[int, list[dict]]:
    """K3 or K6: (how many match, the rows from `first`, `size` of them; None: all)."""
    counts = _counts()
    statement = (select(Programme, EnrolmentProgramme.capacity, EnrolmentProgramme.enrolled,
                        counts.c.successful, counts.c.reserves)
                 .join(EnrolmentProgramme, EnrolmentProgramme.programme_code == Programme.code)
                 .outerjoin(counts, counts.c.programme_code == Programme.code)
                 .where(EnrolmentProgramme.to_be_implemented.is_(True)))
    if kind is K6:
        statement = final_programmes(statement)
    statement = _filtered(statement, filters).order_by(Programme.period_id.desc(), Programme.centre_code,
                                                        Programme.cluster_code, Programme.code)
    count, found = _page(session, statement, first, size)
    staff = staff_texts(session, [row[0].code for row in found])
    return count, [{**heading(p), "centre_code": p.centre_code, "capacity": capacity,
                    "implementation_period": implementation_period(p.starts_on, p.ends_on),
                    "staff": staff.get(p.code, ""), "successful": int(successful or 0),
                    "reserves": int(reserves or 0), "enrolled": enrolled}
                   for p, capacity, enrolled, successful, reserves in found]


def _filtered(statement, filters: Filters):
    if filters.centre:
        statement = statement.where(Programme.centre_code == filters.centre)
    if filters.period_id:
        statement = statement.where(Programme.period_id == filters.period_id)
    if filters.code:
        statement = statement.where(Programme.code.contains(filters.code, autoescape=True))
    if filters.cluster:
        statement = statement.where(Programme.cluster_code == filters.cluster)
    if filters.category:
        statement = statement.where(Programme.category == filters.category)
    return statement


def heading(programme: Programme) -> dict:
    """What K4 and K5 print above the rows (and K3/K6 per row)."""
    return {"programme_code": programme.code, "period_id": programme.period_id, "period_code": programme.period_code,
            "programme_type": programme_type(programme.category, programme.category_name),
            "centre_name": programme.centre_name, "cluster": labelled(programme.cluster_code, programme.cluster_name)}


def candidate_rows(session: Session, kind: ListKind, code: str, *, contacts: bool, first: int | None = None,
                   size: int | None = None) -> tuple[int, list[dict]]:
    """K4 (successful in seat order, then waitlisted in strict order) or K5 (the enrolled, in the
    same order) of one programme; the contact keys only when `contacts`."""
    entry = EnrolmentEntry
    statement = (select(entry, Candidate).outerjoin(Candidate, Candidate.teacher_id == entry.teacher_id)
                 .where(entry.programme_code == code)
                 .order_by(entry.allocated_as, entry.position, entry.teacher_id))
    if kind is K5:
        statement = statement.where(entry.state == State.ENROLLED.value)
    count, found = _page(session, statement, first, size)
    return count, [_candidate_row(kind, e, c, contacts) for e, c in found]


def _candidate_row(kind: ListKind, entry: EnrolmentEntry, candidate: Candidate | None, contacts: bool) -> dict:
    known = candidate or Candidate()
    row = {"teacher_id": entry.teacher_id, "surname": known.surname, "name": known.name,
           "registry_number": known.registry_number, "specialty": known.specialty}
    if contacts:
        row.update(phone=known.phone, mobile=known.mobile, email=known.email)
    if kind is K4:
        row.update(outcome=OUTCOME[entry.allocated_as], position=entry.position, state=entry.state,
                   status=STATE_LABELS[State(entry.state)])
    return row
