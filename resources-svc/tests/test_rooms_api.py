from sqlalchemy import select

from resources_svc.models import Room
from resources_svc_rooms_helpers import ROOM, events, register, workstations

import pytest


@pytest.fixture(autouse=True)
def centres(client, admin):
    register(client, admin, "KSE-0001", "KSE-0002")


def rooms(app):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalars(select(Room)).all()


def test_admin_adds_a_certified_room_with_workstations_and_the_event_is_in_the_outbox(client, app, admin):
    body = dict(ROOM, certified=True, evaluation="Κατάλληλη",
                workstations=workstations(16, True) + workstations(2, False, start=17))
    response = client.post("/v1/centres/KSE-0001/rooms", json=body, headers=admin)
    assert response.status_code == 201, response.get_json()
    room = response.get_json()
    assert (room["certified_workstations"], room["uncertified_workstations"]) == (16, 2)
    assert (room["usable"], room["usable_capacity"], room["centre_code"]) == (True, 15, "KSE-0001")
    [envelope] = events(app, "resources.room.added.v1")
    assert envelope["subject"] == str(room["id"])
    assert envelope["data"] == {
        "room_id": room["id"], "centre_code": "KSE-0001", "name": ROOM["name"], "certified": True,
        "capacity": 15, "certified_workstations": 16, "uncertified_workstations": 2, "usable": True,
        "version": 1,
    }


def test_kse_head_adds_an_uncertified_room_to_their_centre(client, head):
    response = client.post("/v1/centres/KSE-0001/rooms", json=dict(ROOM, workstations=workstations(3, False)),
                           headers=head)
    assert response.status_code == 201, response.get_json()
    room = response.get_json()
    assert (room["certified"], room["evaluation"], room["uncertified_workstations"], room["usable_capacity"]) == \
        (False, "", 3, 0)


@pytest.mark.parametrize("body", [
    dict(ROOM, certified=True),
    dict(ROOM, evaluation="Κατάλληλη"),
    dict(ROOM, workstations=workstations(1, True)),
])
def test_a_centre_head_cannot_certify_or_evaluate_403_in_greek(client, app, head, body):
    response = client.post("/v1/centres/KSE-0001/rooms", json=body, headers=head)
    assert response.status_code == 403
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:certification-by-central-admin"
    assert problem["detail"] == "Την πιστοποίηση και το αποτέλεσμα αξιολόγησης ορίζει μόνο ο Κεντρικός Διαχειριστής."
    assert rooms(app) == [] and events(app, "resources.room.added.v1") == []


def test_central_admin_certifies_and_evaluates_a_room_and_its_capacity_change_is_announced(client, app, admin, head):
    room = client.post("/v1/centres/KSE-0001/rooms", json=dict(ROOM, workstations=workstations(12, True)),
                       headers=admin).get_json()
    path = f"/v1/centres/KSE-0001/rooms/{room['id']}"
    assert client.patch(path, json={"certified": True}, headers=head).status_code == 403
    assert client.patch(path, json={"evaluation": "Κατάλληλη"}, headers=head).status_code == 403

    changed = client.patch(path, json={"certified": True, "evaluation": "Κατάλληλη"}, headers=admin)
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["usable_capacity"], changed.get_json()["evaluation"]) == (12, "Κατάλληλη")
    # The head changes the capacity (below the certified workstations): the usable capacity follows.
    assert client.patch(path, json={"capacity": 10}, headers=head).get_json()["usable_capacity"] == 10
    # A change that leaves the usable capacity as it was is not announced.
    assert client.patch(path, json={"specs": "Α' όροφος", "capacity": 11}, headers=head).status_code == 200
    assert client.patch(path, json={"specs": "Β' όροφος"}, headers=head).status_code == 200
    changes = [(e["data"]["previous_usable_capacity"], e["data"]["usable_capacity"])
               for e in events(app, "resources.room.capacity_changed.v1")]
    assert changes == [(0, 12), (12, 10), (10, 11)]
    # Each announced change raises the room's version (the unannounced one does not).
    assert [e["data"]["version"] for e in events(app, "resources.room.capacity_changed.v1")] == [2, 3, 4]
    assert all(e["subject"] == str(room["id"]) for e in events(app, "resources.room.capacity_changed.v1"))


def test_room_of_an_unknown_centre_is_404(client, admin):
    response = client.post("/v1/centres/KSE-9999/rooms", json=ROOM, headers=admin)
    assert response.status_code == 404
    assert response.get_json()["detail"] == "Το ΚΣΕ με κωδικό KSE-9999 δεν βρέθηκε."


def test_a_room_of_another_centre_is_404(client, admin):
    room = client.post("/v1/centres/KSE-0002/rooms", json=ROOM, headers=admin).get_json()
    response = client.patch(f"/v1/centres/KSE-0001/rooms/{room['id']}", json={"capacity": 3}, headers=admin)
    assert response.status_code == 404
    assert response.get_json()["type"] == "urn:epimorfosi:problem:room-not-found"


def test_invalid_room_is_422_in_greek_and_changes_nothing(client, app, head):
    cases = [
        (dict(ROOM, capacity=0), "capacity", "Η δυναμικότητα πρέπει να είναι από 1 έως 1000."),
        (dict(ROOM, capacity=15.5), "capacity", "Πρέπει να είναι ακέραιος αριθμός."),
        (dict(ROOM, certified="ίσως"), "certified", "Πρέπει να είναι true ή false."),
        ({k: v for k, v in ROOM.items() if k != "capacity"}, "capacity", "Το πεδίο είναι υποχρεωτικό."),
        (dict(ROOM, name=None), "name", "Το πεδίο δεν μπορεί να είναι κενό (null)."),
        (dict(ROOM, certified_workstations=16), "certified_workstations", "Άγνωστο πεδίο."),
    ]
    for body, field, message in cases:
        response = client.post("/v1/centres/KSE-0001/rooms", json=body, headers=head)
        assert response.status_code == 422, body
        assert response.mimetype == "application/problem+json"
        assert message in response.get_json()["errors"]["json"][field], response.get_json()
    assert rooms(app) == [] and events(app, "resources.room.added.v1") == []


def test_room_names_are_unique_per_centre(client, admin, head):
    assert client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=head).status_code == 201
    response = client.post("/v1/centres/KSE-0001/rooms", json=ROOM, headers=head)
    assert response.status_code == 409
    assert response.get_json()["detail"] == "Το ΚΣΕ KSE-0001 έχει ήδη αίθουσα με όνομα «Εργαστήριο Πληροφορικής 1»."
    assert client.post("/v1/centres/KSE-0002/rooms", json=ROOM, headers=admin).status_code == 201
    other = client.post("/v1/centres/KSE-0001/rooms", json=dict(ROOM, name="Αίθουσα Β"), headers=head).get_json()
    response = client.patch(f"/v1/centres/KSE-0001/rooms/{other['id']}", json={"name": ROOM["name"]}, headers=head)
    assert response.status_code == 409


def test_rooms_are_listed_by_name_with_their_counts(client, admin, head):
    client.post("/v1/centres/KSE-0001/rooms", json=dict(ROOM, certified=True, workstations=workstations(4, True)),
                headers=admin)
    client.post("/v1/centres/KSE-0001/rooms", json=dict(ROOM, name="Αίθουσα Α"), headers=head)
    listed = client.get("/v1/centres/KSE-0001/rooms", headers=head).get_json()
    assert [(r["name"], r["certified_workstations"], r["usable"], r["usable_capacity"]) for r in listed] == \
        [("Αίθουσα Α", 0, False, 0), ("Εργαστήριο Πληροφορικής 1", 4, True, 4)]
