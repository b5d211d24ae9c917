"""Helpers shared by the tests: the producer's example event and copies of it."""
import copy
import json
import uuid
from pathlib import Path

from epimorfosi_platform.events import Event, validate_example
from epimorfosi_platform.inbox import Inbox
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from enrollment_svc import SERVICE

REPO = Path(__file__).resolve().parents[2]
APPLICATIONS_EVENTS = REPO / "applications-svc" / "src" / "applications_svc" / "events"
PERIOD_OPENED = "applications.period.opened.v1"
PROGRAMME_CREATED = "applications.programme.created.v1"
ALLOCATION_PUBLISHED = "applications.allocation.published.v1"
SUBSCRIPTION = next(s for s in SERVICE.subscriptions if s.name == "applications-events")
QUEUE = SUBSCRIPTION.queue_name(SERVICE.name)


def producer_example() -> dict:
    """The producer's own example, checked against the producer's schema."""
    return validate_example(APPLICATIONS_EVENTS, PERIOD_OPENED)


def period_opened(*, period_id: int, deadline: str, code: str | None = None, name: str | None = None) -> Event:
    """Another event of the same contract (new id), built from the example so it stays valid."""
    envelope = copy.deepcopy(producer_example())
    envelope["id"] = str(uuid.uuid4())
    envelope["subject"] = str(period_id)
    envelope["data"].update(period_id=period_id, enrolment_deadline=deadline)
    if code:
        envelope["data"]["code"] = code
    if name:
        envelope["data"]["name"] = name
    return Event.from_envelope(envelope)


def apply_without_inbox(runtime, session, event: Event, handler=None) -> None:
    """Run the event's handler in `session`'s transaction as the worker would, but without the
    inbox record (a replay after restoring a backup, a second worker racing the first)."""
    Inbox.of(runtime, QUEUE).apply(session, event, handler or SUBSCRIPTION.handlers[event.type])


def inbox_count(runtime) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count()).select_from(runtime.tables.inbox))


def programme_example() -> dict:
    """The producer's example of a programme given to a centre, checked against its schema."""
    return validate_example(APPLICATIONS_EVENTS, PROGRAMME_CREATED)


def programme_created(**data) -> Event:
    """Another programme event (new id) built from the example, with `data` fields replaced."""
    envelope = copy.deepcopy(programme_example())
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(data)
    envelope["subject"] = envelope["data"]["code"]
    return Event.from_envelope(envelope)


def allocation_example() -> dict:
    """The producer's example of a programme's allocation (phase A), checked against its schema."""
    return validate_example(APPLICATIONS_EVENTS, ALLOCATION_PUBLISHED)


def allocation_published(**data) -> Event:
    """Another allocation event (new id) built from the example, with `data` fields replaced; still
    valid against the producer's schema."""
    envelope = copy.deepcopy(allocation_example())
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(data)
    envelope["subject"] = envelope["data"]["programme_code"]
    schema = json.loads((APPLICATIONS_EVENTS / f"{ALLOCATION_PUBLISHED}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(envelope["data"])
    return Event.from_envelope(envelope)


# -- enrolment: a programme ready for enrolment --------------------------------------------------------
ENROLMENT_CODE = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-001"  # at KSE-0001, as the producer's example
NOW = "2026-11-01T12:00:00+02:00"
DEADLINE = "2026-11-10T23:59:00+02:00"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


def teacher_id(n: int) -> str:
    return f"f3a1c2d4-0000-4000-8000-{n:012d}"


def open_programme(runtime, *, code: str = ENROLMENT_CODE, centre: str = "KSE-0001", capacity: int = 3,
                   successful=(1, 2, 3), waitlisted=(4, 5, 6), period_id: int = 1, deadline: str = DEADLINE,
                   phase: str = "A", published_at: str = "2026-10-07T10:00:00+03:00") -> None:
    """A period with its deadline, a programme of `centre` and its allocation, through the inbox."""
    events = [
        period_opened(period_id=period_id, deadline=deadline),
        programme_created(code=code, centre_code=centre, capacity=capacity, period_id=period_id,
                          category="IIa", area_code="ΜΕΣΣΗΝΙΑΣ"),
        allocation_published(programme_code=code, centre_code=centre, capacity=capacity, period_id=period_id,
                             phase=phase, published_at=published_at, to_be_implemented=True,
                             successful=[teacher_id(n) for n in successful],
                             waitlisted=[teacher_id(n) for n in waitlisted]),
    ]
    inbox = Inbox.of(runtime, QUEUE)
    for event in events:
        inbox.handle(event, SUBSCRIPTION.handlers[event.type])
