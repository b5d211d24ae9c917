"""What a service's event handlers are given and how they are declared.

A handler is `(ctx, event)`: `ctx` a HandlerContext (the transaction's session, the service
context, settings, clock, `emit`), `event` the typed record of the consumed event (consumed.py):

    @handles(PeriodOpened)
    def on_period_opened(ctx: HandlerContext[DocumentsContext], event: PeriodOpened) -> None: ...

    Subscription("applications-events", [on_period_opened, ...])
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterable, Mapping, TypeVar

from sqlalchemy.orm import Session

from .clock import Clock
from .config import Settings
from .events import Event
from .publishing import Publisher, attach, emit

if TYPE_CHECKING:
    from .service import Runtime

C = TypeVar("C")


@dataclass(frozen=True)
class HandlerContext(Generic[C]):
    """One handled event's surroundings. `cause` is its envelope (id, correlation)."""

    session: Session
    service: C  # the service context (ServiceDefinition.context), built once per process
    settings: Settings
    clock: Clock
    cause: Event
    _runtime: "Runtime" = field(repr=False)

    @classmethod
    def of(cls, runtime: "Runtime", session: Session, cause: Event) -> "HandlerContext":
        # Use cases the handler calls publish with `publishing.emit(ctx.session, ...)`, caused by this event.
        attach(session, Publisher(runtime.outbox, runtime.events, cause.correlationid, cause.id))
        return cls(session, runtime.context, runtime.settings, runtime.clock, cause, runtime)

    def emit(self, event_type: str, subject: str, data: dict[str, Any]) -> Event:
        """An event of this service, validated against its schema and written to its outbox in the
        handler's transaction, continuing the handled event's correlation and naming it as the cause."""
        return emit(self.session, event_type, subject, data)


class EventHandler:
    """A handler bound to the record type it reads (`@handles(Record)`); called as `(ctx, record)`."""

    def __init__(self, record: type, function: Callable[[HandlerContext, Any], None]):
        self.record, self.function = record, function
        self.event_type: str = record.EVENT_TYPE
        functools.update_wrapper(self, function)

    def __call__(self, ctx: HandlerContext, event: Any) -> None:
        self.function(ctx, event)

    def __repr__(self) -> str:
        return f"<handler {self.function.__qualname__} of {self.event_type}>"


def handles(record: type) -> Callable[[Callable[[HandlerContext, Any], None]], EventHandler]:
    if not isinstance(getattr(record, "EVENT_TYPE", None), str):
        raise TypeError(f"{record!r} is not an @event_record")
    return lambda function: EventHandler(record, function)


@dataclass(frozen=True, init=False, eq=False)
class Subscription:
    """A named consumer of a service: its queue and the handler of each event type it binds
    (`handlers`: event type -> EventHandler)."""

    name: str
    handlers: Mapping[str, EventHandler]

    def __init__(self, name: str, handlers: Iterable[EventHandler]):
        by_type: dict[str, EventHandler] = {}
        for handler in handlers:
            if not isinstance(handler, EventHandler):
                raise TypeError(f"{handler!r}: declare it with @handles(Record)")
            if handler.event_type in by_type:
                raise ValueError(f"{name}: two handlers of {handler.event_type}")
            by_type[handler.event_type] = handler
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "handlers", by_type)

    def queue_name(self, service: str) -> str:
        return f"{service}.{self.name}"
