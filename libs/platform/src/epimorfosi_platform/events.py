"""Integration events: CloudEvents 1.0 structured JSON envelopes validated against the producer's schemas.

Each producer keeps, for every event type it publishes, `<type>.schema.json` (JSON Schema of `data`)
and `<type>.example.json` (a complete envelope) in its `events/` folder.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

TYPE_PATTERN = re.compile(r"^[a-z]+\.[a-z_]+\.[a-z_]+\.v[0-9]+$")
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"


class EventSchemaError(ValueError):
    """The producer tried to emit an event that breaks its own contract."""


@dataclass(frozen=True)
class Event:
    id: str
    source: str
    type: str
    subject: str
    time: str
    data: dict[str, Any]
    dataschema: str
    correlationid: str
    causationid: str | None = None

    def to_envelope(self) -> dict[str, Any]:
        envelope = {
            "specversion": "1.0",
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "subject": self.subject,
            "time": self.time,
            "datacontenttype": "application/json",
            "dataschema": self.dataschema,
            "correlationid": self.correlationid,
            "data": self.data,
        }
        if self.causationid:
            envelope["causationid"] = self.causationid
        return envelope

    @classmethod
    def from_envelope(cls, envelope: dict[str, Any]) -> "Event":
        missing = [k for k in ("specversion", "id", "source", "type", "data") if k not in envelope]
        if missing or envelope.get("specversion") != "1.0":
            raise EventSchemaError(f"not a CloudEvents 1.0 envelope (missing {missing})")
        return cls(
            id=envelope["id"],
            source=envelope["source"],
            type=envelope["type"],
            subject=envelope.get("subject", ""),
            time=envelope.get("time", ""),
            data=envelope["data"],
            dataschema=envelope.get("dataschema", ""),
            correlationid=envelope.get("correlationid") or envelope["id"],
            causationid=envelope.get("causationid"),
        )


def load_schemas(directory: Path) -> dict[str, dict]:
    schemas: dict[str, dict] = {}
    if not directory.is_dir():
        return schemas
    for path in sorted(directory.glob("*.schema.json")):
        event_type = path.name.removesuffix(".schema.json")
        if not TYPE_PATTERN.match(event_type):
            raise EventSchemaError(f"{path.name}: event type must be <service>.<aggregate>.<verb>.v<N>")
        schemas[event_type] = json.loads(path.read_text(encoding="utf-8"))
    return schemas


class SchemaValidator:
    """Validates `data` of each event type against its JSON Schema."""

    def __init__(self, schemas: dict[str, dict]):
        self.schemas = schemas
        self._validators = {t: Draft202012Validator(s) for t, s in schemas.items()}
        # Compiled validators answer "valid?" a hundred times faster (a draw publishes thousands of
        # events with long lists); the reference validator still judges and words every refusal.
        self._fast = {t: jsonschema_rs.validator_for(s) for t, s in schemas.items()}

    def __contains__(self, event_type: str) -> bool:
        return event_type in self._validators

    def validate(self, event_type: str, data: Any) -> None:
        """EventSchemaError unless `data` is valid for `event_type` (a type without a schema is not)."""
        validator = self._validators.get(event_type)
        if validator is None:
            raise EventSchemaError(f"no schema for {event_type}")
        try:
            if not self._fast[event_type].is_valid(data):
                validator.validate(data)
        except ValidationError as exc:
            raise EventSchemaError(f"{event_type}: {exc.message} at {list(exc.absolute_path)}") from exc


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class EventFactory:
    """Builds validated events for one producer; `now` is the service's clock (Runtime.clock)."""

    def __init__(self, service: str, schemas_dir: Path, *, now: Callable[[], datetime] = _utc_now):
        self.service = service
        self.source = f"/{service}"
        self.schemas = load_schemas(schemas_dir)
        self._validator = SchemaValidator(self.schemas)
        self._now = now

    def make(
        self,
        event_type: str,
        subject: str,
        data: dict[str, Any],
        *,
        correlationid: str | None = None,
        causationid: str | None = None,
    ) -> Event:
        if event_type not in self._validator:
            raise EventSchemaError(f"{self.service} has no schema for {event_type}")
        self._validator.validate(event_type, data)
        event_id = str(uuid.uuid4())
        return Event(
            id=event_id,
            source=self.source,
            type=event_type,
            subject=str(subject),
            time=self._now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            data=data,
            dataschema=f"urn:epimorfosi:schema:{event_type}",
            correlationid=correlationid or event_id,
            causationid=causationid,
        )


def validate_example(schemas_dir: Path, event_type: str) -> dict[str, Any]:
    """Load `<type>.example.json` and check it against its schema (used by producer and consumer tests)."""
    example = json.loads((schemas_dir / f"{event_type}.example.json").read_text(encoding="utf-8"))
    schema = json.loads((schemas_dir / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    Event.from_envelope(example)
    Draft202012Validator(schema).validate(example["data"])
    if example["type"] != event_type:
        raise EventSchemaError(f"example of {event_type} has type {example['type']}")
    return example
