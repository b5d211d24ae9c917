"""Use cases of the allocation slice: a teacher's application, and the allocation of a phase,
freeze -> seed -> draw (``draws.procedure.ALLOCATION``). The draw writes the seats and waitlists
and announces every programme's lists in the same transaction."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import conflict_aware_insert, insert_rows
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit, emit_many
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..audit import audit
from ..draws.procedure import ALLOCATION
from ..lottery.models import Programme
from ..periods.models import TrainingPeriod
from ..periods.queries import get_period, require_window, specialty_clusters
from ..periods.windows import Action
from ..rules import allocation as allocation_rules
from . import candidates
from .models import (
    Allocation, AllocationCandidate, AllocationSeat, AllocationWaitlist, Phase, TeacherApplication, TeacherChoice,
)
from .queries import (
    allocation_input, allocation_of, application_count, application_of, application_view, candidate_number,
    check_phase, drawn, phase_a_seats, programme_lists, require_allocation, teachers_by_number,
)


def give_candidate_number(session: Session, period_id: int, teacher_id: str, *, now: datetime) -> str | None:
    """The teacher's number in the period's public allocation records, given now if there is
    none yet. The database decides: a concurrent first save, or the (practically impossible)
    draw of a number already taken, just leaves no new row and we look again."""
    number = candidate_number(session, period_id, teacher_id)
    for _ in range(5 if number is None else 0):
        session.execute(conflict_aware_insert(session, AllocationCandidate.__table__).values(
            period_id=period_id, teacher_id=teacher_id, number=candidates.new_candidate_number(),
            created_at=now).on_conflict_do_nothing())
        number = candidate_number(session, period_id, teacher_id)
        if number is not None:
            break
    return number


# -- teacher applications ------------------------------------------------------------------------
CONTACT_FIELDS = ("phone", "mobile", "id_card_number")
APPLICATION_SAVED = "applications.teacher_application.saved.v1"


def save_application(session: Session, principal: Principal, period_id: int, phase: str, specialty: str,
                     programmes: list[str], *, contact: dict | None = None, now: datetime) -> dict:
    """Replace the teacher's ranked list and contact data (allowed until the phase's window closes);
    `applications.teacher_application.saved.v1` tells enrollment-svc the specialty and contact data."""
    phase = check_phase(phase)
    period = get_period(session, period_id)
    require_window(Action.applications(phase), period, now)
    if allocation_of(session, period_id, phase) is not None:
        raise Conflict("Τα δεδομένα της κατανομής έχουν «παγώσει»· η αίτηση δεν αλλάζει πια.", slug="allocation-frozen")
    specialty = specialty.strip().upper()
    clusters = specialty_clusters(session, specialty)
    if not clusters:
        raise Invalid(f"Η ειδικότητα «{specialty}» δεν ανήκει σε καμία συστάδα του καταλόγου.",
                      slug="unknown-specialty")
    found = {p.code: p for p in session.scalars(select(Programme).where(
        Programme.period_id == period_id, Programme.code.in_(set(programmes))))}
    errors = _list_errors(period, programmes, found, clusters, specialty)
    if phase == Phase.B:
        errors += _phase_b_errors(session, period_id, principal.subject, programmes, found)
    if errors:
        raise Invalid(" ".join(errors), slug="invalid-application", errors=errors)
    contact = {key: ((contact or {}).get(key) or "").strip() or None for key in CONTACT_FIELDS}
    _store_application(session, period_id, phase, principal.subject, specialty, programmes, contact, now)
    emit(session, APPLICATION_SAVED, f"{period_id}/{phase}/{principal.subject}", {
        "period_id": period_id, "phase": phase.value, "teacher_id": principal.subject, "specialty": specialty,
        **contact, "saved_at": now.isoformat()})
    return application_view(session, period_id, phase, principal.subject, now=now)


def _list_errors(period: TrainingPeriod, programmes: list[str], found: dict[str, Programme],
                 clusters: set[str], specialty: str) -> list[str]:
    """What is wrong with the ranked list itself (Greek, one sentence each)."""
    errors = []
    if len(programmes) > period.max_choices:
        errors.append(f"Μπορείτε να δηλώσετε έως {period.max_choices} προγράμματα· δηλώσατε {len(programmes)}.")
    duplicates = sorted({c for c in programmes if programmes.count(c) > 1})
    if duplicates:
        errors.append(f"Κάθε πρόγραμμα δηλώνεται μία φορά ({', '.join(duplicates)}).")
    unknown = [c for c in programmes if c not in found]
    if unknown:
        errors.append(f"Τα προγράμματα {', '.join(unknown)} δεν υπάρχουν στην περίοδο.")
    wrong = [c for c in programmes if c in found and found[c].cluster_code not in clusters]
    if wrong:
        errors.append(f"Τα προγράμματα {', '.join(wrong)} δεν ανήκουν σε συστάδα της ειδικότητάς σας ({specialty}).")
    return errors


def _phase_b_errors(session: Session, period_id: int, teacher_id: str, programmes: list[str],
                    found: dict[str, Programme]) -> list[str]:
    """Phase B: after phase A's allocation, for teachers without a seat, in programmes with free seats."""
    if not drawn(session, period_id, Phase.A):
        raise Conflict("Η κατανομή της Α' φάσης δεν έχει ολοκληρωθεί ακόμη· δοκιμάστε αργότερα.",
                       slug="phase-a-not-allocated")
    if session.get(AllocationSeat, (period_id, teacher_id)) is not None:
        raise Conflict("Έχετε ήδη θέση σε πρόγραμμα από την Α' φάση· δεν συμμετέχετε στη Β' φάση.",
                       slug="holds-phase-a-seat")
    taken = phase_a_seats(session, period_id)
    full = [c for c in programmes if c in found and len(taken.get(c, ())) >= found[c].capacity]
    return [f"Τα προγράμματα {', '.join(full)} δεν έχουν κενές θέσεις μετά την Α' φάση."] if full else []


def _store_application(session: Session, period_id: int, phase: Phase, teacher_id: str, specialty: str,
                       programmes: list[str], contact: dict, moment: datetime) -> None:
    give_candidate_number(session, period_id, teacher_id, now=moment)
    application = application_of(session, period_id, phase, teacher_id)
    if application is None:
        application = TeacherApplication(period_id=period_id, phase=phase, teacher_id=teacher_id,
                                         specialty=specialty, version=1, created_at=moment, updated_at=moment)
        try:
            with session.begin_nested():  # a concurrent first save of the same teacher may win
                session.add(application)
        except IntegrityError:
            application = application_of(session, period_id, phase, teacher_id)
    session.execute(
        update(TeacherApplication).where(TeacherApplication.id == application.id)
        .values(specialty=specialty, **contact, version=TeacherApplication.version + 1, updated_at=moment)
        .execution_options(synchronize_session=False))
    session.execute(delete(TeacherChoice).where(TeacherChoice.application_id == application.id))
    session.execute(insert(TeacherChoice), [
        {"application_id": application.id, "rank": i, "programme_code": code} for i, code in enumerate(programmes, 1)])
    session.flush()
    session.expire(application)


# -- allocation: freeze -> seed -> draw ----------------------------------------------------------
def freeze_allocation(session: Session, principal: Principal, period_id: int, phase: str, *,
                      now: datetime) -> Allocation:
    phase = check_phase(phase)
    period = get_period(session, period_id, lock=True)
    require_window(Action.allocation(phase), period, now)
    ALLOCATION.refuse_second_freeze(allocation_of(session, period_id, phase))
    if phase == Phase.B and not drawn(session, period_id, Phase.A):
        raise Conflict("Πρώτα ολοκληρώνεται η κατανομή της Α' φάσης.", slug="phase-a-not-allocated")
    if session.scalar(select(func.count()).select_from(Programme).where(Programme.period_id == period_id)) == 0:
        raise Conflict("Δεν υπάρχουν προγράμματα (η κλήρωση δεν έχει διενεργηθεί).", slug="no-programmes")
    frozen = allocation_input(session, period, phase)
    if application_count(session, period_id, phase) != len(frozen["applicants"]):
        # Every application is given its number in its own transaction: a broken invariant, not a user's error.
        raise RuntimeError(f"period {period_id} phase {phase}: applications without a candidate number")
    try:
        allocation_rules.prepare_input(frozen)  # refuse an input the rule would not accept, now
    except allocation_rules.InvalidAllocationInput as exc:
        raise Conflict(f"Τα δεδομένα δεν γίνονται δεκτά: {exc}", slug="invalid-allocation-input") from exc
    allocation = Allocation(period_id=period_id, phase=phase, rules_version=allocation_rules.RULES_VERSION,
                            applicants=len(frozen["applicants"]))
    digest = ALLOCATION.freeze(session, allocation, frozen, principal, now)
    audit(session, principal, "allocation.frozen", f"period:{period_id}:{phase}",
          {"phase": phase, "input_sha256": digest, "applicants": len(frozen["applicants"]),
           "programmes": len(frozen["programmes"]), "rules_version": allocation_rules.RULES_VERSION}, period_id,
          now=now)
    session.flush()
    return allocation


def record_allocation_seed(session: Session, principal: Principal, period_id: int, phase: str, seed: str,
                           source: str, *, now: datetime) -> Allocation:
    phase = check_phase(phase)
    get_period(session, period_id)
    allocation = require_allocation(session, period_id, phase, lock=True)
    ALLOCATION.seed(session, allocation, principal, seed, source, now)
    audit(session, principal, "allocation.seeded", f"period:{period_id}:{phase}",
          {"phase": phase, "seed": seed, "source": source, "input_sha256": allocation.input_sha256}, period_id,
          now=now)
    return allocation


def draw_allocation(session: Session, principal: Principal, period_id: int, phase: str, *,
                    now: datetime) -> Allocation:
    phase = check_phase(phase)
    period = get_period(session, period_id)
    require_window(Action.allocation(phase), period, now)
    allocation = require_allocation(session, period_id, phase, lock=True)
    frozen = ALLOCATION.draw(session, allocation, principal, now)
    published = allocation_rules.draw(frozen, allocation.seed).to_dict()
    result_sha256 = ALLOCATION.publish(session, allocation, published)
    seats, waits = _seats_and_waitlists(session, period_id, phase, published)
    insert_rows(session, AllocationSeat, seats)  # (period, applicant) is the key: one seat each
    insert_rows(session, AllocationWaitlist, waits)
    to_be_implemented = set(published["to_be_implemented"])
    _announce(session, period, phase, allocation, to_be_implemented, now)
    audit(session, principal, "allocation.drawn", f"period:{period_id}:{phase}",
          {"phase": phase, "input_sha256": allocation.input_sha256, "seed": allocation.seed,
           "algorithm": published["algorithm"], "result_sha256": result_sha256,
           "seated": len(seats), "waitlist_entries": len(waits),
           "to_be_implemented": len(to_be_implemented)}, period_id, now=now)
    return allocation


def _seats_and_waitlists(session: Session, period_id: int, phase: Phase,
                         published: dict) -> tuple[list[dict], list[dict]]:
    """The rows of the drawn result, by teacher id: phase-B entries come after the phase-A ones
    of the same programme."""
    seat_base = dict(session.execute(
        select(AllocationSeat.programme_code, func.count()).where(AllocationSeat.period_id == period_id)
        .group_by(AllocationSeat.programme_code)).all())
    wait_base = dict(session.execute(
        select(AllocationWaitlist.programme_code, func.count()).where(AllocationWaitlist.period_id == period_id)
        .group_by(AllocationWaitlist.programme_code)).all())
    applicants = {a["id"]: a for a in published["applicants"]}
    teacher = teachers_by_number(session, period_id)
    seats, waits = [], []
    for row in published["programmes"]:
        code = row["code"]
        for i, number in enumerate(row["seated"], seat_base.get(code, 0) + 1):
            seats.append({"period_id": period_id, "applicant_id": teacher[number], "programme_code": code,
                          "phase": phase, "seat_order": i, "choice": applicants[number]["choice"],
                          "random_number": applicants[number]["random_number"]})
        base = wait_base.get(code, 0)
        for entry in row["waitlist"]:
            waits.append({"programme_code": code, "applicant_id": teacher[entry["applicant"]], "period_id": period_id,
                          "phase": phase, "position": base + entry["position"]})
    return seats, waits


def _announce(session: Session, period: TrainingPeriod, phase: Phase, allocation: Allocation,
              to_be_implemented: set[str], moment: datetime) -> None:
    """One applications.allocation.published.v1 per programme, with its lists so far (both phases)."""
    all_seats, all_waits = programme_lists(session, period.id)
    programmes = session.scalars(select(Programme).where(Programme.period_id == period.id)
                                 .order_by(Programme.code)).all()
    emit_many(session, "applications.allocation.published.v1", ((p.code, {
            "period_id": period.id,
            "period_code": period.code,
            "phase": phase,
            "programme_code": p.code,
            "centre_code": p.centre_code,
            "capacity": p.capacity,
            "minimum_participants": period.minimum_participants,
            "to_be_implemented": p.code in to_be_implemented,
            "successful": all_seats.get(p.code, []),
            "waitlisted": all_waits.get(p.code, []),
            "input_sha256": allocation.input_sha256,
            "published_at": moment.isoformat(),
        }) for p in programmes))
