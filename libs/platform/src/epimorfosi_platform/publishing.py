"""Publishing an integration event from a use case: `emit(session, type, subject, data)` writes it
to the service's outbox in `session`'s transaction (never commit-then-publish).

Use cases receive their session explicitly and do not know whether a request or an event handler
called them: the platform attaches a `Publisher` to the session it hands out — the request's
session (correlated with the request) and the handler's session (correlated with, and caused by,
the handled event). A session without one cannot publish, and says so."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy.orm import Session

from .events import Event, EventFactory
from .outbox import Outbox

_KEY = "epimorfosi.publisher"


@dataclass(frozen=True)
class Publisher:
    outbox: Outbox
    events: EventFactory
    correlation_id: str | None = None
    causation_id: str | None = None

    def emit_many(self, session: Session, event_type: str, items: Iterable[tuple[str, dict[str, Any]]]) -> list[Event]:
        events = [self.events.make(event_type, subject, data, correlationid=self.correlation_id,
                                   causationid=self.causation_id) for subject, data in items]
        self.outbox.add_many(session, events)
        return events


def _real(session) -> Session:
    """The Session behind a scoped_session (the request's), whose `info` lives as long as it does."""
    registry = getattr(session, "registry", None)
    return registry() if registry is not None and not isinstance(session, Session) else session


def attach(session, publisher: Publisher) -> None:
    _real(session).info[_KEY] = publisher


def emit(session, event_type: str, subject: str, data: dict[str, Any]) -> Event:
    """One event of this service, validated against its schema, into the outbox in `session`'s
    transaction."""
    [event] = emit_many(session, event_type, [(subject, data)])
    return event


def emit_many(session, event_type: str, items: Iterable[tuple[str, dict[str, Any]]]) -> list[Event]:
    """One event per `(subject, data)` in one statement (a draw creates thousands)."""
    session = _real(session)
    publisher = session.info.get(_KEY)
    if publisher is None:
        raise RuntimeError("this session has no publisher: use the request's session, a handler's ctx.session, "
                           "or attach(session, Publisher(...))")
    return publisher.emit_many(session, event_type, items)
