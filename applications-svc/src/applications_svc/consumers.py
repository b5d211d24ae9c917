"""Read model of resources-svc (centres and rooms), fed by its events, and the records of the events
it reads. The platform inbox runs each handler in one transaction with the record of `(consumer,
event id)`; the handlers are also idempotent by themselves (upserts keyed by the producer's ids, a
replay of the same event is a no-op)."""
from __future__ import annotations

import dataclasses

from epimorfosi_platform.consumed import event_record
from epimorfosi_platform.db import upsert_from_event
from epimorfosi_platform.handlers import HandlerContext, Subscription, handles

from .models import Centre, Room


@event_record("resources.centre.registered.v1")
class CentreRegistered:
    code: str
    name: str
    directorate: str
    prefecture: str
    region: str


@event_record("resources.room.added.v1")
class RoomAdded:
    room_id: int
    centre_code: str
    name: str
    certified: bool
    capacity: int
    certified_workstations: int
    usable: bool
    version: int = 0  # absent from events published before rooms had versions


@event_record("resources.room.capacity_changed.v1")
class RoomCapacityChanged(RoomAdded):
    """The room's facts as they are now, after a change of its usable capacity (certification,
    capacity or certified workstations); the read model keeps the same columns as from RoomAdded."""


def _row(ctx: HandlerContext, event) -> dict:
    # The records' fields are the read model's columns.
    return {**dataclasses.asdict(event), "last_event_id": ctx.cause.id, "received_at": ctx.clock.now()}


@handles(CentreRegistered)
def record_centre_registered(ctx: HandlerContext, event: CentreRegistered) -> None:
    """resources.centre.registered.v1 -> upsert the centre."""
    upsert_from_event(ctx.session, Centre.__table__, "code", _row(ctx, event))


@handles(RoomAdded)
def record_room_added(ctx: HandlerContext, event: RoomAdded) -> None:
    """resources.room.added.v1 -> upsert the room (it may arrive before its centre); a later
    version already received (a change that overtook it) is kept."""
    upsert_from_event(ctx.session, Room.__table__, "room_id", _row(ctx, event), newest_by="version")


@handles(RoomCapacityChanged)
def record_room_capacity_changed(ctx: HandlerContext, event: RoomCapacityChanged) -> None:
    """resources.room.capacity_changed.v1 -> the room as it is now (workstations added, certified,
    withdrawn, ...): upserted like an added room, so that a change arriving first is kept too; the
    newest version wins whatever the order of arrival."""
    upsert_from_event(ctx.session, Room.__table__, "room_id", _row(ctx, event), newest_by="version")


RESOURCES_EVENTS = Subscription("resources-events", [record_centre_registered, record_room_added,
                                                     record_room_capacity_changed])
