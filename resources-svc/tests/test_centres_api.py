import json

from epimorfosi_platform.events import validate_example
from jsonschema import Draft202012Validator
from sqlalchemy import select

from resources_svc import SERVICE
from resources_svc.models import Centre

CENTRE = {
    "code": "KSE-0001",
    "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
    "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
    "prefecture": "ΜΕΣΣΗΝΙΑΣ",
    "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ",
}
OTHER = dict(CENTRE, code="KSE-0002", name="1ο ΓΥΜΝΑΣΙΟ ΠΑΤΡΑΣ", directorate="Διεύθυνση Δ.Ε. Αχαΐας", prefecture="ΑΧΑΪΑΣ", region="ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ")


def outbox_rows(app):
    runtime = app.extensions["epimorfosi"]
    with runtime.db.session() as s:
        return s.execute(select(runtime.tables.outbox).order_by(runtime.tables.outbox.c.id)).all()


def centres(app):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalars(select(Centre)).all()


def schema_of(event_type: str) -> dict:
    return json.loads((SERVICE.events_dir / f"{event_type}.schema.json").read_text(encoding="utf-8"))


def test_central_admin_registers_a_centre_and_the_event_is_in_the_outbox(client, app, admin):
    response = client.post("/v1/centres", json=CENTRE, headers=admin)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert {k: body[k] for k in CENTRE} == CENTRE and body["created_at"].endswith("+00:00")
    [row] = outbox_rows(app)
    envelope = json.loads(row.envelope)
    assert row.event_type == envelope["type"] == "resources.centre.registered.v1"
    assert envelope["subject"] == "KSE-0001" and envelope["source"] == "/resources-svc"
    Draft202012Validator(schema_of(row.event_type)).validate(envelope["data"])
    assert envelope["data"] == CENTRE
    assert response.headers["X-Request-ID"] == envelope["causationid"]


def test_examples_match_their_schemas():
    for event_type in ("resources.centre.registered.v1", "resources.room.added.v1"):
        validate_example(SERVICE.events_dir, event_type)
        schema = schema_of(event_type)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False


def test_only_central_admin_registers_centres(client, app, issuer, head):
    assert client.post("/v1/centres", json=CENTRE).status_code == 401
    for headers in (head, issuer.headers("t1", ["teacher"])):
        response = client.post("/v1/centres", json=CENTRE, headers=headers)
        assert response.status_code == 403
        assert response.mimetype == "application/problem+json"
    assert centres(app) == [] and outbox_rows(app) == []


def test_invalid_centre_is_422_in_greek_and_changes_nothing(client, app, admin):
    cases = [
        ({}, "code", "Το πεδίο είναι υποχρεωτικό."),
        (dict(CENTRE, code="0001"), "code", "Ο κωδικός ΚΣΕ έχει τη μορφή KSE-0001."),
        (dict(CENTRE, name="   "), "name", "Από 3 έως 200 χαρακτήρες."),
        (dict(CENTRE, region=5), "region", "Πρέπει να είναι κείμενο."),
        (dict(CENTRE, colour="red"), "colour", "Άγνωστο πεδίο."),
    ]
    for body, field, message in cases:
        response = client.post("/v1/centres", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.mimetype == "application/problem+json"
        problem = response.get_json()
        assert problem["detail"] == "Ελέγξτε τα πεδία που επισημαίνονται."
        assert message in problem["errors"]["json"][field], problem
    response = client.post("/v1/centres", json=["KSE-0001"], headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["_schema"] == ["Τα στοιχεία πρέπει να δοθούν ως αντικείμενο JSON."]
    assert centres(app) == [] and outbox_rows(app) == []


def test_duplicate_code_is_409_in_greek(client, app, admin):
    assert client.post("/v1/centres", json=CENTRE, headers=admin).status_code == 201
    response = client.post("/v1/centres", json=dict(CENTRE, name="Άλλο όνομα"), headers=admin)
    assert response.status_code == 409
    assert response.get_json()["detail"] == "Υπάρχει ήδη ΚΣΕ με κωδικό KSE-0001."
    assert len(centres(app)) == 1 and len(outbox_rows(app)) == 1


def test_idempotency_key_replays_the_registration(client, app, admin):
    headers = {**admin, "Idempotency-Key": "centre-1"}
    first = client.post("/v1/centres", json=CENTRE, headers=headers)
    second = client.post("/v1/centres", json=CENTRE, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(centres(app)) == 1 and len(outbox_rows(app)) == 1


def test_kse_head_sees_only_their_own_centre(client, admin, head, issuer):
    for centre in (CENTRE, OTHER):
        assert client.post("/v1/centres", json=centre, headers=admin).status_code == 201

    assert [c["code"] for c in client.get("/v1/centres", headers=admin).get_json()] == ["KSE-0001", "KSE-0002"]
    assert [c["code"] for c in client.get("/v1/centres", headers=head).get_json()] == ["KSE-0001"]
    # A teacher may read the public register of centres.
    assert len(client.get("/v1/centres", headers=issuer.headers("t1", ["teacher"])).get_json()) == 2
    # A KSE head whose token names no centre sees nothing rather than everything.
    assert client.get("/v1/centres", headers=issuer.headers("h", ["kse-head"])).get_json() == []

    assert client.get("/v1/centres/KSE-0001", headers=head).get_json()["name"] == CENTRE["name"]
    response = client.get("/v1/centres/KSE-0002", headers=head)
    assert response.status_code == 403
    assert response.get_json()["detail"] == "Έχετε πρόσβαση μόνο στα στοιχεία του δικού σας ΚΣΕ."
    # Out of scope is 403 whether or not the centre exists: codes cannot be probed.
    assert client.get("/v1/centres/KSE-9999", headers=head).status_code == 403


def test_unknown_centre_is_404_in_greek(client, admin):
    response = client.get("/v1/centres/KSE-9999", headers=admin)
    assert response.status_code == 404
    assert response.get_json()["detail"] == "Το ΚΣΕ με κωδικό KSE-9999 δεν βρέθηκε."


def test_reading_needs_a_token(client):
    response = client.get("/v1/centres")
    assert response.status_code == 401
    assert response.get_json()["title"] == "Απαιτείται σύνδεση"


def test_openapi_document_is_served_and_committed(client):
    from epimorfosi_platform.cli import committed_openapi_path

    served = client.get("/v1/openapi.json").get_json()
    assert {"/v1/centres", "/v1/centres/{code}", "/v1/centres/{code}/rooms"} <= set(served["paths"])
    committed = json.loads(committed_openapi_path(SERVICE).read_text(encoding="utf-8"))
    assert committed == served, "run `python -m resources_svc openapi --write`"


def test_health_and_metrics(client):
    assert client.get("/livez").get_json()["service"] == "resources-svc"
    assert client.get("/readyz").get_json()["checks"]["database"]["ok"] is True
    assert "outbox_backlog" in client.get("/metrics").get_data(as_text=True)
