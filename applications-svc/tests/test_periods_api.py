import json

from sqlalchemy import select

from applications_svc.models import TrainingPeriod

PERIOD = {
    "code": "2026-B1-7",
    "name": "7η Περίοδος Β1 - 4η Περίοδος Β2",
    "interest_opens_at": "2026-09-01T09:00:00+03:00",
    "interest_closes_at": "2026-09-15T23:59:00+03:00",
    "applications_a_opens_at": "2026-09-20T09:00:00+03:00",
    "applications_a_closes_at": "2026-10-05T23:59:00+03:00",
    "applications_b_opens_at": "2026-10-10T09:00:00+03:00",
    "applications_b_closes_at": "2026-10-20T23:59:00+03:00",
    "allocation_published_at": "2026-10-25T12:00:00+03:00",
    "enrolment_deadline": "2026-11-10T23:59:00+03:00",
}


def outbox_rows(app):
    runtime = app.extensions["epimorfosi"]
    with runtime.db.session() as s:
        return s.execute(select(runtime.tables.outbox)).all()


def periods(app):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalars(select(TrainingPeriod)).all()


def test_central_admin_opens_a_period_and_the_event_is_in_the_outbox(client, app, issuer):
    response = client.post("/v1/periods", json=PERIOD, headers=issuer.headers("admin", ["central-admin"]))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["name"] == PERIOD["name"]
    rows = outbox_rows(app)
    assert [r.event_type for r in rows] == ["applications.period.opened.v1"]
    envelope = json.loads(rows[0].envelope)
    assert envelope["data"]["period_id"] == body["id"]
    assert envelope["source"] == "/applications-svc" and envelope["specversion"] == "1.0"
    assert response.headers["X-Request-ID"] == envelope["causationid"]


def test_wrong_role_is_forbidden_and_changes_nothing(client, app, issuer):
    response = client.post("/v1/periods", json=PERIOD, headers=issuer.headers("t1", ["teacher"]))
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert periods(app) == [] and outbox_rows(app) == []


def test_no_token_is_401_with_problem(client):
    response = client.post("/v1/periods", json=PERIOD)
    assert response.status_code == 401
    assert response.get_json()["title"] == "Απαιτείται σύνδεση"


def test_windows_out_of_order_are_refused_in_greek(client, app, issuer):
    bad = dict(PERIOD, enrolment_deadline="2026-10-01T00:00:00+03:00")
    response = client.post("/v1/periods", json=bad, headers=issuer.headers("admin", ["central-admin"]))
    assert response.status_code == 422
    problem = response.get_json()
    assert "enrolment_deadline" in problem["errors"]
    assert periods(app) == [] and outbox_rows(app) == []


def test_malformed_body_is_422_problem_not_500(client, app, issuer):
    headers = issuer.headers("admin", ["central-admin"])
    for body in ({}, {"code": "x"}, dict(PERIOD, interest_opens_at="not a date"), dict(PERIOD, code="κακός κωδικός")):
        response = client.post("/v1/periods", json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.mimetype == "application/problem+json"
    response = client.post("/v1/periods", data="{not json", headers={**headers, "Content-Type": "application/json"})
    assert 400 <= response.status_code < 500
    assert outbox_rows(app) == []


def test_duplicate_code_is_409(client, issuer):
    headers = issuer.headers("admin", ["central-admin"])
    assert client.post("/v1/periods", json=PERIOD, headers=headers).status_code == 201
    response = client.post("/v1/periods", json=PERIOD, headers=headers)
    assert response.status_code == 409
    assert "2026-B1-7" in response.get_json()["detail"]


def test_idempotency_key_replays_the_first_response(client, app, issuer):
    headers = {**issuer.headers("admin", ["central-admin"]), "Idempotency-Key": "abc-1"}
    first = client.post("/v1/periods", json=PERIOD, headers=headers)
    second = client.post("/v1/periods", json=PERIOD, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.get_json() == second.get_json()
    assert len(periods(app)) == 1 and len(outbox_rows(app)) == 1
    other = client.post("/v1/periods", json=dict(PERIOD, code="other"), headers=headers)
    assert other.status_code == 422


def test_openapi_document_is_served_and_committed(client):
    from epimorfosi_platform.cli import committed_openapi_path
    from applications_svc import SERVICE

    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    served = response.get_json()
    assert "/v1/periods" in served["paths"]
    committed = json.loads(committed_openapi_path(SERVICE).read_text(encoding="utf-8"))
    assert committed == served, "run `python -m applications_svc openapi --write`"


def test_health_and_metrics(client):
    assert client.get("/livez").status_code == 200
    ready = client.get("/readyz")
    assert ready.get_json()["checks"]["database"]["ok"] is True
    metrics = client.get("/metrics").get_data(as_text=True)
    assert "outbox_backlog" in metrics
