"""Use cases of the enrolment slice. Every one starts by locking the programme's enrolment row with a
guarded UPDATE that also checks the period's deadline (changes.lock_open_programme): changes of one
programme run one after the other, and none lands after the deadline. State changes are guarded
UPDATEs (changes.transition), the seat count is CHECKed against the capacity, and one enrolment per
period is a unique index (models.py): the database decides. Every freed seat goes through
promotion.fill_vacancies."""
from __future__ import annotations

import hashlib
from datetime import datetime

from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit_many
from sqlalchemy import insert
from sqlalchemy.orm import Session

from .changes import count_enrolled, entries_of, lock_open_programme, transition
from .models import EnrolmentEntry, EnrolmentProgramme, WithdrawalDeclaration
from .promotion import fill_vacancies
from .rules import Action, State, declaration_problem

ENROLLED = "enrollment.trainee.enrolled.v1"


def enrol(session: Session, actor: str, code: str, teacher_ids: list[str], *, now: datetime) -> list[EnrolmentEntry]:
    """«Καταχώριση»: the chosen candidates (successful or promoted) become enrolled, all or nothing.
    Refused if any is not a candidate who may enrol, if the seats are full, or if one is already
    enrolled in another programme of the period."""
    programme = lock_open_programme(session, code, now)
    wanted = sorted(set(teacher_ids))
    changed = transition(session, programme, wanted, Action.ENROL, actor=actor, now=now)
    if len(changed) != len(wanted):
        raise Conflict("Δεν μπορούν να εγγραφούν όλοι οι επιλεγμένοι: εγγράφονται μόνο επιτυχόντες "
                       "(ή επιλαχόντες που πήραν θέση) που δεν έχουν ήδη εγγραφεί ή αποχωρήσει.",
                       slug="not-enrollable", teacher_ids=sorted(set(wanted) - set(changed)))
    count_enrolled(session, code, len(changed))
    emit_many(session, ENROLLED, [(f"{code}/{t}", _enrolled_data(programme, t, actor, now)) for t in wanted])
    return entries_of(session, code, wanted)


def withdraw(session: Session, actor: str, code: str, teacher_id: str, *, filename: str, content: bytes,
             content_type: str | None, now: datetime) -> EnrolmentEntry:
    """A successful, promoted or enrolled candidate gives the seat up, with the signed declaration
    uploaded (a PDF, rules.declaration_problem); the seat is offered to the waitlist (fill_vacancies)."""
    problem = declaration_problem(content, content_type)
    if problem:
        raise Invalid(problem, slug="invalid-declaration", errors={"file": [problem]})
    programme = lock_open_programme(session, code, now)
    changed = transition(session, programme, [teacher_id], Action.WITHDRAW, actor=actor, now=now)
    if not changed:
        raise Conflict("Αποχώρηση δηλώνεται μόνο για επιτυχόντα ή εγγεγραμμένο/η υποψήφιο/α.", slug="not-withdrawable")
    if changed[teacher_id] == State.ENROLLED:
        count_enrolled(session, code, -1)
    session.execute(insert(WithdrawalDeclaration).values(
        programme_code=code, teacher_id=teacher_id, filename=filename[:200] or "declaration.pdf", size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content, uploaded_by=actor, uploaded_at=now))
    fill_vacancies(session, programme, actor=actor, now=now)
    return entries_of(session, code, [teacher_id])[0]


def skip(session: Session, actor: str, code: str, teacher_id: str, *, reason: str, now: datetime) -> list[EnrolmentEntry]:
    """A central admin passes an offered or promoted candidate over (reason recorded): they go back
    to the waitlist, keeping their position, and this seat is offered to the next waitlisted in order."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Η παράκαμψη επιλαχόντα χρειάζεται αιτιολογία.", errors={"reason": ["Υποχρεωτικό πεδίο."]})
    programme = lock_open_programme(session, code, now)
    if not transition(session, programme, [teacher_id], Action.SKIP, actor=actor, now=now, reason=reason):
        raise Conflict("Παρακάμπτεται μόνο επιλαχών/ούσα στον/στην οποίο/α προσφέρθηκε θέση και δεν έχει εγγραφεί.", slug="not-skippable")
    promoted = fill_vacancies(session, programme, actor=actor, now=now, passed_over={teacher_id})
    return entries_of(session, code, [teacher_id, *promoted])


def _enrolled_data(programme: EnrolmentProgramme, teacher_id: str, actor: str, now: datetime) -> dict:
    return {"programme_code": programme.programme_code, "period_id": programme.period_id,
            "centre_code": programme.centre_code, "teacher_id": teacher_id,
            "enrolled_at": now.isoformat(), "enrolled_by": actor}
