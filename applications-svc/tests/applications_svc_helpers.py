"""Helpers of the applications-svc tests: periods, the resources read model, expressions (API
tests), and the publishable record of a draw computed from its input and seed (rule tests)."""
import copy
import json
import uuid
from pathlib import Path

from epimorfosi_platform.events import Event, validate_example
from epimorfosi_platform.inbox import Inbox
from sqlalchemy import select

from applications_svc import SERVICE
from applications_svc.consumers import RESOURCES_EVENTS
from applications_svc.rules import allocation, rng
from applications_svc.rules.canonical import input_hash

REPO = Path(__file__).resolve().parents[2]
RESOURCES_EVENTS_DIR = REPO / "resources-svc" / "src" / "resources_svc" / "events"
QUEUE = RESOURCES_EVENTS.queue_name(SERVICE.name)

PERIOD = {
    "code": "2026-B2-4",
    "name": "7η Περίοδος Β1 - 4η Περίοδος Β2",
    "interest_opens_at": "2026-09-01T09:00:00+03:00",
    "interest_closes_at": "2026-09-15T23:59:00+03:00",
    "applications_a_opens_at": "2026-09-25T09:00:00+03:00",
    "applications_a_closes_at": "2026-10-05T23:59:00+03:00",
    "applications_b_opens_at": "2026-10-10T09:00:00+03:00",
    "applications_b_closes_at": "2026-10-20T23:59:00+03:00",
    "allocation_published_at": "2026-10-25T12:00:00+03:00",
    "enrolment_deadline": "2026-11-10T23:59:00+03:00",
    "implementation_starts_on": "2026-11-16",
    "implementation_ends_on": "2027-03-31",
}
DURING_INTEREST = "2026-09-05T10:00:00+03:00"
AFTER_INTEREST = "2026-09-20T10:00:00+03:00"  # the lottery's window
ALL_B2 = [f"B2.{n}" for n in range(1, 14)]


def admin(issuer):
    return issuer.headers("admin-1", ["central-admin"])


def kse_head(issuer, centre="KSE-0001"):
    return issuer.headers(f"head-{centre}", ["kse-head"], centre_id=centre)


def open_period(client, issuer, **overrides) -> int:
    response = client.post("/v1/periods", json={**PERIOD, **overrides}, headers=admin(issuer))
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def example(event_type: str) -> dict:
    return validate_example(RESOURCES_EVENTS_DIR, event_type)


def apply(app, envelope: dict) -> bool:
    runtime = app.extensions["epimorfosi"]
    event = Event.from_envelope(envelope)
    return Inbox.of(runtime, QUEUE).handle(event, RESOURCES_EVENTS.handlers[event.type])


def register_centre(app, code="KSE-0001", prefecture="ΜΕΣΣΗΝΙΑΣ", region="ΠΕΛΟΠΟΝΝΗΣΟΥ", name=None):
    envelope = copy.deepcopy(example("resources.centre.registered.v1"))
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(code=code, prefecture=prefecture, region=region, name=name or f"ΚΣΕ {code}")
    assert apply(app, envelope)


def add_room(app, centre="KSE-0001", room_id=None, usable=True, capacity=15, certified_workstations=None):
    """A room (by default with a certified workstation per seat)."""
    envelope = copy.deepcopy(example("resources.room.added.v1"))
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(room_id=room_id or (abs(hash(centre)) % 100000 + 1), centre_code=centre,
                            certified=usable, usable=usable, capacity=capacity,
                            certified_workstations=capacity if certified_workstations is None else certified_workstations)
    assert apply(app, envelope)


def interest_url(period_id, centre="KSE-0001", tail=""):
    return f"/v1/periods/{period_id}/centres/{centre}/interest{tail}"


def submit_full(client, issuer, period_id, centre="KSE-0001", clusters=None):
    headers = kse_head(issuer, centre)
    response = client.put(interest_url(period_id, centre),
                          json={"clusters": clusters or ALL_B2, "declarations_accepted": True}, headers=headers)
    assert response.status_code == 200, response.get_json()
    response = client.post(interest_url(period_id, centre, "/submit"), json={"confirm": True}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def outbox(app, event_type=None):
    runtime = app.extensions["epimorfosi"]
    with runtime.db.session() as s:
        rows = s.execute(select(runtime.tables.outbox)).all()
    envelopes = [json.loads(r.envelope) for r in rows]
    return [e for e in envelopes if event_type is None or e["type"] == event_type]


def csv_bytes(rows, header="area_code,area_name,category,cluster,programmes") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def import_csv(client, issuer, period_id, data: bytes):
    return client.put(f"/v1/periods/{period_id}/distribution", data=data,
                      headers={**admin(issuer), "Content-Type": "text/csv"})


def draw_record(rule, input, seed: str) -> dict:
    """The record ``python -m applications_svc.verify`` checks, computed as the service publishes
    it: ``rule`` is ``rules.lottery`` or ``rules.allocation``."""
    return {"kind": rule.KIND, "algorithm": rng.ALGORITHM_VERSION, "input": input,
            "input_sha256": input_hash(input), "seed": seed, "result": rule.draw(input, seed).to_dict()}


def allocate(programmes, applicants, seed: str, **settings):
    """The allocation rule on plain lists (``prepare`` then ``run``)."""
    return allocation.run(allocation.prepare(programmes, applicants, **settings), seed)
