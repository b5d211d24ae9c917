"""The periods read model: the producer's example through the inbox, idempotent; the staff window rule."""
from datetime import datetime, timedelta, timezone

import pytest
from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from sqlalchemy import func, select

from resources_svc_staff_helpers import QUEUE, SUBSCRIPTION, period_opened, producer_example, runtime_of, set_clock
from resources_svc.consumers import record_period_opened
from resources_svc.models import TrainingPeriod
from resources_svc.periods.window import is_staff_window_open


def periods(app):
    with runtime_of(app).db.session() as s:
        return s.scalars(select(TrainingPeriod)).all()


def test_the_subscription_binds_the_period_event_to_its_handler():
    assert SUBSCRIPTION.handlers["applications.period.opened.v1"] is record_period_opened
    assert QUEUE == "resources-svc.applications-events"


def test_example_event_applied_twice_gives_one_row_and_one_inbox_record(app):
    runtime = runtime_of(app)
    example = producer_example()
    event = Event.from_envelope(example)
    inbox = Inbox.of(runtime, QUEUE)
    assert inbox.handle(event, record_period_opened) is True
    assert inbox.handle(event, record_period_opened) is False
    [period] = periods(app)
    assert (period.period_id, period.code, period.last_event_id) == (7, example["data"]["code"], example["id"])
    assert period.interest_opens_at == datetime.fromisoformat(example["data"]["interest_opens_at"])
    assert period.interest_closes_at.tzinfo is not None
    with runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(runtime.tables.inbox)) == 1


def test_the_handler_is_idempotent_without_the_inbox_and_a_later_event_updates(app):
    runtime = runtime_of(app)
    event = period_opened(period_id=8)
    for _ in range(2):
        with runtime.db.session() as s, s.begin():
            Inbox.of(runtime, QUEUE).apply(s, event, record_period_opened)
    [first] = periods(app)
    newer = period_opened(period_id=8, interest_closes_at="2026-09-20T23:59:00+03:00")
    Inbox.of(runtime, QUEUE).handle(newer, record_period_opened)
    [period] = periods(app)
    assert period.interest_closes_at == datetime(2026, 9, 20, 20, 59, tzinfo=timezone.utc)
    assert period.last_event_id == newer.id and first.last_event_id == event.id


def test_staff_window_is_the_call_window():
    opens = datetime(2026, 9, 1, 6, 0, tzinfo=timezone.utc)
    closes = datetime(2026, 9, 15, 20, 59, tzinfo=timezone.utc)
    second = timedelta(seconds=1)
    assert not is_staff_window_open(opens, closes, opens - second)
    assert is_staff_window_open(opens, closes, opens)
    assert is_staff_window_open(opens, closes, closes - second)
    assert not is_staff_window_open(opens, closes, closes)
    with pytest.raises(ValueError):
        is_staff_window_open(opens, closes, datetime(2026, 9, 2))


def test_periods_are_listed_with_their_window_state(app, client, admin, head, issuer):
    Inbox.of(runtime_of(app), QUEUE).handle(period_opened(), record_period_opened)
    set_clock(app, "2026-09-10T12:00:00+03:00")
    [listed] = client.get("/v1/periods", headers=head).get_json()
    assert (listed["period_id"], listed["staff_window_open"]) == (7, True)
    set_clock(app, "2026-09-16T00:00:00+03:00")
    assert client.get("/v1/periods", headers=admin).get_json()[0]["staff_window_open"] is False
    assert client.get("/v1/periods", headers=issuer.headers("t", ["teacher"])).status_code == 403
    assert client.get("/v1/periods").status_code == 401
