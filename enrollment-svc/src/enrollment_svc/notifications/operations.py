"""The notifier's use cases: one status change -> one e-mail, one offer -> one e-mail, queued in the
platform's mail outbox in the handler's transaction (the inbox's record of the event commits with
it, so a redelivered event already handled queues nothing; a mail server that is down delays the
mail, the worker retries it, and the event is not held back)."""
from __future__ import annotations

import logging
from datetime import datetime

from epimorfosi_platform.mail import Mail, MailOutbox
from sqlalchemy.orm import Session

from ..candidates.models import Candidate
from ..enrolment.rules import State
from ..lists.rules import labelled
from ..periods.models import TrainingPeriod
from ..programmes.models import Programme
from .messages import Change, Offer, offer_mail, status_mail

log = logging.getLogger(__name__)


def notify_status_change(session: Session, outbox: MailOutbox, web_url: str, *, programme_code: str, period_id: int,
                         teacher_id: str, state: str, waitlist_position: int | None, reason: str | None) -> bool:
    """Mail the teacher (True), or nothing when their e-mail is not known yet (False). A change to
    `offered` sends nothing: the offer's own event (notify_offer_made) mails it once, with its links."""
    if state == State.OFFERED.value:
        return False
    candidate = _candidate(session, teacher_id, programme_code)
    if candidate is None:
        return False
    label = _label(session, programme_code)
    period = session.get(TrainingPeriod, period_id)
    deadline: datetime | None = period.enrolment_deadline if period else None
    mail = status_mail(Change(name=_name(candidate),
                              programme_code=programme_code, programme_label=label, state=state,
                              waitlist_position=waitlist_position, reason=reason, enrolment_deadline=deadline,
                              web_url=web_url))
    if mail is None:
        return False
    outbox.queue(session, Mail(candidate.email, *mail))
    return True


def notify_offer_made(session: Session, outbox: MailOutbox, web_url: str, *, programme_code: str, teacher_id: str,
                      expires_at: datetime, decline_token: str) -> bool:
    """Mail the offered teacher the offer's deadline and its two links (True), or nothing when their
    e-mail is not known yet (False)."""
    candidate = _candidate(session, teacher_id, programme_code)
    if candidate is None:
        return False
    base = web_url.rstrip("/")
    mail = offer_mail(Offer(name=_name(candidate), programme_code=programme_code,
                            programme_label=_label(session, programme_code), expires_at=expires_at,
                            my_programmes_url=f"{base}/my-programmes" if base else "",
                            decline_url=f"{base}/offer-links/{decline_token}" if base else ""))
    outbox.queue(session, Mail(candidate.email, *mail))
    return True


def _candidate(session: Session, teacher_id: str, programme_code: str) -> Candidate | None:
    candidate = session.get(Candidate, teacher_id)
    if candidate is None or not candidate.email:
        log.warning("no e-mail known for a candidate of %s; mail not sent", programme_code)
        return None
    return candidate


def _name(candidate: Candidate) -> str:
    return " ".join(filter(None, (candidate.name, candidate.surname)))


def _label(session: Session, programme_code: str) -> str:
    """The programme's cluster and centre, as the lists print them ("" before its record arrives)."""
    programme = session.get(Programme, programme_code)
    return f"{labelled(programme.cluster_code, programme.cluster_name)}, {programme.centre_name}" if programme else ""
