"""Event handlers of documents-svc and the records of the events they read. Each handler runs inside
the platform Inbox transaction, so it is applied once per event id; `render_document` is also
idempotent on the event id by itself."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.handlers import HandlerContext, handles

from .context import DocumentsContext
from .documents import operations
from .forms.form_a2 import ClusterChoice, form_a2
from .forms.period_announcement import announcement


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
