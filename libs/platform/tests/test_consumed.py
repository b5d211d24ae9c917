"""Typed records of consumed events and the clock."""
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from epimorfosi_platform.clock import Clock, SettableClock, SystemClock
from epimorfosi_platform.consumed import ConsumedSchemas, event_record
from epimorfosi_platform.events import Event, EventSchemaError

SCHEMA_DIR = Path(__file__).parent / "events" / "consumed"


@event_record("demo.thing.happened.v1")
class Thing:
    n: int


@event_record("demo.thing.happened.v1")
class Other:
    n: int
    note: str | None = None


def event(data, event_type="demo.thing.happened.v1") -> Event:
    return Event("e-1", "/demo-svc", event_type, "1", "", data, "", "e-1")


def test_a_record_is_frozen_and_carries_its_event_type():
    thing = ConsumedSchemas(SCHEMA_DIR).decode(event({"n": 3}), Thing)
    assert thing == Thing(n=3) and Thing.EVENT_TYPE == "demo.thing.happened.v1"
    with pytest.raises(AttributeError):
        thing.n = 4  # type: ignore[misc]


def test_invalid_data_and_other_types_are_refused():
    schemas = ConsumedSchemas(SCHEMA_DIR)
    with pytest.raises(EventSchemaError, match="demo.thing.happened.v1"):
        schemas.decode(event({"n": "three"}), Thing)
    with pytest.raises(EventSchemaError, match="is not"):
        schemas.decode(event({"n": 3}, "demo.other.happened.v1"), Thing)


def test_a_service_without_a_copy_of_a_consumed_schema_is_refused():
    schemas = ConsumedSchemas(SCHEMA_DIR)
    schemas.require(["demo.thing.happened.v1"])
    with pytest.raises(EventSchemaError, match="demo.missing.happened.v1"):
        schemas.require(["demo.thing.happened.v1", "demo.missing.happened.v1"])


def test_fields_are_converted_by_their_types_and_unknown_ones_ignored(tmp_path):
    (tmp_path / "demo.rich.happened.v1.schema.json").write_text('{"type": "object"}')

    @event_record("demo.rich.happened.v1")
    class Part:
        rank: int
        code: str

    @event_record("demo.rich.happened.v1")
    class Rich:
        at: datetime
        on: date | None
        parts: tuple[Part, ...]
        share: float
        missing: str = "default"

    data = {"at": "2026-09-01T09:00:00+03:00", "on": None, "share": 1, "added_later": True,
            "parts": [{"rank": 1, "code": "B2.4", "name": "ignored"}]}
    rich = ConsumedSchemas(tmp_path).decode(event(data, "demo.rich.happened.v1"), Rich)
    assert rich.at == datetime(2026, 9, 1, 6, tzinfo=timezone.utc)
    assert rich.parts == (Part(1, "B2.4"),) and rich.on is None and rich.share == 1.0
    assert rich.missing == "default"
    with pytest.raises(EventSchemaError, match="time zone"):
        ConsumedSchemas(tmp_path).decode(event({**data, "at": "2026-09-01T09:00:00"}, "demo.rich.happened.v1"), Rich)
    with pytest.raises(EventSchemaError, match="parts"):
        ConsumedSchemas(tmp_path).decode(event({"at": data["at"], "on": None, "share": 1}, "demo.rich.happened.v1"), Rich)


def test_the_system_clock_is_aware_utc_and_the_settable_one_moves_only_when_told():
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    clock = SettableClock("2026-11-10T23:59:00+02:00")
    assert isinstance(clock, Clock)
    assert clock.now() == datetime(2026, 11, 10, 21, 59, tzinfo=timezone.utc) == clock.now()
    assert clock.advance(minutes=2) == datetime(2026, 11, 10, 22, 1, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 1, 1))
