import json

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from resources_svc import SERVICE
from resources_svc.models import Room

CENTRE = {
    "code": "KSE-0001",
    "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
    "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
    "prefecture": "ΜΕΣΣΗΝΙΑΣ",
    "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ",
}
ROOM = {
    "name": "Εργαστήριο Πληροφορικής 1",
    "certified": True,
    "capacity": 15,
    "certified_workstations": 16,
    "uncertified_workstations": 2,
    "specs": "Intel i5, 8 GB RAM, Windows 11",
    "evaluation": "Κατάλληλη",
}


@pytest.fixture(autouse=True)
def centres(client, admin):
    for code in ("KSE-0001", "KSE-0002"):
        assert client.post("/v1/centres", json=dict(CENTRE, code=code), headers=admin).status_code == 201


def room_events(app):
    runtime = app.extensions["epimorfosi"]
    outbox = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(outbox).where(outbox.c.event_type == "resources.room.added.v1")).all()
    return [json.loads(r.envelope) for r in rows]


def rooms(app):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalars(select(Room)).all()


def test_kse_head_adds_a_room_to_their_centre_and_the_event_is_in_the_outbox(client, app, head):
    response = client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=head)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert {k: body[k] for k in ROOM} == ROOM
    assert body["centre_code"] == "KSE-0001" and body["usable"] is True
    [envelope] = room_events(app)
    schema = json.loads((SERVICE.events_dir / "resources.room.added.v1.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(envelope["data"])
    assert envelope["subject"] == str(body["id"])
    assert envelope["data"] == {
        "room_id": body["id"],
        "centre_code": "KSE-0001",
        "name": ROOM["name"],
        "certified": True,
        "capacity": 15,
        "certified_workstations": 16,
        "uncertified_workstations": 2,
        "usable": True,
    }


def test_central_admin_adds_rooms_anywhere_and_optional_fields_default(client, admin):
    minimal = {"name": "Αίθουσα 2", "certified": False, "capacity": 20, "certified_workstations": 0}
    response = client.post("/v1/centres/KSE-0002/rooms", json=minimal, headers=admin)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["uncertified_workstations"], body["specs"], body["usable"]) == (0, "", False)


def test_who_may_add_rooms(client, app, issuer, head):
    assert client.post("/v1/centres/KSE-0001/rooms", json=ROOM).status_code == 401
    # Another centre's head: out of scope, whether or not that centre exists.
    for code in ("KSE-0002", "KSE-9999"):
        response = client.post(f"/v1/centres/{code}/rooms", json=ROOM, headers=head)
        assert response.status_code == 403
        assert response.get_json()["type"] == "urn:epimorfosi:problem:out-of-scope"
    for roles in (["teacher"], ["coordinator"]):
        headers = issuer.headers("u", roles, centre_id="KSE-0001")
        assert client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=headers).status_code == 403
    assert rooms(app) == [] and room_events(app) == []


def test_room_of_an_unknown_centre_is_404(client, admin):
    response = client.post("/v1/centres/KSE-9999/rooms", json=ROOM, headers=admin)
    assert response.status_code == 404
    assert response.get_json()["detail"] == "Το ΚΣΕ με κωδικό KSE-9999 δεν βρέθηκε."


def test_invalid_room_is_422_in_greek_and_changes_nothing(client, app, head):
    cases = [
        (dict(ROOM, capacity=0), "capacity", "Η δυναμικότητα πρέπει να είναι από 1 έως 1000."),
        (dict(ROOM, capacity=15.5), "capacity", "Πρέπει να είναι ακέραιος αριθμός."),
        (dict(ROOM, certified_workstations=-1), "certified_workstations", "Από 0 έως 1000."),
        (dict(ROOM, uncertified_workstations=-3), "uncertified_workstations", "Από 0 έως 1000."),
        (dict(ROOM, certified="ίσως"), "certified", "Πρέπει να είναι true ή false."),
        ({k: v for k, v in ROOM.items() if k != "certified"}, "certified", "Το πεδίο είναι υποχρεωτικό."),
        (dict(ROOM, name=None), "name", "Το πεδίο δεν μπορεί να είναι κενό (null)."),
    ]
    for body, field, message in cases:
        response = client.post("/v1/centres/KSE-0001/rooms", json=body, headers=head)
        assert response.status_code == 422, body
        assert response.mimetype == "application/problem+json"
        assert message in response.get_json()["errors"]["json"][field]
    assert rooms(app) == [] and room_events(app) == []


def test_room_names_are_unique_per_centre(client, admin, head):
    assert client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=head).status_code == 201
    response = client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=head)
    assert response.status_code == 409
    assert response.get_json()["detail"] == "Το ΚΣΕ KSE-0001 έχει ήδη αίθουσα με όνομα «Εργαστήριο Πληροφορικής 1»."
    # The same name in another centre is another room.
    assert client.post("/v1/centres/KSE-0002/rooms", json=ROOM, headers=admin).status_code == 201


def test_rooms_are_listed_for_the_centre_and_its_people_only(client, admin, head, issuer):
    client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=head)
    client.post("/v1/centres/KSE-0001/rooms", json=dict(ROOM, name="Αίθουσα Α", certified=False), headers=head)
    client.post("/v1/centres/KSE-0002/rooms", json=dict(ROOM, name="Άλλη"), headers=admin)

    listed = client.get("/v1/centres/KSE-0001/rooms", headers=head).get_json()
    assert [(r["name"], r["usable"]) for r in listed] == [("Αίθουσα Α", False), ("Εργαστήριο Πληροφορικής 1", True)]
    coordinator = issuer.headers("c", ["coordinator"], centre_id="KSE-0001")
    assert len(client.get("/v1/centres/KSE-0001/rooms", headers=coordinator).get_json()) == 2
    assert len(client.get("/v1/centres/KSE-0002/rooms", headers=admin).get_json()) == 1

    assert client.get("/v1/centres/KSE-0002/rooms", headers=head).status_code == 403
    assert client.get("/v1/centres/KSE-0001/rooms", headers=issuer.headers("t", ["teacher"])).status_code == 403
    assert client.get("/v1/centres/KSE-0001/rooms").status_code == 401
    assert client.get("/v1/centres/KSE-9999/rooms", headers=admin).status_code == 404
