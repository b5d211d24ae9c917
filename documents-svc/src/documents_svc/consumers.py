"""Event handlers of documents-svc and the records of the events they read. Each handler runs inside
the platform Inbox transaction, so it is applied once per event id; `render_document` is also
idempotent on the event id by itself."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.handlers import HandlerContext, handles

from . import operations
from .config import DocumentsContext
from .domain import (
    FORM_A2,
    PERIOD_ANNOUNCEMENT,
    ClusterChoice,
    format_athens,
    form_a2_subject,
    form_a2_title,
    period_announcement_title,
    period_schedule,
    ranked_clusters,
)


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
    operations.render_document(
        ctx,
        kind=PERIOD_ANNOUNCEMENT,
        subject=str(event.period_id),
        title=period_announcement_title(event.name),
        template="period_announcement.html.j2",
        values={"period": event, "schedule": period_schedule(event)},
    )


@handles(InterestSubmitted)
def on_interest_submitted(ctx: HandlerContext[DocumentsContext], event: InterestSubmitted) -> None:
    """applications.interest.submitted.v1 → the centre's form A2 (application / declaration of the
    expression of interest), to be printed, signed, stamped and kept in the centre's folder. Only the
    centre's people and central administrators may read it (Document.owner_centre)."""
    operations.render_document(
        ctx,
        kind=FORM_A2,
        subject=form_a2_subject(event.centre_code, event.period_code),
        title=form_a2_title(event.centre_code, event.centre_name, event.period_name),
        template="form_a2.html.j2",
        values={
            "interest": event,
            "clusters": ranked_clusters(event.clusters),
            "submitted_at": format_athens(event.submitted_at),
        },
        owner_centre=event.centre_code,
    )
