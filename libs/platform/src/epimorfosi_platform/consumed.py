"""Events a service consumes, as typed records checked against the producer's published schema.

A consumer declares each event type it reads as a frozen dataclass with the fields it uses
(`@event_record("<type>")`); fields of the event it does not declare are ignored, so an additive
change within a version breaks no consumer. Services ship in separate containers, so a consumer keeps
a copy of each consumed schema in its own `events/consumed/` (tests/test_repository.py checks every
copy is the producer's, byte for byte). On receipt the data is validated against that copy, then
turned into the record; an event that fails either step is a poison message, never half-applied."""
from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar, Iterable, Mapping, TypeVar

from .events import Event, EventSchemaError, SchemaValidator, load_schemas

R = TypeVar("R")


def event_record(event_type: str):
    """Class decorator: a frozen dataclass holding the consumed fields of `event_type`'s data.
    Field types drive the conversion: datetime and date from ISO strings, nested records from
    objects, `tuple[X, ...]` from arrays, `X | None` for optional fields."""

    def wrap(cls: type[R]) -> type[R]:
        record = dataclasses.dataclass(frozen=True)(cls)
        record.EVENT_TYPE = event_type
        return record

    return wrap


class EventRecord(typing.Protocol):
    EVENT_TYPE: ClassVar[str]


class ConsumedSchemas:
    """The schemas a service keeps of the events it consumes (`<package>/events/consumed/`)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._validator = SchemaValidator(load_schemas(directory))

    def require(self, event_types: Iterable[str]) -> None:
        """Refuse to start a service that consumes an event type whose schema it does not keep."""
        missing = sorted(t for t in set(event_types) if t not in self._validator)
        if missing:
            raise EventSchemaError(f"no copy of the producer's schema in {self.directory} for {missing}")

    def decode(self, event: Event, record: type[R]) -> R:
        """The event's data as `record`; EventSchemaError when it breaks the producer's schema."""
        if event.type != record.EVENT_TYPE:
            raise EventSchemaError(f"{event.type} is not {record.EVENT_TYPE}")
        self._validator.validate(event.type, event.data)
        try:
            return _build(record, event.data)
        except (TypeError, ValueError, KeyError) as exc:
            raise EventSchemaError(f"{event.type}: {exc}") from exc


def _build(record: type[R], data: Mapping[str, Any]) -> R:
    hints = typing.get_type_hints(record)
    values = {}
    for field in dataclasses.fields(record):
        if field.name in data:
            values[field.name] = _convert(data[field.name], hints[field.name])
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise KeyError(f"missing field {field.name!r}")
    return record(**values)


def _convert(value: Any, hint: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        [inner] = [a for a in args if a is not type(None)]
        return _convert(value, inner)
    if origin is tuple:
        return tuple(_convert(item, args[0]) for item in value)
    if hint is datetime:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:  # an instant without a zone is ambiguous by hours
            raise ValueError(f"timestamp without a time zone: {value!r}")
        return moment
    if hint is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool) and not isinstance(value, hint):
        raise TypeError(f"{value!r} is not {hint.__name__}")
    return value
