"""A room's page and its workstations (the lists the counts of «Διαχείριση Αιθουσών» open), for the
centre head of the room's centre and for a central administrator, against a fake gateway."""
from __future__ import annotations

import pytest

API = "/api/resources/v1/centres/KSE-0001"
ROOM = {"id": 5, "centre_code": "KSE-0001", "name": "Εργαστήριο 1", "certified": True, "capacity": 15,
        "certified_workstations": 1, "uncertified_workstations": 1, "usable": True, "usable_capacity": 1,
        "specs": "", "evaluation": "Κατάλληλη"}
CERTIFIED = {"id": 21, "room_id": 5, "label": "Σταθμός 1", "processor": "Intel Core i5-12400", "memory": "8 GB",
             "disk": "SSD 256 GB", "operating_system": "Windows 11", "screen": '22" LCD',
             "network": "Ethernet 1 Gbps", "certified": True}
UNCERTIFIED = dict(CERTIFIED, id=22, label="Σταθμός 2", processor="Intel Pentium G4560", certified=False)
FORM = {"label": "Σταθμός 3", "processor": "AMD Ryzen 5", "memory": "16 GB", "disk": "SSD 512 GB",
        "operating_system": "Ubuntu 24.04", "screen": '24" LED', "network": "Wi-Fi 6"}


@pytest.fixture
def room(gateway):
    gateway.on("GET", f"{API}/rooms/5", 200, ROOM)
    gateway.on("GET", f"{API}/rooms/5/workstations", 200, [CERTIFIED, UNCERTIFIED])


def test_the_counts_of_the_rooms_table_open_the_two_lists(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", API, 200, {"code": "KSE-0001", "name": "ΚΣΕ 1"})
    gateway.on("GET", f"{API}/rooms", 200, [ROOM])
    html = client.get("/resources/rooms").get_data(as_text=True)
    assert 'href="/resources/rooms/5?certified=yes">1<' in html and 'href="/resources/rooms/5?certified=no">1<' in html


def test_the_head_sees_the_technical_characteristics_of_one_list(client, signed_in, gateway, room):
    signed_in("kse-head", centre_id="KSE-0001")
    html = client.get("/resources/rooms/5?certified=no").get_data(as_text=True)
    call = next(c for c in gateway.calls if c["path"].endswith("/workstations"))
    assert call["params"] == {"certified": "false"}
    for text in ("Εργαστήριο 1", "Επεξεργαστής", "Μνήμη", "Δίσκος", "Λειτουργικό σύστημα", "Οθόνη", "Δίκτυο",
                 "Intel Core i5-12400", "Μη πιστοποιημένοι (1)", "δεν χρησιμοποιούνται κατά τη διάρκεια",
                 "Προσθήκη σταθμού εργασίας"):
        assert text in html
    # certification is the central administrator's: no such control for the head
    assert "Πιστοποίηση<" not in html and "Πιστοποιημένος σταθμός εργασίας" not in html
    assert "Πιστοποίηση και αξιολόγηση αίθουσας" not in html


def test_the_head_adds_a_workstation_without_certification(client, signed_in, gateway, room):
    row = signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("POST", f"{API}/rooms/5/workstations", 201, dict(FORM, id=23, room_id=5, certified=False))
    response = client.post("/resources/rooms/5", data={"csrf_token": row.csrf_token, "action": "workstation",
                                                       "certified": "yes", **FORM})
    assert response.status_code == 303 and response.headers["Location"].endswith("/resources/rooms/5?added=1")
    assert next(c for c in gateway.calls if c["method"] == "POST")["body"] == FORM


def test_the_apis_errors_come_back_next_to_the_workstation_fields(client, signed_in, gateway, room):
    row = signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("POST", f"{API}/rooms/5/workstations", 422, {
        "status": 422, "detail": "Μη έγκυρα στοιχεία.", "errors": {"json": {"memory": ["Από 1 έως 100 χαρακτήρες."]}}})
    response = client.post("/resources/rooms/5", data={"csrf_token": row.csrf_token, "action": "workstation",
                                                       **dict(FORM, memory="")})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#field-memory">Μνήμη: Από 1 έως 100 χαρακτήρες.' in html
    assert 'value="AMD Ryzen 5"' in html


def test_the_head_edits_a_workstation_read_from_the_list(client, signed_in, gateway, room):
    row = signed_in("kse-head", centre_id="KSE-0001")
    html = client.get("/resources/rooms/5/workstations/21").get_data(as_text=True)
    assert 'value="Intel Core i5-12400"' in html and "η πιστοποίησή του αίρεται" in html
    assert client.get("/resources/rooms/5/workstations/99").status_code == 404
    gateway.on("PATCH", f"{API}/rooms/5/workstations/21", 200, CERTIFIED)
    response = client.post("/resources/rooms/5/workstations/21", data={"csrf_token": row.csrf_token, **FORM})
    assert response.status_code == 303 and "saved=1" in response.headers["Location"]
    assert next(c for c in gateway.calls if c["method"] == "PATCH")["body"] == FORM


def test_a_room_of_another_centre_is_not_found_for_the_head(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0002")
    gateway.on("GET", "/api/resources/v1/centres/KSE-0002/rooms/5", 404,
               {"status": 404, "detail": "Η αίθουσα 5 δεν βρέθηκε στο ΚΣΕ KSE-0002."})
    assert client.get("/resources/rooms/5").status_code == 404
    assert all(c["path"].startswith("/api/resources/v1/centres/KSE-0002") for c in gateway.calls)


def test_the_admin_certifies_a_workstation_from_the_list(client, signed_in, gateway, room):
    row = signed_in("central-admin")
    html = client.get("/centres/KSE-0001/rooms/5").get_data(as_text=True)
    assert "Άρση πιστοποίησης<" in html and "Πιστοποίηση<" in html and "Πιστοποίηση και αξιολόγηση αίθουσας" in html
    gateway.on("PATCH", f"{API}/rooms/5/workstations/22", 200, dict(UNCERTIFIED, certified=True))
    response = client.post("/centres/KSE-0001/rooms/5/workstations/22/certification",
                           data={"csrf_token": row.csrf_token, "certified": "yes", "shown": "no"})
    assert response.status_code == 303 and "certified_now=1" in response.headers["Location"]
    assert "certified=no" in response.headers["Location"]
    assert next(c for c in gateway.calls if c["method"] == "PATCH")["body"] == {"certified": True}


def test_the_admin_sets_the_rooms_certification_and_evaluation(client, signed_in, gateway, room):
    row = signed_in("central-admin")
    gateway.on("PATCH", f"{API}/rooms/5", 200, ROOM)
    response = client.post("/centres/KSE-0001/rooms/5", data={
        "csrf_token": row.csrf_token, "action": "room", "capacity": "20", "evaluation": "Κατάλληλη"})
    assert response.status_code == 303 and "room-saved=1" in response.headers["Location"]
    assert next(c for c in gateway.calls if c["method"] == "PATCH")["body"] == {
        "certified": False, "evaluation": "Κατάλληλη", "capacity": 20}
    bad = client.post("/centres/KSE-0001/rooms/5", data={"csrf_token": row.csrf_token, "action": "room",
                                                         "capacity": "πολλές"})
    assert bad.status_code == 422 and "Δυναμικότητα: Δώστε έναν ακέραιο αριθμό." in bad.get_data(as_text=True)


def test_the_admin_adds_a_certified_workstation(client, signed_in, gateway, room):
    row = signed_in("central-admin")
    gateway.on("POST", f"{API}/rooms/5/workstations", 201, dict(FORM, id=23, room_id=5, certified=True))
    response = client.post("/centres/KSE-0001/rooms/5", data={"csrf_token": row.csrf_token, "action": "workstation",
                                                               "certified": "yes", **FORM})
    assert response.status_code == 303
    assert next(c for c in gateway.calls if c["method"] == "POST")["body"] == dict(FORM, certified=True)


def test_the_room_pages_are_for_their_roles(client, signed_in, gateway):
    signed_in("teacher")
    assert client.get("/resources/rooms/5").status_code == 403
    assert client.get("/centres/KSE-0001/rooms/5").status_code == 403
    assert gateway.calls == []
