"""Teacher applications (phases A and B), their allocation (freeze -> seed -> draw, like the lottery),
the teachers' results and the programme lists K2/K3. Same transaction rules as `operations`."""
from __future__ import annotations

from epimorfosi_platform import Problem
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import conflict_aware_insert, insert_rows
from epimorfosi_platform.web import emit_many, session
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import domain, draws
from .models import (
    Allocation,
    AllocationCandidate,
    AllocationSeat,
    AllocationWaitlist,
    Centre,
    ClusterSpecialty,
    Programme,
    ProgrammeCategory,
    TeacherApplication,
    TeacherChoice,
    TrainingPeriod,
)
from .operations import audit, cluster_names, get_period, now, require_window
from .rules import allocation as allocation_rules
from .rules import rng

PHASES = ("A", "B")


def check_phase(phase: str) -> str:
    if phase not in PHASES:
        raise Problem(404, detail="Άγνωστη φάση (A ή B).")
    return phase


def allocation_of(period_id: int, phase: str, *, lock: bool = False) -> Allocation | None:
    query = select(Allocation).where(Allocation.period_id == period_id, Allocation.phase == phase)
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def _drawn(period_id: int, phase: str) -> bool:
    allocation = allocation_of(period_id, phase)
    return allocation is not None and allocation.status == "drawn"


def _phase_a_seats(period_id: int, *, by_number: bool = False) -> dict[str, list[str]]:
    """Programme code -> phase-A seat holders (teacher ids, or candidate numbers) in seat order."""
    holder = AllocationCandidate.number if by_number else AllocationSeat.applicant_id
    out: dict[str, list[str]] = {}
    for code, applicant in session.execute(
            select(AllocationSeat.programme_code, holder).select_from(AllocationSeat)
            .join(AllocationCandidate, (AllocationCandidate.period_id == AllocationSeat.period_id)
                  & (AllocationCandidate.teacher_id == AllocationSeat.applicant_id))
            .where(AllocationSeat.period_id == period_id, AllocationSeat.phase == "A")
            .order_by(AllocationSeat.programme_code, AllocationSeat.seat_order)):
        out.setdefault(code, []).append(applicant)
    return out


def _programme_views(codes: list[str]) -> dict[str, dict]:
    if not codes:
        return {}
    names = cluster_names()
    rows = session.execute(
        select(Programme, Centre.name).outerjoin(Centre, Centre.code == Programme.centre_code)
        .where(Programme.code.in_(codes))).all()
    return {p.code: {"code": p.code, "cluster": p.cluster_code, "cluster_name": names.get(p.cluster_code, ""),
                     "category": p.category, "centre_code": p.centre_code, "centre_name": centre_name or p.centre_code,
                     "area_code": p.area_code} for p, centre_name in rows}


# -- candidate numbers ---------------------------------------------------------------------------
def candidate_number(period_id: int, teacher_id: str, *, create: bool = False) -> str | None:
    """The teacher's number in the period's public allocation records; ``create`` gives one if
    there is none yet. The database decides: a concurrent first save, or the (practically
    impossible) draw of a number already taken, just leaves no new row and we look again."""
    query = select(AllocationCandidate.number).where(AllocationCandidate.period_id == period_id,
                                                     AllocationCandidate.teacher_id == teacher_id)
    number = session.scalar(query)
    for _ in range(5 if create and number is None else 0):
        session.execute(conflict_aware_insert(session, AllocationCandidate.__table__).values(
            period_id=period_id, teacher_id=teacher_id, number=domain.new_candidate_number(),
            created_at=now()).on_conflict_do_nothing())
        number = session.scalar(query)
        if number is not None:
            break
    return number


def _teachers_by_number(period_id: int) -> dict[str, str]:
    return dict(session.execute(select(AllocationCandidate.number, AllocationCandidate.teacher_id)
                                .where(AllocationCandidate.period_id == period_id)).all())


# -- teacher applications ------------------------------------------------------------------------
def _application(period_id: int, phase: str, teacher_id: str) -> TeacherApplication | None:
    return session.scalar(select(TeacherApplication).where(
        TeacherApplication.period_id == period_id, TeacherApplication.phase == phase,
        TeacherApplication.teacher_id == teacher_id))


def application_view(period_id: int, phase: str, teacher_id: str) -> dict:
    period = get_period(period_id)
    check_phase(phase)
    application = _application(period_id, phase, teacher_id)
    if application is None:
        raise Problem(404, slug="application-not-found", detail="Δεν έχετε υποβάλει αίτηση σε αυτή τη φάση.")
    codes = [c.programme_code for c in application.choices]
    views = _programme_views(codes)
    moment = now()
    window_open = domain.window_for(f"applications_{phase.lower()}", period, moment).is_open(moment)
    return {
        "period_id": period_id, "phase": phase, "teacher_id": teacher_id,
        "candidate_number": candidate_number(period_id, teacher_id), "specialty": application.specialty,
        "max_choices": period.max_choices,
        "programmes": [{"rank": i, **views[code]} for i, code in enumerate(codes, 1)],
        "updated_at": application.updated_at, "window_open": window_open,
        "read_only": not window_open or allocation_of(period_id, phase) is not None,
    }


def save_application(principal: Principal, period_id: int, phase: str, specialty: str,
                     programmes: list[str]) -> dict:
    """Replace the teacher's ranked list (allowed until the phase's window closes)."""
    check_phase(phase)
    period = get_period(period_id)
    require_window(f"applications_{phase.lower()}", period)
    if allocation_of(period_id, phase) is not None:
        raise Problem(409, slug="allocation-frozen",
                      detail="Τα δεδομένα της κατανομής έχουν «παγώσει»· η αίτηση δεν αλλάζει πια.")
    specialty = specialty.strip().upper()
    clusters = set(session.scalars(select(ClusterSpecialty.cluster_code)
                                   .where(ClusterSpecialty.specialty_code == specialty)))
    if not clusters:
        raise Problem(422, slug="unknown-specialty",
                      detail=f"Η ειδικότητα «{specialty}» δεν ανήκει σε καμία συστάδα του καταλόγου.")
    errors = []
    if len(programmes) > period.max_choices:
        errors.append(f"Μπορείτε να δηλώσετε έως {period.max_choices} προγράμματα· δηλώσατε {len(programmes)}.")
    duplicates = sorted({c for c in programmes if programmes.count(c) > 1})
    if duplicates:
        errors.append(f"Κάθε πρόγραμμα δηλώνεται μία φορά ({', '.join(duplicates)}).")
    found = {p.code: p for p in session.scalars(select(Programme).where(
        Programme.period_id == period_id, Programme.code.in_(set(programmes))))}
    unknown = [c for c in programmes if c not in found]
    if unknown:
        errors.append(f"Τα προγράμματα {', '.join(unknown)} δεν υπάρχουν στην περίοδο.")
    wrong = [c for c in programmes if c in found and found[c].cluster_code not in clusters]
    if wrong:
        errors.append(f"Τα προγράμματα {', '.join(wrong)} δεν ανήκουν σε συστάδα της ειδικότητάς σας ({specialty}).")
    if phase == "B":
        if not _drawn(period_id, "A"):
            raise Problem(409, slug="phase-a-not-allocated",
                          detail="Η κατανομή της Α' φάσης δεν έχει ολοκληρωθεί ακόμη· δοκιμάστε αργότερα.")
        if session.get(AllocationSeat, (period_id, principal.subject)) is not None:
            raise Problem(409, slug="holds-phase-a-seat",
                          detail="Έχετε ήδη θέση σε πρόγραμμα από την Α' φάση· δεν συμμετέχετε στη Β' φάση.")
        taken = _phase_a_seats(period_id)
        full = [c for c in programmes if c in found and len(taken.get(c, ())) >= found[c].capacity]
        if full:
            errors.append(f"Τα προγράμματα {', '.join(full)} δεν έχουν κενές θέσεις μετά την Α' φάση.")
    if errors:
        raise Problem(422, slug="invalid-application", detail=" ".join(errors), errors=errors)

    moment = now()
    candidate_number(period_id, principal.subject, create=True)
    application = _application(period_id, phase, principal.subject)
    if application is None:
        application = TeacherApplication(period_id=period_id, phase=phase, teacher_id=principal.subject,
                                         specialty=specialty, version=1, created_at=moment, updated_at=moment)
        try:
            with session.begin_nested():  # a concurrent first save of the same teacher may win
                session.add(application)
        except IntegrityError:
            application = _application(period_id, phase, principal.subject)
    session.execute(
        update(TeacherApplication).where(TeacherApplication.id == application.id)
        .values(specialty=specialty, version=TeacherApplication.version + 1, updated_at=moment)
        .execution_options(synchronize_session=False))
    session.execute(delete(TeacherChoice).where(TeacherChoice.application_id == application.id))
    session.execute(insert(TeacherChoice), [
        {"application_id": application.id, "rank": i, "programme_code": code} for i, code in enumerate(programmes, 1)])
    session.flush()
    session.expire(application)
    return application_view(period_id, phase, principal.subject)


# -- allocation: freeze -> seed -> draw ----------------------------------------------------------
def _require_allocation(period_id: int, phase: str, lock: bool = False) -> Allocation:
    return draws.require(allocation_of(period_id, phase, lock=lock), draws.ALLOCATION)


def build_allocation_input(period: TrainingPeriod, phase: str) -> dict:
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
        existing_seats=_phase_a_seats(period.id, by_number=True) if phase == "B" else None,
        minimum_participants=period.minimum_participants, max_choices=period.max_choices,
        meta={"period_id": period.id, "period_code": period.code, "phase": phase},
    )


def freeze_allocation(principal: Principal, period_id: int, phase: str) -> Allocation:
    check_phase(phase)
    period = get_period(period_id, lock=True)
    require_window(f"allocation_{phase.lower()}", period)
    draws.refuse_second_freeze(allocation_of(period_id, phase), draws.ALLOCATION)
    if phase == "B" and not _drawn(period_id, "A"):
        raise Problem(409, slug="phase-a-not-allocated", detail="Πρώτα ολοκληρώνεται η κατανομή της Α' φάσης.")
    if session.scalar(select(func.count()).select_from(Programme).where(Programme.period_id == period_id)) == 0:
        raise Problem(409, slug="no-programmes", detail="Δεν υπάρχουν προγράμματα (η κλήρωση δεν έχει διενεργηθεί).")
    frozen = build_allocation_input(period, phase)
    applications = session.scalar(select(func.count()).select_from(TeacherApplication).where(
        TeacherApplication.period_id == period_id, TeacherApplication.phase == phase))
    if applications != len(frozen["applicants"]):  # each application has a number and a choice
        raise Problem(500, detail="Αιτήσεις χωρίς αριθμό υποψηφίου· η κατανομή δεν μπορεί να «παγώσει».")
    try:
        allocation_rules.prepare_input(frozen)  # refuse an input the rule would not accept, now
    except allocation_rules.InvalidAllocationInput as exc:
        raise Problem(409, slug="invalid-allocation-input", detail=f"Τα δεδομένα δεν γίνονται δεκτά: {exc}")
    allocation = Allocation(period_id=period_id, phase=phase, rules_version=allocation_rules.RULES_VERSION,
                            applicants=len(frozen["applicants"]))
    digest = draws.freeze(allocation, frozen, principal, now())
    audit(principal, "allocation.frozen", f"period:{period_id}:{phase}",
          {"phase": phase, "input_sha256": digest, "applicants": len(frozen["applicants"]),
           "programmes": len(frozen["programmes"]), "rules_version": allocation_rules.RULES_VERSION}, period_id)
    session.flush()
    return allocation


def record_allocation_seed(principal: Principal, period_id: int, phase: str, seed: str, source: str) -> Allocation:
    check_phase(phase)
    get_period(period_id)
    allocation = _require_allocation(period_id, phase, lock=True)
    draws.record_seed(allocation, draws.ALLOCATION, principal, seed, source, now())
    audit(principal, "allocation.seeded", f"period:{period_id}:{phase}",
          {"phase": phase, "seed": seed, "source": source, "input_sha256": allocation.input_sha256}, period_id)
    return allocation


def draw_allocation(principal: Principal, period_id: int, phase: str) -> Allocation:
    check_phase(phase)
    period = get_period(period_id)
    require_window(f"allocation_{phase.lower()}", period)
    allocation = _require_allocation(period_id, phase, lock=True)
    moment = now()
    frozen = draws.start_draw(allocation, draws.ALLOCATION, principal, moment)
    published = allocation_rules.draw(frozen, allocation.seed).to_dict()
    result_sha256 = draws.store_result(allocation, published)

    # Seats and waitlists: phase-B entries come after the phase-A ones of the same programme.
    seat_base = dict(session.execute(
        select(AllocationSeat.programme_code, func.count()).where(AllocationSeat.period_id == period_id)
        .group_by(AllocationSeat.programme_code)).all())
    wait_base = dict(session.execute(
        select(AllocationWaitlist.programme_code, func.count()).where(AllocationWaitlist.period_id == period_id)
        .group_by(AllocationWaitlist.programme_code)).all())
    applicants = {a["id"]: a for a in published["applicants"]}
    teacher = _teachers_by_number(period_id)
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
    insert_rows(session, AllocationSeat, seats)  # (period, applicant) is the key: one seat each
    insert_rows(session, AllocationWaitlist, waits)

    all_seats: dict[str, list[str]] = {}
    for code, applicant in session.execute(
            select(AllocationSeat.programme_code, AllocationSeat.applicant_id)
            .where(AllocationSeat.period_id == period_id).order_by(AllocationSeat.programme_code,
                                                                   AllocationSeat.seat_order)):
        all_seats.setdefault(code, []).append(applicant)
    all_waits: dict[str, list[str]] = {}
    for code, applicant in session.execute(
            select(AllocationWaitlist.programme_code, AllocationWaitlist.applicant_id)
            .where(AllocationWaitlist.period_id == period_id).order_by(AllocationWaitlist.programme_code,
                                                                       AllocationWaitlist.position)):
        all_waits.setdefault(code, []).append(applicant)
    to_be_implemented = set(published["to_be_implemented"])
    programmes = session.scalars(select(Programme).where(Programme.period_id == period_id)
                                 .order_by(Programme.code)).all()
    emit_many("applications.allocation.published.v1", ((p.code, {
            "period_id": period_id,
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
    audit(principal, "allocation.drawn", f"period:{period_id}:{phase}",
          {"phase": phase, "input_sha256": allocation.input_sha256, "seed": allocation.seed,
           "algorithm": published["algorithm"], "result_sha256": result_sha256,
           "seated": len(seats), "waitlist_entries": len(waits),
           "to_be_implemented": len(to_be_implemented)}, period_id)
    return allocation


def allocation_record(period_id: int, phase: str) -> dict:
    check_phase(phase)
    get_period(period_id)
    allocation = _require_allocation(period_id, phase)
    return {"period_id": period_id, "phase": phase,
            **draws.record(allocation, allocation_rules.KIND, rng.ALGORITHM_VERSION)}


def allocation_summary(period_id: int, phase: str) -> dict:
    """The procedure's state and its counts, from the tables (not from the stored documents,
    which at national scale are tens of megabytes)."""
    check_phase(phase)
    period = get_period(period_id)
    allocation = _require_allocation(period_id, phase)
    seated = to_be_implemented = None
    if allocation.status == "drawn":
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


# -- a teacher's result --------------------------------------------------------------------------
def my_allocation(period_id: int, teacher_id: str) -> dict:
    get_period(period_id)
    drawn = [phase for phase in PHASES if _drawn(period_id, phase)]
    applied = session.scalars(select(TeacherApplication.phase).where(
        TeacherApplication.period_id == period_id, TeacherApplication.teacher_id == teacher_id)).all()
    seat = session.get(AllocationSeat, (period_id, teacher_id))
    waits = session.scalars(select(AllocationWaitlist).where(
        AllocationWaitlist.period_id == period_id, AllocationWaitlist.applicant_id == teacher_id)
        .order_by(AllocationWaitlist.phase, AllocationWaitlist.programme_code)).all()
    views = _programme_views([w.programme_code for w in waits] + ([seat.programme_code] if seat else []))
    if seat is not None:
        status = "successful"
    elif not applied:
        status = "not-applied"
    elif any(phase in drawn for phase in applied):
        status = "waitlisted"
    else:
        status = "pending"
    return {
        "period_id": period_id, "phases_drawn": drawn, "status": status,
        "candidate_number": candidate_number(period_id, teacher_id),
        "seat": {"programme": views[seat.programme_code], "phase": seat.phase, "choice": seat.choice,
                 "seat_order": seat.seat_order, "random_number": seat.random_number} if seat else None,
        "waitlists": [{"programme": views[w.programme_code], "phase": w.phase, "position": w.position}
                      for w in waits],
    }


# -- K2 / K3 -----------------------------------------------------------------------------------
def programme_statement(period_id: int, query: dict):
    get_period(period_id)
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
        allocated = select(Allocation.id).where(Allocation.period_id == period_id, Allocation.status == "drawn")
        if query["to_be_implemented"]:
            statement = statement.where(allocated.exists(), seated >= minimum)
        else:
            statement = statement.where(~(allocated.exists() & (seated >= minimum)))
    return statement


def programme_rows(period_id: int, programmes: list[Programme]) -> list[dict]:
    period = get_period(period_id)
    allocated = any(_drawn(period_id, phase) for phase in PHASES)
    codes = [p.code for p in programmes]
    seated = dict(session.execute(select(AllocationSeat.programme_code, func.count())
                                  .where(AllocationSeat.programme_code.in_(codes))
                                  .group_by(AllocationSeat.programme_code)).all()) if codes else {}
    waiting = dict(session.execute(select(AllocationWaitlist.programme_code, func.count())
                                   .where(AllocationWaitlist.programme_code.in_(codes))
                                   .group_by(AllocationWaitlist.programme_code)).all()) if codes else {}
    names = cluster_names()
    categories = dict(session.execute(select(ProgrammeCategory.code, ProgrammeCategory.name)).all())
    centres = dict(session.execute(select(Centre.code, Centre.name)
                                   .where(Centre.code.in_({p.centre_code for p in programmes}))).all())
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
