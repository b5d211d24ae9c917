"""What every slice's use cases do when they write."""
from __future__ import annotations

from epimorfosi_platform.errors import Conflict
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def flush_or_conflict(session: Session, conflict: Conflict) -> None:
    """Flush now to get ids for the event; a unique key taken by a concurrent request is a conflict,
    not a fault (the check before the insert cannot see uncommitted rows of others)."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise conflict from exc
