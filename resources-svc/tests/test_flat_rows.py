"""FlatRows (the rooms import's fast loading of workstations) accepts and refuses exactly what the
workstation schema does, with the schema's own messages."""
from __future__ import annotations

import pytest
from marshmallow import ValidationError, fields
from resources_svc.text import FlatRows, StrippedSchema
from resources_svc.workstations.schemas import WorkstationCreateSchema

GOOD = {"label": "Σταθμός 1", "processor": "Intel Core i5", "memory": "8 GB", "disk": "SSD 256 GB",
        "operating_system": "Windows 11", "screen": '22" LCD', "network": "Ethernet"}

ROWS = [
    [GOOD, {**GOOD, "label": "Σταθμός 2", "certified": True}],
    [{**GOOD, "label": "  Σταθμός 3  ", "memory": " 16 GB"}],
    [{**GOOD, "label": "   "}],
    [{**GOOD, "label": "x" * 51}],
    [{**GOOD, "label": "x" * 50}],
    [{**GOOD, "certified": "true"}],
    [{**GOOD, "certified": 1}],
    [{**GOOD, "certified": "ίσως"}],
    [{**GOOD, "certified": None}],
    [{k: v for k, v in GOOD.items() if k != "disk"}],
    [{**GOOD, "colour": "μαύρο"}],
    [{**GOOD, "memory": 8}],
    [{**GOOD, "screen": None}],
    [GOOD, "not a row"],
    [GOOD, ["a", "list"]],
    [],
]


def _load(field, value):
    class Form(StrippedSchema):
        workstations = field

    try:
        return "ok", Form().load({"workstations": value})
    except ValidationError as exc:
        return "error", exc.messages


@pytest.mark.parametrize("rows", ROWS)
def test_same_outcome_as_the_schema(rows):
    fast = _load(FlatRows(WorkstationCreateSchema), rows)
    plain = _load(fields.List(fields.Nested(WorkstationCreateSchema)), rows)
    assert fast == plain


def test_the_fast_path_is_taken_for_plain_rows(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("marshmallow's list loading was used")

    monkeypatch.setattr(fields.List, "_deserialize", refuse)
    status, loaded = _load(FlatRows(WorkstationCreateSchema), [{**GOOD, "label": " Σταθμός 9 "}])
    assert status == "ok" and loaded["workstations"] == [{**GOOD, "label": "Σταθμός 9", "certified": False}]


def test_a_schema_it_cannot_check_is_left_to_marshmallow():
    class Other(StrippedSchema):
        count = fields.Integer()

    assert FlatRows(Other)._plan is None
    assert _load(FlatRows(Other), [{"count": "3"}]) == ("ok", {"workstations": [{"count": 3}]})
