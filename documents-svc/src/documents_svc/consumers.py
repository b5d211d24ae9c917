"""Event handlers of documents-svc and the records of the events they read. Each handler runs inside
the platform Inbox transaction, so it is applied once per event id; `render_document` is also
idempotent on the event id by itself."""
from __future__ import annotations

from datetime import date, datetime

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.handlers import HandlerContext, handles

from .context import DocumentsContext
from .documents import operations
from .forms.form_a2 import ClusterChoice, form_a2
from .forms.period_announcement import announcement
from .trainees import operations as trainees


@event_record("applications.period.opened.v1")
class PeriodOpened:
    period_id: int
    code: str
    name: str
    interest_opens_at: datetime
    interest_closes_at: datetime
    applications_a_opens_at: datetime
    applications_a_closes_at: datetime
    applications_b_opens_at: datetime
    applications_b_closes_at: datetime
    allocation_published_at: datetime
    enrolment_deadline: datetime


@event_record("applications.interest.submitted.v1")
class InterestSubmitted:
    period_code: str
    period_name: str
    centre_code: str
    centre_name: str
    directorate: str
    prefecture: str
    region: str
    clusters: tuple[ClusterChoice, ...]
    declarations: tuple[str, ...]
    declarations_accepted: bool
    submitted_at: datetime


@handles(PeriodOpened)
def on_period_opened(ctx: HandlerContext[DocumentsContext], event: PeriodOpened) -> None:
    """applications.period.opened.v1 → the period's public announcement with the call's dates."""
    operations.render_document(ctx, announcement(event))


@handles(InterestSubmitted)
def on_interest_submitted(ctx: HandlerContext[DocumentsContext], event: InterestSubmitted) -> None:
    """applications.interest.submitted.v1 → the centre's form A2, for the centre's folder."""
    operations.render_document(ctx, form_a2(event))


@event_record("identity.user.registered.v1")
class UserRegistered:
    user_id: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    centre_id: str | None


@event_record("applications.programme.created.v1")
class ProgrammeCreated:
    code: str
    period_code: str
    centre_code: str
    centre_name: str
    cluster_name: str
    category_name: str
    starts_on: date | None
    ends_on: date | None


@event_record("enrollment.trainee.enrolled.v1")
class TraineeEnrolled:
    programme_code: str
    teacher_id: str
    enrolled_at: datetime


@handles(UserRegistered)
def on_user_registered(ctx: HandlerContext[DocumentsContext], event: UserRegistered) -> None:
    """identity.user.registered.v1 → the person's printed name (trainees, centre heads)."""
    trainees.record_person(ctx.session, user_id=event.user_id, first_name=event.first_name,
                           last_name=event.last_name, roles=event.roles, centre_id=event.centre_id)


@handles(ProgrammeCreated)
def on_programme_created(ctx: HandlerContext[DocumentsContext], event: ProgrammeCreated) -> None:
    """applications.programme.created.v1 → the programme as a B4 prints it."""
    trainees.record_programme(ctx.session, code=event.code, period_code=event.period_code,
                              centre_code=event.centre_code, centre_name=event.centre_name,
                              cluster_name=event.cluster_name, category_name=event.category_name,
                              starts_on=event.starts_on, ends_on=event.ends_on)


@handles(TraineeEnrolled)
def on_trainee_enrolled(ctx: HandlerContext[DocumentsContext], event: TraineeEnrolled) -> None:
    """enrollment.trainee.enrolled.v1 → the trainee's B4, for the centre's folder."""
    trainees.issue_b4(ctx, programme_code=event.programme_code, teacher_id=event.teacher_id,
                      enrolled_at=event.enrolled_at)
