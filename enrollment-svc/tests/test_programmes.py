"""applications.programme.created.v1 -> the programmes read model, and GET /v1/programmes scoped by
centre."""
import json
from datetime import date

import pytest
from epimorfosi_platform.events import Event
from epimorfosi_platform.inbox import Inbox
from sqlalchemy import select

from enrollment_svc_helpers import (
    PROGRAMME_CREATED, QUEUE, SUBSCRIPTION, apply_without_inbox, inbox_count, programme_created, programme_example,
)
from enrollment_svc.programmes import access
from enrollment_svc.consumers import record_programme_created
from enrollment_svc.models import Programme


def programmes(runtime):
    with runtime.db.session() as s:
        return s.scalars(select(Programme).order_by(Programme.code)).all()


def feed(app, *events):
    runtime = app.extensions["epimorfosi"]
    inbox = Inbox.of(runtime, QUEUE)
    for event in events:
        inbox.handle(event, SUBSCRIPTION.handlers[event.type])


def test_the_subscription_binds_the_programme_event_to_its_handler():
    assert SUBSCRIPTION.handlers[PROGRAMME_CREATED] is record_programme_created


def test_example_event_applied_twice_through_the_inbox_gives_one_row_and_one_record(runtime):
    example = programme_example()
    event = Event.from_envelope(example)
    inbox = Inbox.of(runtime, QUEUE)

    assert inbox.handle(event, SUBSCRIPTION.handlers[event.type]) is True
    assert inbox.handle(event, SUBSCRIPTION.handlers[event.type]) is False  # duplicate delivery

    [programme] = programmes(runtime)
    data = example["data"]
    assert programme.code == data["code"] == "2026-B2-4-IIb-B2.4-ΠΕΛΟΠΟΝΝΗΣΟΥ-001"
    assert (programme.centre_code, programme.cluster_code, programme.category) == ("KSE-0001", "B2.4", "IIb")
    assert (programme.period_id, programme.period_code) == (1, "2026-B2-4")
    assert (programme.capacity, programme.minimum_participants) == (15, 10)
    assert (programme.starts_on, programme.ends_on) == (date(2026, 11, 16), date(2027, 3, 31))
    assert programme.last_event_id == example["id"]
    assert programme.received_at.tzinfo is not None
    assert inbox_count(runtime) == 1


def test_the_handler_is_idempotent_by_itself(runtime):
    event = Event.from_envelope(programme_example())
    with runtime.db.session() as s, s.begin():
        apply_without_inbox(runtime, s, event, record_programme_created)
    [first] = programmes(runtime)
    with runtime.db.session() as s, s.begin():
        apply_without_inbox(runtime, s, event, record_programme_created)
    [again] = programmes(runtime)
    assert again.received_at == first.received_at and again.last_event_id == event.id


def test_a_later_event_for_the_same_code_updates_the_row_and_dates_may_be_unset(runtime):
    inbox = Inbox.of(runtime, QUEUE)
    inbox.handle(Event.from_envelope(programme_example()), record_programme_created)
    newer = programme_created(capacity=12, starts_on=None, ends_on=None)
    assert inbox.handle(newer, record_programme_created) is True
    [programme] = programmes(runtime)
    assert programme.capacity == 12 and programme.starts_on is None and programme.ends_on is None
    assert programme.last_event_id == newer.id
    assert inbox_count(runtime) == 2


@pytest.fixture
def three_programmes(app):
    feed(
        app,
        Event.from_envelope(programme_example()),
        programme_created(code="2026-B2-4-IIa-B2.3-ΜΕΣΣΗΝΙΑΣ-002", cluster_code="B2.3", cluster_name="ΜΑΘΗΜΑΤΙΚΑ", category="IIa"),
        programme_created(code="2026-B2-4-IIa-B2.5-ΑΡΚΑΔΙΑΣ-001", centre_code="KSE-0002", centre_name="1ο ΓΥΜΝΑΣΙΟ ΤΡΙΠΟΛΗΣ"),
    )


def codes(response):
    assert response.status_code == 200, response.get_json()
    return [p["code"] for p in response.get_json()]


def test_kse_head_sees_only_their_own_centre(client, issuer, three_programmes):
    head = issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
    own = ["2026-B2-4-IIa-B2.3-ΜΕΣΣΗΝΙΑΣ-002", "2026-B2-4-IIb-B2.4-ΠΕΛΟΠΟΝΝΗΣΟΥ-001"]
    assert codes(client.get("/v1/programmes", headers=head)) == own
    assert codes(client.get("/v1/programmes?centre=KSE-0001", headers=head)) == own
    coordinator = issuer.headers("coord-2", ["coordinator"], centre_id="KSE-0002")
    assert codes(client.get("/v1/programmes", headers=coordinator)) == ["2026-B2-4-IIa-B2.5-ΑΡΚΑΔΙΑΣ-001"]


def test_kse_head_asking_for_another_centre_is_403(client, issuer, three_programmes):
    head = issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
    response = client.get("/v1/programmes?centre=KSE-0002", headers=head)
    assert response.status_code == 403
    assert response.get_json()["type"] == "urn:epimorfosi:problem:out-of-scope"


@pytest.mark.parametrize("roles, claims", [(["kse-head"], {}), (["teacher"], {}), (["technical-lead"], {"centre_id": "KSE-0001"})])
def test_others_are_out_of_scope(client, issuer, three_programmes, roles, claims):
    assert client.get("/v1/programmes", headers=issuer.headers("x", roles, **claims)).status_code == 403


def test_central_admin_sees_every_centre_or_filters_one(client, issuer, three_programmes):
    admin = issuer.headers("admin", ["central-admin"])
    response = client.get("/v1/programmes", headers=admin)
    assert len(codes(response)) == 3
    assert json.loads(response.headers["X-Pagination"])["total"] == 3
    assert codes(client.get("/v1/programmes?centre=KSE-0002", headers=admin)) == ["2026-B2-4-IIa-B2.5-ΑΡΚΑΔΙΑΣ-001"]
    assert codes(client.get("/v1/programmes?period_id=2", headers=admin)) == []
    item = client.get("/v1/programmes?centre=KSE-0001", headers=admin).get_json()[-1]
    assert item["starts_on"] == "2026-11-16" and item["capacity"] == 15 and item["category"] == "IIb"


def test_bad_centre_parameter_is_422_and_a_token_is_needed(client, issuer):
    admin = issuer.headers("admin", ["central-admin"])
    assert client.get("/v1/programmes?centre=nope", headers=admin).status_code == 422
    assert client.get("/v1/programmes").status_code == 401


def test_centre_filter_rule():
    assert access.programmes_centre_filter({"central-admin"}, None, None) is None
    assert access.programmes_centre_filter({"central-admin"}, None, "KSE-0002") == "KSE-0002"
    assert access.programmes_centre_filter({"kse-head"}, "KSE-0001", None) == "KSE-0001"
    with pytest.raises(access.OutOfScope):
        access.programmes_centre_filter({"kse-head"}, "KSE-0001", "KSE-0002")
    with pytest.raises(access.OutOfScope):
        access.programmes_centre_filter({"coordinator"}, None, None)
