import json

import pytest

from epimorfosi_platform.events import Event, EventFactory, EventSchemaError


@pytest.fixture
def factory(tmp_path):
    (tmp_path / "demo.thing.happened.v1.schema.json").write_text(json.dumps({
        "type": "object", "required": ["n"], "additionalProperties": False,
        "properties": {"n": {"type": "integer"}}}))
    return EventFactory("demo-svc", tmp_path)


def test_envelope_is_cloudevents_with_correlation(factory):
    event = factory.make("demo.thing.happened.v1", "42", {"n": 1}, correlationid="c-1", causationid="r-1")
    envelope = event.to_envelope()
    assert envelope["specversion"] == "1.0" and envelope["source"] == "/demo-svc"
    assert envelope["correlationid"] == "c-1" and envelope["causationid"] == "r-1"
    assert Event.from_envelope(json.loads(json.dumps(envelope))) == event


def test_data_breaking_the_schema_is_refused_at_publish_time(factory):
    with pytest.raises(EventSchemaError):
        factory.make("demo.thing.happened.v1", "42", {"n": "one"})
    with pytest.raises(EventSchemaError):
        factory.make("demo.other.happened.v1", "42", {"n": 1})


def test_schema_file_names_must_follow_the_type_convention(tmp_path):
    (tmp_path / "BadName.schema.json").write_text("{}")
    with pytest.raises(EventSchemaError):
        EventFactory("demo-svc", tmp_path)
