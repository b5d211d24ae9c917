"""Data and outbox readers shared by the rooms, workstations, import and access tests."""
from __future__ import annotations

import json

from jsonschema import Draft202012Validator
from sqlalchemy import select

from resources_svc import SERVICE

CENTRE = {
    "code": "KSE-0001",
    "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
    "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
    "prefecture": "ΜΕΣΣΗΝΙΑΣ",
    "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ",
}
ROOM = {"name": "Εργαστήριο Πληροφορικής 1", "capacity": 15, "specs": "Ισόγειο", }
WORKSTATION = {
    "label": "Σταθμός 1",
    "processor": "Intel Core i5-12400",
    "memory": "8 GB",
    "disk": "SSD 256 GB",
    "operating_system": "Windows 11",
    "screen": "22\" LCD",
    "network": "Ethernet 1 Gbps",
}


def workstations(count: int, certified: bool, start: int = 1) -> list[dict]:
    return [dict(WORKSTATION, label=f"Σταθμός {n}", certified=certified) for n in range(start, start + count)]


def events(app, event_type: str) -> list[dict]:
    """The envelopes of `event_type` in the outbox, in order, each checked against its schema."""
    runtime = app.extensions["epimorfosi"]
    outbox = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(outbox).where(outbox.c.event_type == event_type).order_by(outbox.c.id)).all()
    envelopes = [json.loads(r.envelope) for r in rows]
    schema = json.loads((SERVICE.events_dir / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    for envelope in envelopes:
        Draft202012Validator(schema).validate(envelope["data"])
    return envelopes


def register(client, admin, *codes: str) -> None:
    for code in codes:
        response = client.post("/v1/centres", json=dict(CENTRE, code=code), headers=admin)
        assert response.status_code == 201, response.get_json()
