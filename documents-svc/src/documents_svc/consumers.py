"""Event handlers of documents-svc. Each runs inside the platform Inbox transaction, so it is applied
once per event id; `render_document` is also idempotent on the event id by itself."""
from __future__ import annotations

from epimorfosi_platform.events import Event
from sqlalchemy.orm import Session

from . import operations
from .domain import (
    FORM_A2,
    PERIOD_ANNOUNCEMENT,
    format_athens,
    form_a2_subject,
    form_a2_title,
    period_announcement_title,
    period_schedule,
    ranked_clusters,
)


def on_period_opened(session: Session, event: Event) -> None:
    """applications.period.opened.v1 → the period's public announcement with the call's dates."""
    data = event.data
    operations.render_document(
        session,
        kind=PERIOD_ANNOUNCEMENT,
        subject=str(data["period_id"]),
        title=period_announcement_title(data["name"]),
        template="period_announcement.html.j2",
        values={
            "period_name": data["name"],
            "period_code": data["code"],
            "schedule": period_schedule(data),
        },
        cause=event,
    )


def on_interest_submitted(session: Session, event: Event) -> None:
    """applications.interest.submitted.v1 → the centre's form A2 (application / declaration of the
    expression of interest), to be printed, signed, stamped and kept in the centre's folder. Only the
    centre's people and central administrators may read it (Document.owner_centre)."""
    data = event.data
    operations.render_document(
        session,
        kind=FORM_A2,
        subject=form_a2_subject(data["centre_code"], data["period_code"]),
        title=form_a2_title(data["centre_code"], data["centre_name"], data["period_name"]),
        template="form_a2.html.j2",
        values={
            "period_name": data["period_name"],
            "period_code": data["period_code"],
            "centre_code": data["centre_code"],
            "centre_name": data["centre_name"],
            "directorate": data["directorate"],
            "prefecture": data["prefecture"],
            "region": data["region"],
            "clusters": ranked_clusters(data["clusters"]),
            "declarations": list(data["declarations"]),
            "declarations_accepted": bool(data["declarations_accepted"]),
            "submitted_at": format_athens(data["submitted_at"]),
        },
        cause=event,
        owner_centre=data["centre_code"],
    )
