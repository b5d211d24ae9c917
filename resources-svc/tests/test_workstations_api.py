import pytest

from resources_svc_rooms_helpers import ROOM, WORKSTATION, events, register, workstations

CHANGED = "resources.room.capacity_changed.v1"


@pytest.fixture
def room(client, admin):
    register(client, admin, "KSE-0001", "KSE-0002")
    body = dict(ROOM, certified=True, capacity=15, workstations=workstations(2, True) + workstations(1, False, start=3))
    return client.post("/v1/centres/KSE-0001/rooms", json=body, headers=admin).get_json()


def path(room, suffix=""):
    return f"/v1/centres/KSE-0001/rooms/{room['id']}/workstations{suffix}"


def counts(client, room, headers):
    got = client.get(f"/v1/centres/KSE-0001/rooms/{room['id']}", headers=headers).get_json()
    return got["certified_workstations"], got["uncertified_workstations"], got["usable_capacity"]


def test_the_lists_behind_the_counts(client, room, head):
    everything = client.get(path(room), headers=head).get_json()
    assert [(w["label"], w["certified"]) for w in everything] == \
        [("Σταθμός 1", True), ("Σταθμός 2", True), ("Σταθμός 3", False)]
    assert {k: everything[0][k] for k in WORKSTATION} == dict(WORKSTATION, label="Σταθμός 1")
    assert [w["label"] for w in client.get(path(room, "?certified=true"), headers=head).get_json()] == \
        ["Σταθμός 1", "Σταθμός 2"]
    assert [w["label"] for w in client.get(path(room, "?certified=false"), headers=head).get_json()] == ["Σταθμός 3"]


def test_head_adds_edits_and_deletes_workstations_and_counts_follow(client, app, room, head):
    added = client.post(path(room), json=dict(WORKSTATION, label="Σταθμός 4"), headers=head)
    assert added.status_code == 201, added.get_json()
    assert counts(client, room, head) == (2, 2, 2)
    assert events(app, CHANGED) == []  # an uncertified workstation adds no seat

    first = client.get(path(room), headers=head).get_json()[0]
    edited = client.patch(path(room, f"/{first['id']}"), json={"memory": "16 GB"}, headers=head)
    assert edited.status_code == 200, edited.get_json()
    # The head changed a certified workstation's characteristics: its certification is withdrawn.
    assert (edited.get_json()["memory"], edited.get_json()["certified"]) == ("16 GB", False)
    assert counts(client, room, head) == (1, 3, 1)

    assert client.delete(path(room, f"/{added.get_json()['id']}"), headers=head).status_code == 204
    assert counts(client, room, head) == (1, 2, 1)
    [change] = events(app, CHANGED)
    assert (change["data"]["previous_usable_capacity"], change["data"]["usable_capacity"]) == (2, 1)
    assert change["data"]["certified_workstations"] == 1


def test_only_central_admins_certify_workstations(client, app, room, head, admin):
    refused = client.post(path(room), json=dict(WORKSTATION, label="Σταθμός 9", certified=True), headers=head)
    assert refused.status_code == 403
    assert refused.get_json()["type"] == "urn:epimorfosi:problem:certification-by-central-admin"
    uncertified = client.get(path(room, "?certified=false"), headers=head).get_json()[0]
    assert client.patch(path(room, f"/{uncertified['id']}"), json={"certified": True}, headers=head).status_code == 403
    assert client.patch(path(room, f"/{uncertified['id']}"), json={"certified": False}, headers=head).status_code == 403

    certified = client.patch(path(room, f"/{uncertified['id']}"), json={"certified": True, "memory": "32 GB"},
                             headers=admin)
    assert certified.get_json()["certified"] is True  # an admin's edit keeps what they set
    assert counts(client, room, admin) == (3, 0, 3)
    [change] = events(app, CHANGED)
    assert (change["data"]["previous_usable_capacity"], change["data"]["usable_capacity"]) == (2, 3)


def test_labels_are_unique_per_room_and_errors_are_greek(client, room, head):
    taken = client.post(path(room), json=dict(WORKSTATION, label="Σταθμός 1"), headers=head)
    assert taken.status_code == 409
    assert taken.get_json()["detail"] == "Η αίθουσα έχει ήδη σταθμό εργασίας «Σταθμός 1»."
    missing = client.post(path(room), json={"label": "Χ"}, headers=head)
    assert missing.status_code == 422
    assert missing.get_json()["errors"]["json"]["processor"] == ["Το πεδίο είναι υποχρεωτικό."]


def test_unknown_workstation_or_room_is_404(client, room, admin):
    assert client.patch(path(room, "/999999"), json={"memory": "1 GB"}, headers=admin).status_code == 404
    assert client.delete(path(room, "/999999"), headers=admin).status_code == 404
    response = client.get("/v1/centres/KSE-0002/rooms/%d/workstations" % room["id"], headers=admin)
    assert response.status_code == 404
    assert response.get_json()["type"] == "urn:epimorfosi:problem:room-not-found"
