"""Every event resources-svc publishes, through the outbox, against its JSON Schema.

For each `events/<type>.schema.json` the use case that emits it is driven through the API; the
envelopes it left in the outbox (in the request's transaction) must be CloudEvents of this service
whose `data` validates against the schema (formats checked too), and the example must validate. A new
schema without a producer in PRODUCERS fails here, so no event goes untested."""
import json

import pytest
from epimorfosi_platform.events import Event, validate_example
from jsonschema import Draft202012Validator, FormatChecker
from resources_svc_helpers import register_csv, trainer_line
from resources_svc_rooms_helpers import ROOM as ROOMS_ROOM
from resources_svc_rooms_helpers import WORKSTATION, workstations
from resources_svc_staff_helpers import (
    CENTRE, COORDINATOR, DURING_CALL, open_period, pdf, register_centres, set_clock, upload,
)
from sqlalchemy import select

from resources_svc import SERVICE

ROOM = dict(ROOMS_ROOM, certified=True, capacity=15, evaluation="Κατάλληλη",
            workstations=workstations(2, True) + workstations(1, False, start=3))
SCHEMAS = sorted(p.name.removesuffix(".schema.json") for p in SERVICE.events_dir.glob("*.schema.json"))


def ok(response, status=200):
    assert response.status_code == status, response.get_json()
    return response


def register_centre(app, client, admin):
    ok(client.post("/v1/centres", json=dict(CENTRE, code="KSE-0001"), headers=admin), 201)
    return ["KSE-0001"]


def add_room(app, client, admin):
    register_centres(client, admin, "KSE-0001")
    room = ok(client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=admin), 201).get_json()
    return [str(room["id"])]


def update_centre(app, client, admin):
    register_centres(client, admin, "KSE-0001")
    ok(client.patch("/v1/centres/KSE-0001", json={"school": "1ο ΓΕΛ Καλαμάτας"}, headers=admin))
    return ["KSE-0001"]


def change_capacity(app, client, admin):
    [room_id] = add_room(app, client, admin)
    path = f"/v1/centres/KSE-0001/rooms/{room_id}/workstations"
    ok(client.post(path, json=dict(WORKSTATION, label="Σταθμός 4", certified=True), headers=admin), 201)
    return [room_id]


def submit_staff(app, client, admin):
    register_centres(client, admin, "KSE-0001")
    open_period(app)
    set_clock(app, DURING_CALL)
    ok(client.post("/v1/centres/KSE-0001/periods/7/staff", json=COORDINATOR, headers=admin), 201)
    ok(upload(client, admin, pdf(), afms=[COORDINATOR["afm"]]))
    ok(client.post("/v1/centres/KSE-0001/periods/7/staff-submission", headers=admin))
    return ["KSE-0001/7"]


def change_trainers(app, client, admin):
    csv = {**admin, "Content-Type": "text/csv"}
    ok(client.post("/v1/trainers/import", data=register_csv(trainer_line(1), trainer_line(2)), headers=csv))
    first, second = client.get("/v1/trainers", headers=admin).get_json()
    ok(client.post(f"/v1/trainers/{first['id']}/deactivate", headers=admin))
    return sorted([str(first["id"]), str(second["id"]), str(first["id"])])


PRODUCERS = {  # event type -> use case driving it; returns the subjects it must have emitted
    "resources.centre.registered.v1": register_centre,
    "resources.centre.updated.v1": update_centre,
    "resources.room.capacity_changed.v1": change_capacity,
    "resources.room.added.v1": add_room,
    "resources.staff.submitted.v1": submit_staff,
    "resources.trainer.changed.v1": change_trainers,
}


def outbox(app, event_type):
    runtime = app.extensions["epimorfosi"]
    table = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(table).where(table.c.event_type == event_type).order_by(table.c.id)).all()
    return [json.loads(row.envelope) for row in rows]


def test_every_published_schema_has_a_producer_here():
    assert SCHEMAS, "no event schemas found"
    assert sorted(PRODUCERS) == SCHEMAS


@pytest.mark.parametrize("event_type", SCHEMAS)
def test_example_is_a_strict_schema_instance(event_type):
    validate_example(SERVICE.events_dir, event_type)
    schema = json.loads((SERVICE.events_dir / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("event_type", SCHEMAS)
def test_emitted_payload_validates_against_its_schema(app, client, admin, event_type):
    assert event_type in PRODUCERS, f"{event_type}: add its use case to PRODUCERS"
    subjects = PRODUCERS[event_type](app, client, admin)
    envelopes = outbox(app, event_type)
    assert sorted(e["subject"] for e in envelopes) == subjects
    schema = json.loads((SERVICE.events_dir / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for envelope in envelopes:
        event = Event.from_envelope(envelope)
        assert (event.type, event.source) == (event_type, f"/{SERVICE.name}")
        assert envelope["dataschema"] == f"urn:epimorfosi:schema:{event_type}"
        errors = sorted(validator.iter_errors(envelope["data"]), key=str)
        assert not errors, [e.message for e in errors]
