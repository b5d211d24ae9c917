"""The notifier's event handlers and the records of the events they read (its own events: the
consumed schemas are byte-identical copies in events/consumed/). The platform inbox runs each once
per event: a redelivery of a handled event sends no second mail."""
from __future__ import annotations

import dataclasses
from datetime import datetime

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.handlers import HandlerContext, handles

from .operations import notify_offer_made, notify_status_change


@event_record("enrollment.candidate.status_changed.v1")
class StatusChanged:
    programme_code: str
    period_id: int
    teacher_id: str
    state: str
    waitlist_position: int | None
    reason: str | None


@event_record("enrollment.offer.made.v1")
class OfferMade:
    programme_code: str
    period_id: int
    centre_code: str
    teacher_id: str
    waitlist_position: int
    offered_at: datetime
    expires_at: datetime
    decline_token: str


@handles(StatusChanged)
def mail_status_changed(ctx: HandlerContext, event: StatusChanged) -> None:
    """enrollment.candidate.status_changed.v1 -> one e-mail to the teacher (a change to `offered`
    excepted: the offer's own event mails it, with its deadline and links).
    `enrollment.trainee.enrolled.v1` needs no mail of its own: every enrolment is also a status
    change to `enrolled`, mailed here."""
    notify_status_change(ctx.session, ctx.service.mail, ctx.service.web_url, **dataclasses.asdict(event))


@handles(OfferMade)
def mail_offer_made(ctx: HandlerContext, event: OfferMade) -> None:
    """enrollment.offer.made.v1 -> the offered teacher's e-mail: the offer's deadline, the link to
    «Τα προγράμματά μου» (accept or decline) and the one-click decline link of its token."""
    notify_offer_made(ctx.session, ctx.service.mail, ctx.service.web_url, programme_code=event.programme_code,
                      teacher_id=event.teacher_id, expires_at=event.expires_at, decline_token=event.decline_token)
