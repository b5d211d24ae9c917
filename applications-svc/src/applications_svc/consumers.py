"""Read model of resources-svc (centres and rooms), fed by its events. The platform inbox runs each
handler in one transaction with the record of `(consumer, event id)`; the handlers are also
idempotent by themselves (upserts keyed by the producer's ids, a replay of the same event is a no-op)."""
from __future__ import annotations

from datetime import datetime, timezone

from epimorfosi_platform.events import Event
from epimorfosi_platform.db import upsert_from_event
from epimorfosi_platform.inbox import Subscription
from sqlalchemy.orm import Session

from .models import Centre, Room


def record_centre_registered(session: Session, event: Event) -> None:
    """resources.centre.registered.v1 -> upsert the centre."""
    data = event.data
    upsert_from_event(session, Centre.__table__, "code", {
        "code": data["code"],
        "name": data["name"],
        "directorate": data["directorate"],
        "prefecture": data["prefecture"],
        "region": data["region"],
        "last_event_id": event.id,
        "received_at": datetime.now(timezone.utc),
    })


def record_room_added(session: Session, event: Event) -> None:
    """resources.room.added.v1 -> upsert the room (it may arrive before its centre)."""
    data = event.data
    upsert_from_event(session, Room.__table__, "room_id", {
        "room_id": int(data["room_id"]),
        "centre_code": data["centre_code"],
        "name": data["name"],
        "certified": bool(data["certified"]),
        "capacity": int(data["capacity"]),
        "certified_workstations": int(data["certified_workstations"]),
        "usable": bool(data["usable"]),
        "last_event_id": event.id,
        "received_at": datetime.now(timezone.utc),
    })


RESOURCES_EVENTS = Subscription(
    name="resources-events",
    handlers={
        "resources.centre.registered.v1": record_centre_registered,
        "resources.room.added.v1": record_room_added,
    },
)
