"""Consumer contract test: the producer's example event, applied through the platform inbox."""
from datetime import datetime, timezone

from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from sqlalchemy import select

from enrollment_svc_helpers import (
    PERIOD_OPENED, QUEUE, SUBSCRIPTION, apply_without_inbox, inbox_count, period_opened, producer_example,
)
from enrollment_svc.consumers import record_period_opened
from enrollment_svc.models import TrainingPeriod


def periods(runtime):
    with runtime.db.session() as s:
        return s.scalars(select(TrainingPeriod)).all()


def test_the_subscription_binds_the_period_event_to_its_handler():
    assert SUBSCRIPTION.handlers[PERIOD_OPENED] is record_period_opened
    assert QUEUE == "enrollment-svc.applications-events"


def test_example_event_applied_twice_through_the_inbox_gives_one_row_and_one_record(runtime):
    example = producer_example()
    event = Event.from_envelope(example)
    inbox = Inbox.of(runtime, QUEUE)

    assert inbox.handle(event, SUBSCRIPTION.handlers[event.type]) is True
    assert inbox.handle(event, SUBSCRIPTION.handlers[event.type]) is False  # duplicate delivery

    [period] = periods(runtime)
    data = example["data"]
    assert (period.period_id, period.code, period.name) == (data["period_id"], data["code"], data["name"])
    assert period.enrolment_deadline == datetime.fromisoformat(data["enrolment_deadline"])
    assert period.enrolment_deadline.tzinfo is not None  # the instant survives SQLite too
    assert period.last_event_id == example["id"]
    assert inbox_count(runtime) == 1


def test_the_handler_is_idempotent_by_itself(runtime):
    """A replay that bypasses the inbox (e.g. a re-run after restoring a backup) changes nothing."""
    event = Event.from_envelope(producer_example())
    with runtime.db.session() as s, s.begin():
        apply_without_inbox(runtime, s, event, record_period_opened)
    [first] = periods(runtime)
    with runtime.db.session() as s, s.begin():
        apply_without_inbox(runtime, s, event, record_period_opened)
    [again] = periods(runtime)
    assert again.received_at == first.received_at and again.last_event_id == event.id


def test_a_later_event_for_the_same_period_updates_the_row(runtime):
    inbox = Inbox.of(runtime, QUEUE)
    inbox.handle(period_opened(period_id=7, deadline="2026-11-10T23:59:00+03:00"), record_period_opened)
    newer = period_opened(period_id=7, deadline="2026-11-20T23:59:00+02:00", name="7η Περίοδος (διορθωμένη)")
    assert inbox.handle(newer, record_period_opened) is True

    [period] = periods(runtime)
    assert period.name == "7η Περίοδος (διορθωμένη)"
    assert period.enrolment_deadline == datetime(2026, 11, 20, 21, 59, tzinfo=timezone.utc)
    assert period.last_event_id == newer.id
    assert inbox_count(runtime) == 2
