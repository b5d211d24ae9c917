"""State changes of applications-svc. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

import json
from datetime import datetime

from epimorfosi_platform import Problem
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.web import emit, emit_many, session
from flask import current_app
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import domain, draws
from .domain import PeriodWindows, window_errors
from .models import (
    AuditEntry,
    Centre,
    Cluster,
    DistributionRow,
    InterestChoice,
    InterestExpression,
    Lottery,
    Programme,
    ProgrammeCategory,
    Room,
    TrainingPeriod,
)
from .rules import lottery as lottery_rules
from .rules import rng
from .rules.canonical import canonical_text, loads
from .schemas import WINDOW_FIELDS


def now() -> datetime:
    return current_app.extensions["applications_clock"]()


def audit(principal: Principal, action: str, subject: str, details: dict, period_id: int | None = None) -> None:
    session.add(AuditEntry(occurred_at=now(), actor=principal.subject, action=action, period_id=period_id,
                           subject=subject, details=canonical_text(details)))


def get_period(period_id: int, *, lock: bool = False) -> TrainingPeriod:
    query = select(TrainingPeriod).where(TrainingPeriod.id == period_id)
    if lock:
        query = query.with_for_update()
    period = session.scalar(query)
    if period is None:
        raise Problem(404, detail="Η περίοδος δεν βρέθηκε.")
    return period


def require_window(action: str, period: TrainingPeriod) -> None:
    moment = now()
    reason = domain.window_for(action, period, moment).refusal(moment)
    if reason:
        raise Problem(409, slug="outside-window", detail=reason, action=action)


def lottery_of(period_id: int, *, lock: bool = False) -> Lottery | None:
    query = select(Lottery).where(Lottery.period_id == period_id)
    if lock:
        query = query.with_for_update()
    return session.scalar(query)


def refuse_if_frozen(period_id: int, what: str) -> None:
    if lottery_of(period_id) is not None:
        raise Problem(409, slug="lottery-frozen",
                      detail=f"{what}: τα δεδομένα της κλήρωσης έχουν «παγώσει»· δεν αλλάζουν πια.")


# -- periods -------------------------------------------------------------------------------------
def open_period(principal: Principal, values: dict) -> TrainingPeriod:
    windows = PeriodWindows(**{f: values[f] for f in WINDOW_FIELDS})
    errors = window_errors(windows)
    starts, ends = values.get("implementation_starts_on"), values.get("implementation_ends_on")
    if starts and ends and starts > ends:
        errors["implementation_ends_on"] = "Η λήξη υλοποίησης πρέπει να είναι μετά την έναρξη."
    if errors:
        raise Problem(422, detail="Οι ημερομηνίες της περιόδου δεν είναι στη σωστή σειρά.", errors=errors)
    if session.scalar(select(TrainingPeriod.id).where(TrainingPeriod.code == values["code"])) is not None:
        raise Problem(409, slug="period-exists", detail=f"Υπάρχει ήδη περίοδος με κωδικό {values['code']}.")
    period = TrainingPeriod(**values, created_by=principal.subject)
    session.add(period)
    session.flush()
    emit(
        "applications.period.opened.v1",
        subject=str(period.id),
        data={
            "period_id": period.id,
            "code": period.code,
            "name": period.name,
            **{f: getattr(period, f).isoformat() for f in WINDOW_FIELDS},
        },
    )
    return period


# -- catalogue -------------------------------------------------------------------------------------
def clusters_of_level(level: str) -> list[Cluster]:
    return list(session.scalars(select(Cluster).where(Cluster.level == level).order_by(Cluster.number)))


def cluster_names() -> dict[str, str]:
    return dict(session.execute(select(Cluster.code, Cluster.name)).all())


# -- geographic distribution -------------------------------------------------------------------
def import_distribution(principal: Principal, period_id: int, data: bytes) -> dict:
    period = get_period(period_id, lock=True)
    require_window("distribution", period)
    refuse_if_frozen(period_id, "Πίνακας γεωγραφικής κατανομής")
    allowed = {c.code for c in clusters_of_level(period.level)}
    rows, errors = domain.parse_distribution_csv(data, allowed)
    if errors:
        raise Problem(422, slug="invalid-distribution-file",
                      detail=f"Το αρχείο δεν εισήχθη ({len(errors)} σφάλματα· δεν άλλαξε τίποτα).", errors=errors)
    moment = now()
    session.execute(delete(DistributionRow).where(DistributionRow.period_id == period_id))
    session.execute(insert(DistributionRow), [
        {"period_id": period_id, "line": r.line, "area_code": r.area_code, "area_name": r.area_name,
         "category": r.category, "cluster_code": r.cluster, "programmes": r.programmes,
         "imported_by": principal.subject, "imported_at": moment}
        for r in rows
    ])
    audit(principal, "distribution.imported", f"period:{period_id}",
          {"rows": len(rows), "programmes": sum(r.programmes for r in rows)}, period_id)
    return distribution_view(period_id)


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


# -- read model ------------------------------------------------------------------------------------
def usable_rooms(centre_code: str) -> list[Room]:
    return list(session.scalars(
        select(Room).where(Room.centre_code == centre_code, Room.usable.is_(True)).order_by(Room.room_id)
    ))


def centre_view(code: str) -> dict:
    centre = session.get(Centre, code)
    if centre is None:
        raise Problem(404, detail=f"Το ΚΣΕ {code} δεν είναι γνωστό στην υπηρεσία.")
    rooms = session.scalars(select(Room).where(Room.centre_code == code).order_by(Room.room_id)).all()
    return {"code": centre.code, "name": centre.name, "directorate": centre.directorate,
            "prefecture": centre.prefecture, "region": centre.region, "rooms": rooms}


# -- expression of interest ------------------------------------------------------------------------
def _expression(period_id: int, centre_code: str) -> InterestExpression | None:
    return session.scalar(select(InterestExpression).where(
        InterestExpression.period_id == period_id, InterestExpression.centre_code == centre_code))


def interest_view(period_id: int, centre_code: str) -> dict:
    period = get_period(period_id)
    expression = _expression(period_id, centre_code)
    clusters = clusters_of_level(period.level)
    names = {c.code: c.name for c in clusters}
    chosen = [c.cluster_code for c in expression.choices] if expression else []
    accepted = bool(expression and expression.declarations_accepted)
    saved = bool(expression and expression.saved)
    submitted = bool(expression and expression.status == "submitted")
    moment = now()
    window_open = domain.window_for("interest", period, moment).is_open(moment)
    blockers = [] if submitted else domain.submission_refusals(
        chosen=chosen, required=period.required_clusters, declarations_accepted=accepted, saved=saved,
        usable_rooms=len(usable_rooms(centre_code)))
    if not submitted and not window_open:
        blockers.insert(0, domain.window_for("interest", period, moment).refusal(moment))
    random_number = None
    if submitted:
        lottery = lottery_of(period_id)
        if lottery is not None and lottery.result_json:
            for row in loads(lottery.result_json)["centres"]:
                if row["centre"] == centre_code:
                    random_number = row["random_number"]
    return {
        "period_id": period_id,
        "centre_code": centre_code,
        "status": expression.status if expression else "draft",
        "read_only": submitted or not window_open,
        "required_clusters": period.required_clusters,
        "available": [{"code": c.code, "name": c.name} for c in clusters if c.code not in chosen],
        "chosen": [{"rank": i, "code": code, "name": names.get(code, "")} for i, code in enumerate(chosen, 1)],
        "declarations": list(domain.DECLARATIONS),
        "declarations_accepted": accepted,
        "saved": saved,
        "saved_at": expression.saved_at if expression else None,
        "can_submit": not submitted and not blockers,
        "submit_blockers": blockers,
        "submitted_at": expression.submitted_at if expression else None,
        "random_number": random_number,
        "window_open": window_open,
    }


def _editable(principal: Principal, period_id: int, centre_code: str) -> tuple[TrainingPeriod, InterestExpression]:
    """The centre's draft, claimed for this transaction. The first statement is a conditional UPDATE
    on the draft (a row lock on PostgreSQL): once «Οριστική υποβολή» committed, it matches nothing."""
    period = get_period(period_id)
    require_window("interest", period)
    refuse_if_frozen(period_id, "Εκδήλωση ενδιαφέροντος")
    moment = now()
    expression = _expression(period_id, centre_code)
    if expression is None:
        expression = InterestExpression(period_id=period_id, centre_code=centre_code, status="draft", version=0,
                                        declarations_accepted=False, saved=False,
                                        updated_by=principal.subject, updated_at=moment)
        try:
            with session.begin_nested():  # a concurrent first change of the same centre may win
                session.add(expression)
        except IntegrityError:
            expression = _expression(period_id, centre_code)
    claimed = session.execute(
        update(InterestExpression)
        .where(InterestExpression.id == expression.id, InterestExpression.status == "draft")
        .values(version=InterestExpression.version + 1, updated_by=principal.subject, updated_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise Problem(409, slug="interest-submitted",
                      detail="Η αίτηση έχει υποβληθεί οριστικά· οι επιλογές δεν αλλάζουν πια.")
    session.refresh(expression)
    return period, expression


def _store_choices(expression: InterestExpression, chosen: list[str]) -> None:
    session.execute(delete(InterestChoice).where(InterestChoice.expression_id == expression.id))
    if chosen:
        session.execute(insert(InterestChoice), [
            {"expression_id": expression.id, "rank": i, "cluster_code": code} for i, code in enumerate(chosen, 1)])
    session.expire(expression, ["choices"])


def change_choices(principal: Principal, period_id: int, centre_code: str, change) -> dict:
    """Apply `change(chosen, allowed) -> new chosen` (a pure function of domain) to the draft list."""
    period, expression = _editable(principal, period_id, centre_code)
    allowed = [c.code for c in clusters_of_level(period.level)]
    chosen = [c.cluster_code for c in expression.choices]
    try:
        new = change(chosen, allowed)
    except domain.ChoiceError as exc:
        raise Problem(422, slug="invalid-choice", detail=str(exc))
    if new != chosen:
        _store_choices(expression, new)
        expression.saved = False  # «Καταχώριση επιλογών» is needed again
    session.flush()
    return interest_view(period_id, centre_code)


def set_declarations(principal: Principal, period_id: int, centre_code: str, accepted: bool) -> dict:
    _, expression = _editable(principal, period_id, centre_code)
    expression.declarations_accepted = accepted
    expression.declarations_accepted_at = now() if accepted else None
    if not accepted:
        expression.saved = False
    session.flush()
    return interest_view(period_id, centre_code)


def save_choices(principal: Principal, period_id: int, centre_code: str,
                 clusters: list[str] | None = None, declarations_accepted: bool | None = None) -> dict:
    """«Καταχώριση επιλογών»: only with the declarations accepted («Συμφωνώ»). With `clusters`, the
    whole ordered list is replaced first (a client that keeps the two lists locally)."""
    period, expression = _editable(principal, period_id, centre_code)
    if declarations_accepted is not None:
        expression.declarations_accepted = declarations_accepted
        expression.declarations_accepted_at = now() if declarations_accepted else None
    if not expression.declarations_accepted:
        raise Problem(422, slug="declarations-not-accepted",
                      detail="Για την «Καταχώριση επιλογών» πρέπει πρώτα να αποδεχθείτε τις δηλώσεις («Συμφωνώ»).")
    if clusters is not None:
        allowed = [c.code for c in clusters_of_level(period.level)]
        try:
            new = domain.replace_choices(clusters, allowed)
        except domain.ChoiceError as exc:
            raise Problem(422, slug="invalid-choice", detail=str(exc))
        _store_choices(expression, new)
    expression.saved = True
    expression.saved_at = now()
    session.flush()
    return interest_view(period_id, centre_code)


def submit_interest(principal: Principal, period_id: int, centre_code: str) -> dict:
    """«Οριστική υποβολή» («Ναι»). Safe against a double submission: the database decides through
    the conditional UPDATE ... WHERE status = 'draft' (exactly one caller changes the row)."""
    period = get_period(period_id)
    require_window("interest", period)
    refuse_if_frozen(period_id, "Εκδήλωση ενδιαφέροντος")
    expression = _expression(period_id, centre_code)
    if expression is not None and expression.status == "submitted":
        raise Problem(409, slug="interest-submitted", detail="Η αίτηση έχει ήδη υποβληθεί οριστικά.")
    centre = session.get(Centre, centre_code)
    if centre is None:
        raise Problem(409, slug="centre-unknown",
                      detail=f"Το ΚΣΕ {centre_code} δεν είναι ακόμη γνωστό στην υπηρεσία· δοκιμάστε ξανά σε λίγο.")
    chosen = [c.cluster_code for c in expression.choices] if expression else []
    blockers = domain.submission_refusals(
        chosen=chosen, required=period.required_clusters,
        declarations_accepted=bool(expression and expression.declarations_accepted),
        saved=bool(expression and expression.saved), usable_rooms=len(usable_rooms(centre_code)))
    if blockers:
        raise Problem(422, slug="interest-incomplete", detail=" ".join(blockers), errors=blockers)
    moment = now()
    changed = session.execute(
        update(InterestExpression)
        .where(InterestExpression.id == expression.id, InterestExpression.status == "draft",
               InterestExpression.version == expression.version, InterestExpression.saved.is_(True))
        .values(status="submitted", submitted_at=moment, submitted_by=principal.subject,
                version=InterestExpression.version + 1, updated_by=principal.subject, updated_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Problem(409, slug="interest-submitted",
                      detail="Η αίτηση άλλαξε ή υποβλήθηκε οριστικά ταυτόχρονα από άλλη σύνδεση.")
    session.refresh(expression)
    names = cluster_names()
    emit("applications.interest.submitted.v1", subject=f"{period_id}:{centre_code}", data={
        "period_id": period.id,
        "period_code": period.code,
        "period_name": period.name,
        "centre_code": centre.code,
        "centre_name": centre.name,
        "directorate": centre.directorate,
        "prefecture": centre.prefecture,
        "region": centre.region,
        "clusters": [{"rank": i, "code": code, "name": names[code]} for i, code in enumerate(chosen, 1)],
        "declarations": list(domain.DECLARATIONS),
        "declarations_accepted": True,
        "submitted_at": moment.isoformat(),
        "submitted_by": principal.subject,
    })
    audit(principal, "interest.submitted", f"{period_id}:{centre_code}", {"clusters": chosen}, period_id)
    return interest_view(period_id, centre_code)


# -- programme lottery ---------------------------------------------------------------------------
def _require_lottery(period_id: int, lock: bool = False) -> Lottery:
    return draws.require(lottery_of(period_id, lock=lock), draws.LOTTERY)


def build_lottery_input(period: TrainingPeriod) -> dict:
    distribution = [
        {"area": area, "category": category, "cluster": cluster, "programmes": programmes}
        for area, category, cluster, programmes in session.execute(
            select(DistributionRow.area_code, DistributionRow.category, DistributionRow.cluster_code,
                   DistributionRow.programmes).where(DistributionRow.period_id == period.id))
    ]
    capacities = {code: capacity for code, capacity in session.execute(
        select(Room.centre_code, func.max(Room.capacity)).where(Room.usable.is_(True)).group_by(Room.centre_code))}
    centres = {c.code: c for c in session.scalars(
        select(Centre).join(InterestExpression, InterestExpression.centre_code == Centre.code)
        .where(InterestExpression.period_id == period.id, InterestExpression.status == "submitted"))}
    choices: dict[str, list[str]] = {}
    for centre_code, cluster in session.execute(
            select(InterestExpression.centre_code, InterestChoice.cluster_code)
            .join(InterestChoice, InterestChoice.expression_id == InterestExpression.id)
            .where(InterestExpression.period_id == period.id, InterestExpression.status == "submitted")
            .order_by(InterestExpression.centre_code, InterestChoice.rank)):
        choices.setdefault(centre_code, []).append(cluster)
    expressions = [
        {"centre": code, "clusters": clusters, "prefecture": centres[code].prefecture,
         "region": centres[code].region, "certified_room": code in capacities,
         "capacity": int(capacities.get(code, 0)),
         # Staff are not in this service's read model yet (resources-svc publishes no staff events);
         # every centre with a final expression of interest is taken to have staff.
         "has_staff": True}
        for code, clusters in choices.items() if code in centres
    ]
    return lottery_rules.build_input(
        period.code, distribution, expressions,
        max_programmes_per_centre=period.max_programmes_per_centre,
        max_programmes_per_centre_per_cell=period.max_programmes_per_centre_per_cell,
        meta={"period_id": period.id, "period_name": period.name, "level": period.level,
              "required_clusters": period.required_clusters},
    )


def freeze_lottery(principal: Principal, period_id: int) -> Lottery:
    period = get_period(period_id, lock=True)  # serialises freeze with imports and other freezes
    require_window("lottery", period)
    draws.refuse_second_freeze(lottery_of(period_id), draws.LOTTERY)
    if session.scalar(select(func.count()).select_from(DistributionRow)
                      .where(DistributionRow.period_id == period_id)) == 0:
        raise Problem(409, slug="no-distribution",
                      detail="Δεν έχει εισαχθεί πίνακας γεωγραφικής κατανομής για την περίοδο.")
    frozen = build_lottery_input(period)
    lottery = Lottery(period_id=period_id, rules_version=lottery_rules.RULES_VERSION)
    digest = draws.freeze(lottery, frozen, principal, now())
    audit(principal, "lottery.frozen", f"period:{period_id}",
          {"input_sha256": digest, "expressions": len(frozen["expressions"]),
           "distribution_rows": len(frozen["distribution"]), "rules_version": lottery_rules.RULES_VERSION},
          period_id)
    session.flush()
    return lottery


def record_seed(principal: Principal, period_id: int, seed: str, source: str) -> Lottery:
    get_period(period_id)
    lottery = _require_lottery(period_id, lock=True)
    draws.record_seed(lottery, draws.LOTTERY, principal, seed, source, now())
    audit(principal, "lottery.seeded", f"period:{period_id}",
          {"seed": seed, "source": source, "input_sha256": lottery.input_sha256}, period_id)
    return lottery


def draw_lottery(principal: Principal, period_id: int) -> Lottery:
    period = get_period(period_id)
    require_window("lottery", period)
    lottery = _require_lottery(period_id, lock=True)
    moment = now()
    result = lottery_rules.draw(draws.start_draw(lottery, draws.LOTTERY, principal, moment), lottery.seed)
    published = result.to_dict()
    result_sha256 = draws.store_result(lottery, published)

    centres = {c.code: c for c in session.scalars(
        select(Centre).where(Centre.code.in_({a.centre for a in result.assignments})))} if result.assignments else {}
    names = cluster_names()
    categories = dict(session.execute(select(ProgrammeCategory.code, ProgrammeCategory.name)).all())
    if result.assignments:
        session.execute(insert(Programme), [
            {"code": a.programme, "period_id": period_id, "centre_code": a.centre, "cluster_code": a.cluster,
             "category": a.category, "area_code": a.area, "capacity": a.capacity, "preference_rank": a.rank,
             "starts_on": period.implementation_starts_on, "ends_on": period.implementation_ends_on,
             "created_at": moment}
            for a in result.assignments])
    emit("applications.lottery.drawn.v1", subject=str(period_id), data={
        "period_id": period_id,
        "period_code": period.code,
        "input_sha256": lottery.input_sha256,
        "seed": lottery.seed,
        "seed_source": lottery.seed_source,
        "algorithm": published["algorithm"],
        "rules_version": published["rules_version"],
        "drawn_at": moment.isoformat(),
        "programmes": len(result.assignments),
        "centres": [{"centre_code": row["centre"], "random_number": row["random_number"],
                     "eligible": row["eligible"], "programmes": row["programmes"]} for row in published["centres"]],
    })
    def created(a):
        centre = centres.get(a.centre)
        return a.programme, {
            "code": a.programme,
            "period_id": period_id,
            "period_code": period.code,
            "centre_code": a.centre,
            "centre_name": centre.name if centre else a.centre,
            "cluster_code": a.cluster,
            "cluster_name": names.get(a.cluster, a.cluster),
            "category": a.category,
            "category_name": categories.get(a.category, a.category),
            "area_code": a.area,
            "capacity": a.capacity,
            "minimum_participants": period.minimum_participants,
            "starts_on": period.implementation_starts_on.isoformat() if period.implementation_starts_on else None,
            "ends_on": period.implementation_ends_on.isoformat() if period.implementation_ends_on else None,
        }
    emit_many("applications.programme.created.v1", map(created, result.assignments))
    audit(principal, "lottery.drawn", f"period:{period_id}",
          {"input_sha256": lottery.input_sha256, "seed": lottery.seed, "algorithm": published["algorithm"],
           "result_sha256": result_sha256, "programmes": len(result.assignments)}, period_id)
    return lottery


def lottery_record(period_id: int) -> dict:
    get_period(period_id)
    lottery = _require_lottery(period_id)
    return {
        "period_id": period_id,
        **draws.record(lottery, lottery_rules.KIND, rng.ALGORITHM_VERSION),
        "programmes_created": _programme_count(period_id),
    }


def _programme_count(period_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Programme).where(Programme.period_id == period_id))


def lottery_summary(period_id: int) -> dict:
    get_period(period_id)
    lottery = _require_lottery(period_id)
    return {"period_id": period_id, "status": lottery.status, "input_sha256": lottery.input_sha256,
            "seed": lottery.seed, "seed_source": lottery.seed_source, "frozen_at": lottery.frozen_at,
            "seeded_at": lottery.seeded_at, "drawn_at": lottery.drawn_at,
            "programmes_created": _programme_count(period_id)}


def centre_lottery_results(centre_code: str, period_id: int | None = None) -> list[dict]:
    query = select(Lottery, TrainingPeriod).join(TrainingPeriod, TrainingPeriod.id == Lottery.period_id) \
        .where(Lottery.status == "drawn").order_by(TrainingPeriod.id.desc())
    if period_id is not None:
        query = query.where(Lottery.period_id == period_id)
    names = cluster_names()
    categories = dict(session.execute(select(ProgrammeCategory.code, ProgrammeCategory.name)).all())
    out = []
    for lottery, period in session.execute(query).all():
        row = next((c for c in json.loads(lottery.result_json)["centres"] if c["centre"] == centre_code), None)
        programmes = session.scalars(select(Programme).where(
            Programme.period_id == period.id, Programme.centre_code == centre_code).order_by(Programme.code)).all()
        out.append({
            "period_id": period.id, "period_name": period.name, "drawn_at": lottery.drawn_at,
            "took_part": row is not None,
            "eligible": row["eligible"] if row else None,
            "random_number": row["random_number"] if row else None,
            "selected": bool(programmes),
            "programmes": [{"code": p.code, "cluster": p.cluster_code, "cluster_name": names.get(p.cluster_code, ""),
                            "category": p.category, "category_name": categories.get(p.category, ""),
                            "area_code": p.area_code, "capacity": p.capacity, "preference_rank": p.preference_rank,
                            "starts_on": p.starts_on, "ends_on": p.ends_on} for p in programmes],
        })
    return out


def audit_entries(period_id: int) -> list[dict]:
    get_period(period_id)
    rows = session.scalars(select(AuditEntry).where(AuditEntry.period_id == period_id).order_by(AuditEntry.id))
    return [{"occurred_at": r.occurred_at, "actor": r.actor, "action": r.action, "subject": r.subject,
             "details": json.loads(r.details)} for r in rows]
