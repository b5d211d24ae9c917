"""Use cases of the minutes slice: upload (or replace) a centre's minutes for a period, with the
people they confirm. Under the same lock and rules as the staff lists (`staff.operations.lock_open_lists`):
only while the staff window is open and the lists are not submitted. A refused file stores nothing:
the checks run before the store is written, and the row is written only after the bytes are."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.afm import InvalidAfm, validate_afm
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Invalid
from epimorfosi_platform.storage import FileStore
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..periods.models import TrainingPeriod
from ..staff.operations import lock_open_lists
from ..staff.queries import members_of
from .models import Minutes, MinutesConfirmation
from .queries import minutes_of
from epimorfosi_platform.pdf_upload import refusal


def upload_minutes(session: Session, principal: Principal, centre: Centre, period: TrainingPeriod, *,
                   filename: str, content: bytes, confirmed_afms: list[str], store: FileStore, max_bytes: int,
                   now: datetime) -> Minutes:
    reason = refusal(content, max_bytes)
    if reason is not None:
        raise Invalid(reason, slug="minutes-file-refused", errors={"file": [reason]})
    afms = _confirmed(confirmed_afms)
    lock_open_lists(session, centre, period, now=now)
    names = {m.afm: f"{m.surname} {m.given_name}" for m in members_of(session, centre, period)}
    key = store.put(content, suffix=".pdf")
    replaced = minutes_of(session, centre, period)
    if replaced is not None:  # a new upload replaces the period's minutes and what they confirmed
        session.delete(replaced)
        session.flush()
    minutes = Minutes(centre_id=centre.id, period_id=period.period_id, storage_key=key, filename=_plain(filename),
                      size=len(content), uploaded_by=principal.subject, uploaded_at=now,
                      confirmations=[MinutesConfirmation(afm=a, full_name=names.get(a, "")) for a in afms])
    session.add(minutes)
    session.flush()
    return minutes


def _confirmed(raw: list[str]) -> list[str]:
    """The ΑΦΜ the minutes confirm, each valid, without repeats, in the order given."""
    afms, wrong = [], []
    for value in raw:
        try:
            afm = validate_afm(value)
        except InvalidAfm as exc:
            wrong.append(f"{value}: {exc.message}")
            continue
        if afm not in afms:
            afms.append(afm)
    if wrong:
        raise Invalid("Μη έγκυροι ΑΦΜ στη σύνθεση του Πρακτικού.", slug="validation-failed", errors={"confirmed_afm": wrong})
    if not afms:
        message = "Επιλέξτε τα μέλη του προσωπικού που επιβεβαιώνει το Πρακτικό."
        raise Invalid(message, slug="validation-failed", errors={"confirmed_afm": [message]})
    return afms


def _plain(filename: str) -> str:
    """The name shown for the link: the last path part, printable, at most 200 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "praktiko.pdf"
    return name[-200:]
