"""Helpers shared by the staff, minutes and periods tests: a period opened through the inbox, the
service's clock, staff members, PDF files and the outbox's events."""
import copy
import json
import uuid
from pathlib import Path

from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.events import Event, validate_example
from epimorfosi_platform.inbox import Inbox
from jsonschema import Draft202012Validator
from sqlalchemy import select

from resources_svc import SERVICE

REPO = Path(__file__).resolve().parents[2]
APPLICATIONS_EVENTS = REPO / "applications-svc" / "src" / "applications_svc" / "events"
PERIOD_OPENED = "applications.period.opened.v1"
SUBSCRIPTION = next(s for s in SERVICE.subscriptions if s.name == "applications-events")
QUEUE = SUBSCRIPTION.queue_name(SERVICE.name)
# The example's call: 2026-09-01 09:00 to 2026-09-15 23:59 (+03:00).
DURING_CALL = "2026-09-10T12:00:00+03:00"
AFTER_CALL = "2026-09-16T00:00:00+03:00"
CENTRE = {"name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
          "prefecture": "ΜΕΣΣΗΝΙΑΣ", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ"}
COORDINATOR = {"role": "coordinator", "membership": "regular", "afm": "123456783", "surname": "Παπαδόπουλος",
               "given_name": "Γεώργιος", "father_name": "Ιωάννης", "specialty": "ΠΕ86",
               "email": "g.papadopoulos@sch.gr", "phone": "6912345678"}
TECHNICAL_LEAD = {"role": "technical-lead", "membership": "substitute", "afm": "094259216", "surname": "Νικολάου",
                  "given_name": "Μαρία", "father_name": "", "specialty": "ΠΕ70",
                  "email": "m.nikolaou@sch.gr", "phone": "2721012345"}
STAFF = "/v1/centres/KSE-0001/periods/7/staff"


def producer_example() -> dict:
    return validate_example(APPLICATIONS_EVENTS, PERIOD_OPENED)


def period_opened(**data) -> Event:
    """Another event of the producer's contract (new id), built from its example."""
    envelope = copy.deepcopy(producer_example())
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(data)
    envelope["subject"] = str(envelope["data"]["period_id"])
    return Event.from_envelope(envelope)


def runtime_of(app):
    return app.extensions["epimorfosi"]


def open_period(app, **data) -> None:
    runtime = runtime_of(app)
    Inbox.of(runtime, QUEUE).handle(period_opened(**data), SUBSCRIPTION.handlers[PERIOD_OPENED])


def set_clock(app, moment: str) -> None:
    runtime_of(app).clock = SettableClock(moment)


def register_centres(client, admin, *codes: str) -> None:
    for code in codes:
        assert client.post("/v1/centres", json=dict(CENTRE, code=code), headers=admin).status_code == 201


def pdf(body: bytes = b"Praktiko") -> bytes:
    """A minimal well-formed PDF: header, an object, and a trailer pointing inside the file."""
    head = b"%PDF-1.7\n1 0 obj\n<< /Title (" + body + b") >>\nendobj\n"
    return head + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n" + \
        str(len(head)).encode() + b"\n%%EOF\n"


def upload(client, headers, content: bytes, afms=("123456783",), name="praktiko.pdf", path="/v1/centres/KSE-0001/periods/7/minutes"):
    import io
    data = {"file": (io.BytesIO(content), name), "confirmed_afm": list(afms)}
    return client.put(path, data=data, headers=headers, content_type="multipart/form-data")


def outbox_events(app, event_type: str) -> list[dict]:
    runtime = runtime_of(app)
    outbox = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(outbox).where(outbox.c.event_type == event_type)).all()
    envelopes = [json.loads(r.envelope) for r in rows]
    schema = json.loads((SERVICE.events_dir / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    for envelope in envelopes:
        Draft202012Validator(schema).validate(envelope["data"])
    return envelopes
