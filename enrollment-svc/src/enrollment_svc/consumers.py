"""Event handlers of enrollment-svc and the records of the events they read. The platform inbox runs
each in one transaction with the record of `(consumer, event id)`; the handlers are idempotent by
themselves as well (upserts keyed by the producer's ids; allocations behind a newer-than guard), so a
replay or a manual re-run is harmless too."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.db import conflict_aware_insert, upsert_from_event
from epimorfosi_platform.handlers import HandlerContext, handles
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from .candidates.models import Candidate
from .periods.models import TrainingPeriod
from .staff.models import Trainer
from .enrolment.seeding import AllocationLists, seed_from_allocation
from .programmes.models import Programme, ProgrammeAllocation


@event_record("applications.period.opened.v1")
class PeriodOpened:
    period_id: int
    code: str
    name: str
    enrolment_deadline: datetime
    offer_period_hours: int | None = None  # optional in the contract (docs/decisions.md)


@event_record("applications.programme.created.v1")
class ProgrammeCreated:
    """The columns of the `programme` read model, named as they are there."""

    code: str
    period_id: int
    period_code: str
    centre_code: str
    centre_name: str
    cluster_code: str
    cluster_name: str
    category: str
    category_name: str
    area_code: str
    capacity: int
    minimum_participants: int
    starts_on: date | None
    ends_on: date | None


@event_record("applications.allocation.published.v1")
class AllocationPublished:
    programme_code: str
    period_id: int
    centre_code: str
    capacity: int
    phase: str
    published_at: datetime  # the moment of the draw: orders the events of a programme
    to_be_implemented: bool
    successful: tuple[str, ...]
    waitlisted: tuple[str, ...]


@event_record("resources.trainer.changed.v1")
class TrainerChanged:
    trainer_id: int
    afm: str
    surname: str
    name: str
    specialty: str
    level: str
    cluster: str
    region: str
    active: bool
    version: int


@event_record("identity.user.profile_changed.v1")
class ProfileChanged:
    user_id: str
    first_name: str
    last_name: str
    father_name: str | None
    registry_number: str | None
    email: str
    changed_at: datetime


@event_record("applications.teacher_application.saved.v1")
class ApplicationSaved:
    teacher_id: str
    specialty: str
    phone: str | None
    mobile: str | None
    id_card_number: str | None
    saved_at: datetime


@handles(PeriodOpened)
def record_period_opened(ctx: HandlerContext, event: PeriodOpened) -> None:
    """applications.period.opened.v1 -> upsert the period's read-model row."""
    values = {**dataclasses.asdict(event), "received_at": ctx.clock.now(), "last_event_id": ctx.cause.id}
    upsert_from_event(ctx.session, TrainingPeriod.__table__, "period_id", values)


@handles(ProgrammeCreated)
def record_programme_created(ctx: HandlerContext, event: ProgrammeCreated) -> None:
    """applications.programme.created.v1 -> upsert the programme's read-model row, with the
    allocation columns copied from the programme's allocation row if an allocation came first."""
    _lock_allocation_row(ctx.session, event.code)
    allocation = ProgrammeAllocation.__table__.c
    values = {
        **dataclasses.asdict(event),
        "received_at": ctx.clock.now(),
        "last_event_id": ctx.cause.id,
        # Read after the lock above, so a concurrently committed allocation is seen.
        "to_be_implemented": _allocation_value(allocation.to_be_implemented, event.code),
        "allocation_phase": _allocation_value(allocation.phase, event.code),
    }
    upsert_from_event(ctx.session, Programme.__table__, "code", values)


@handles(AllocationPublished)
def record_allocation_published(ctx: HandlerContext, event: AllocationPublished) -> None:
    """applications.allocation.published.v1 -> the programme's enrolment entries (seated and
    waitlisted candidates, enrolment.seeding) and its `to_be_implemented` / `allocation_phase`.

    One event per programme and phase. A phase-B event is cumulative (phase-A seats then phase-B
    seats, phase-A waitlist then phase-B waitlist), so the newest event of a programme holds its
    whole state and replaces what an earlier one left. Which event is newer is decided by the
    database, in the guarded upsert of the programme's `programme_allocation` row:

    - newer = a later phase (B wins over A), or the same phase with a later `published_at`. That is
      the moment of the draw (data, set by applications-svc), not the envelope's `time` (when the
      event object was built): it orders draws, which is what the lists depend on. A phase is drawn
      once, so the same phase with the same `published_at` is the same draw: not newer.
    - `INSERT ... ON CONFLICT DO UPDATE ... WHERE newer RETURNING`: a row comes back only when this
      event was inserted or won the comparison. The upsert locks the row, so concurrent events of
      the same programme (two workers) are compared one after the other against the committed state.
    - Only then are the programme's entries merged with the event's lists, in the same transaction:
      what was done here (an enrolment, a withdrawal, a promotion) is kept, untouched entries follow
      the newest lists; an older or repeated event (a late phase A, a redelivery) changes nothing.

    The programme row may not exist yet (events arrive in any order): the candidates and the guard
    do not need it, and `record_programme_created` copies the allocation columns when it comes."""
    now = ctx.clock.now()  # one moment for every row the event changes
    if not _newer_allocation_recorded(ctx, event, now):
        return
    lists = AllocationLists(**{name: getattr(event, name) for name in AllocationLists.__dataclass_fields__})
    seed_from_allocation(ctx.session, lists, now=now, event_id=ctx.cause.id)
    ctx.session.execute(
        update(Programme).where(Programme.code == event.programme_code)
        .values(to_be_implemented=event.to_be_implemented, allocation_phase=event.phase)
        .execution_options(synchronize_session=False)
    )


def _newer_allocation_recorded(ctx: HandlerContext, event: AllocationPublished, now: datetime) -> bool:
    """The guarded upsert of the programme's `programme_allocation` row: True when this event was
    inserted or is newer than the allocation recorded (the row is then this event's)."""
    table = ProgrammeAllocation.__table__
    current = table.c
    values = {
        "phase": event.phase,
        "published_at": event.published_at,
        "to_be_implemented": event.to_be_implemented,
        "received_at": now,
        "last_event_id": ctx.cause.id,
    }
    upsert = conflict_aware_insert(ctx.session, table).values(programme_code=event.programme_code, **values)
    new = upsert.excluded
    newer = or_(
        current.phase.is_(None),  # the programme is known, no allocation yet
        new.phase > current.phase,  # 'B' > 'A'
        and_(new.phase == current.phase, new.published_at > current.published_at),
    )
    applied = ctx.session.execute(
        upsert.on_conflict_do_update(
            index_elements=[current.programme_code],
            set_={name: new[name] for name in values},
            where=newer,
        ).returning(current.programme_code)  # RETURNING, not rowcount (see the platform's inbox)
    ).first()
    return applied is not None


def _lock_allocation_row(session: Session, code: str) -> None:
    """Create (phase None) or lock the programme's allocation row until the transaction ends. A
    plain SELECT ... FOR UPDATE would not wait for a concurrent first insert of the row; an upsert
    does, so the two handlers of a programme never interleave."""
    upsert = conflict_aware_insert(session, ProgrammeAllocation.__table__).values(programme_code=code)
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=[ProgrammeAllocation.programme_code],
            set_={"programme_code": upsert.excluded.programme_code},  # no change; the lock is the point
        )
    )


def _allocation_value(column, code: str):
    return select(column).where(ProgrammeAllocation.programme_code == code).scalar_subquery()




@handles(TrainerChanged)
def record_trainer_changed(ctx: HandlerContext, event: TrainerChanged) -> None:
    """resources.trainer.changed.v1 -> the trainer's read-model row, only if the event's `version`
    is higher than the row's (events may arrive out of order; an older one changes nothing). The
    database compares, in the upsert (ON CONFLICT DO UPDATE ... WHERE newer)."""
    table = Trainer.__table__
    values = {**dataclasses.asdict(event), "received_at": ctx.clock.now(), "last_event_id": ctx.cause.id}
    upsert = conflict_aware_insert(ctx.session, table).values(**values)
    ctx.session.execute(upsert.on_conflict_do_update(
        index_elements=[table.c.trainer_id],
        set_={name: upsert.excluded[name] for name in values if name != "trainer_id"},
        where=upsert.excluded.version > table.c.version,
    ))


@handles(ProfileChanged)
def record_profile_changed(ctx: HandlerContext, event: ProfileChanged) -> None:
    """identity.user.profile_changed.v1 -> the profile columns of the teacher's candidate row."""
    _upsert_candidate(ctx, event.user_id, "profile", event.changed_at, {
        "surname": event.last_name, "name": event.first_name, "father_name": event.father_name,
        "registry_number": event.registry_number, "email": event.email})


@handles(ApplicationSaved)
def record_application_saved(ctx: HandlerContext, event: ApplicationSaved) -> None:
    """applications.teacher_application.saved.v1 -> the application columns of the teacher's
    candidate row (specialty, phone, mobile, id-card number)."""
    _upsert_candidate(ctx, event.teacher_id, "application", event.saved_at, {
        "specialty": event.specialty, "phone": event.phone, "mobile": event.mobile,
        "id_card_number": event.id_card_number})


def _upsert_candidate(ctx: HandlerContext, teacher_id: str, group: str, changed_at: datetime, values: dict) -> None:
    """One owner's group of columns of the candidate row, only if this change is newer than the
    group's last (`<group>_changed_at`); the other owner's columns are left as they are. The
    database compares, in the upsert (an older event arriving late, or a replay, changes nothing)."""
    table = Candidate.__table__
    at = table.c[f"{group}_changed_at"]
    values = {**values, at.name: changed_at, f"{group}_event_id": ctx.cause.id}
    upsert = conflict_aware_insert(ctx.session, table).values(teacher_id=teacher_id, **values)
    ctx.session.execute(upsert.on_conflict_do_update(
        index_elements=[table.c.teacher_id],
        set_={name: upsert.excluded[name] for name in values},
        where=or_(at.is_(None), upsert.excluded[at.name] > at),
    ))
