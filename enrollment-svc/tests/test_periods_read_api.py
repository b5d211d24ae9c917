import json
from datetime import datetime, timedelta, timezone

from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.inbox import Inbox

from enrollment_svc_helpers import QUEUE, period_opened
from enrollment_svc.consumers import record_period_opened


def feed(app, *events):
    runtime = app.extensions["epimorfosi"]
    inbox = Inbox.of(runtime, QUEUE)
    for event in events:
        inbox.handle(event, record_period_opened)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def test_periods_are_listed_newest_first_with_enrolment_open_by_the_service_clock(client, app, issuer):
    clock = app.extensions["epimorfosi"].clock = SettableClock("2026-11-01T12:00:00+02:00")
    now = clock.now()
    feed(
        app,
        period_opened(period_id=6, code="2025-B1-6", deadline=iso(now - timedelta(days=30))),
        period_opened(period_id=7, code="2026-B1-7", deadline=iso(now + timedelta(days=10))),
    )
    response = client.get("/v1/periods", headers=issuer.headers("t1", ["teacher"]))
    assert response.status_code == 200
    body = response.get_json()
    assert [(p["period_id"], p["enrolment_open"]) for p in body] == [(7, True), (6, False)]
    assert body[0]["code"] == "2026-B1-7" and body[0]["last_event_id"]
    assert datetime.fromisoformat(body[0]["received_at"]) == now  # the handler's clock too
    clock.advance(days=10)  # the deadline itself: closed
    body = client.get("/v1/periods", headers=issuer.headers("t1", ["teacher"])).get_json()
    assert [(p["period_id"], p["enrolment_open"]) for p in body] == [(7, False), (6, False)]


def test_one_period_keeps_the_deadline_instant(client, app, issuer):
    feed(app, period_opened(period_id=7, deadline="2026-11-10T23:59:00+03:00"))
    response = client.get("/v1/periods/7", headers=issuer.headers("head", ["kse-head"], centre_id="KSE-0001"))
    assert response.status_code == 200
    deadline = datetime.fromisoformat(response.get_json()["enrolment_deadline"])
    assert deadline == datetime(2026, 11, 10, 20, 59, tzinfo=timezone.utc)


def test_unknown_period_is_404_in_greek(client, issuer):
    response = client.get("/v1/periods/999", headers=issuer.headers("t1", ["teacher"]))
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "Η περίοδος δεν βρέθηκε."


def test_reading_needs_a_valid_token(client, issuer):
    assert client.get("/v1/periods").status_code == 401
    expired = issuer.token("t1", ["teacher"], expires_in=-120)
    response = client.get("/v1/periods/7", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert response.get_json()["type"] == "urn:epimorfosi:problem:invalid-token"


def test_openapi_document_is_served_and_committed(client):
    from epimorfosi_platform.cli import committed_openapi_path

    from enrollment_svc import SERVICE

    served = client.get("/v1/openapi.json").get_json()
    assert {"/v1/periods", "/v1/periods/{period_id}", "/v1/programmes"} <= set(served["paths"])
    committed = json.loads(committed_openapi_path(SERVICE).read_text(encoding="utf-8"))
    assert committed == served, "run `python -m enrollment_svc openapi --write`"


def test_health(client):
    assert client.get("/livez").get_json()["service"] == "enrollment-svc"
    assert client.get("/readyz").get_json()["checks"]["database"]["ok"] is True
