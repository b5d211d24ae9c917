"""The notifier's use case: one status change -> one e-mail, sent now (an SMTP failure raises, so
the event is rolled back and delivered again; the inbox's record of the event commits with the
handling, so a redelivered event already handled sends nothing)."""
from __future__ import annotations

import logging
from datetime import datetime

from epimorfosi_platform.mail import Mail, Mailer
from sqlalchemy.orm import Session

from ..candidates.models import Candidate
from ..lists.rules import labelled
from ..periods.models import TrainingPeriod
from ..programmes.models import Programme
from .messages import Change, status_mail

log = logging.getLogger(__name__)


def notify_status_change(session: Session, mailer: Mailer, web_url: str, *, programme_code: str, period_id: int,
                         teacher_id: str, state: str, waitlist_position: int | None, reason: str | None) -> bool:
    """Mail the teacher (True), or nothing when their e-mail is not known yet (False)."""
    candidate = session.get(Candidate, teacher_id)
    if candidate is None or not candidate.email:
        log.warning("no e-mail known for a candidate of %s; status mail not sent", programme_code)
        return False
    programme = session.get(Programme, programme_code)
    period = session.get(TrainingPeriod, period_id)
    label = (f"{labelled(programme.cluster_code, programme.cluster_name)}, {programme.centre_name}"
             if programme else "")
    deadline: datetime | None = period.enrolment_deadline if period else None
    mail = status_mail(Change(name=" ".join(filter(None, (candidate.name, candidate.surname))),
                              programme_code=programme_code, programme_label=label, state=state,
                              waitlist_position=waitlist_position, reason=reason, enrolment_deadline=deadline,
                              web_url=web_url))
    if mail is None:
        return False
    mailer.send(Mail(candidate.email, *mail))
    return True
