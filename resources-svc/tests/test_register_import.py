import io

from sqlalchemy import select

from resources_svc.models import Centre, Room, Workstation
from resources_svc_rooms_helpers import ROOM, events, register, workstations

HEADER = "code,name,school,directorate,prefecture,region,head\n"
GOOD = (HEADER
        + "KSE-0001,24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ,24ο Δημοτικό Σχολείο,Διεύθυνση Π.Ε. Μεσσηνίας,ΜΕΣΣΗΝΙΑΣ,ΠΕΛΟΠΟΝΝΗΣΟΥ,kse1@epimorfosi.test\n"
        + "KSE-0002,1ο ΓΥΜΝΑΣΙΟ ΠΑΤΡΑΣ,,Διεύθυνση Δ.Ε. Αχαΐας,ΑΧΑΪΑΣ,ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ,\n")


def put_csv(client, headers, text: str, multipart=False):
    if multipart:
        return client.put("/v1/centres", headers=headers,
                          data={"file": (io.BytesIO(text.encode()), "register.csv", "text/csv")})
    return client.put("/v1/centres", data=text.encode(), headers=dict(headers, **{"Content-Type": "text/csv"}))


def table(app, model):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalars(select(model)).all()


def test_import_registers_then_updates_idempotently(client, app, admin):
    first = put_csv(client, admin, GOOD, multipart=True)
    assert first.status_code == 200, first.get_json()
    assert first.get_json() == {"registered": 2, "updated": 0, "unchanged": 0}
    assert [e["subject"] for e in events(app, "resources.centre.registered.v1")] == ["KSE-0001", "KSE-0002"]
    again = put_csv(client, admin, GOOD)
    assert again.get_json() == {"registered": 0, "updated": 0, "unchanged": 2}
    changed = put_csv(client, admin, GOOD.replace("1ο ΓΥΜΝΑΣΙΟ ΠΑΤΡΑΣ", "2ο ΓΥΜΝΑΣΙΟ ΠΑΤΡΑΣ"))
    assert changed.get_json() == {"registered": 0, "updated": 1, "unchanged": 1}
    [updated] = events(app, "resources.centre.updated.v1")
    assert updated["data"]["name"] == "2ο ΓΥΜΝΑΣΙΟ ΠΑΤΡΑΣ" and updated["subject"] == "KSE-0002"
    centre = client.get("/v1/centres/KSE-0001", headers=admin).get_json()
    assert (centre["school"], centre["head"]) == ("24ο Δημοτικό Σχολείο", "kse1@epimorfosi.test")


def test_greek_headings_and_semicolons(client, admin):
    text = ("Κωδικός ΚΣΕ;Επωνυμία;Διεύθυνση Εκπαίδευσης;Νομός;Περιφέρεια\n"
            "KSE-0007;ΕΠΑΛ ΛΑΡΙΣΑΣ;Διεύθυνση Δ.Ε. Λάρισας;ΛΑΡΙΣΑΣ;ΘΕΣΣΑΛΙΑΣ\n")
    assert put_csv(client, admin, text).get_json() == {"registered": 1, "updated": 0, "unchanged": 0}


def test_bad_rows_are_reported_by_line_in_greek_and_nothing_is_imported(client, app, admin):
    text = (GOOD
            + "KSE-12,Χ,,Δ,ΑΧΑΪΑΣ,ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ,όχι-email\n"
            + "KSE-0001,ΑΛΛΟ ΟΝΟΜΑ ΚΣΕ,,Διεύθυνση Π.Ε. Μεσσηνίας,ΜΕΣΣΗΝΙΑΣ,ΠΕΛΟΠΟΝΝΗΣΟΥ,\n")
    response = put_csv(client, admin, text)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:invalid-centres-file"
    assert problem["detail"] == "Το αρχείο δεν εισήχθη (5 σφάλματα· δεν άλλαξε τίποτα)."
    assert problem["errors"] == [
        "Γραμμή 4: Κωδικός ΚΣΕ: Ο κωδικός ΚΣΕ έχει τη μορφή KSE-0001.",
        "Γραμμή 4: Επωνυμία: Από 3 έως 200 χαρακτήρες.",
        "Γραμμή 4: Διεύθυνση Εκπαίδευσης: Από 3 έως 200 χαρακτήρες.",
        "Γραμμή 4: Υπεύθυνος ΚΣΕ: Δώστε έγκυρη διεύθυνση e-mail.",
        "Γραμμή 5: ο κωδικός KSE-0001 υπάρχει ήδη στη γραμμή 2.",
    ]
    assert table(app, Centre) == [] and events(app, "resources.centre.registered.v1") == []


def test_unreadable_files(client, admin):
    for data, message in [("", "Το αρχείο είναι κενό."), (HEADER, "Το αρχείο δεν έχει γραμμές δεδομένων."),
                          ("code,name\nKSE-0001,Χ\n", "Γραμμή 1: λείπουν οι στήλες directorate, prefecture, region")]:
        response = put_csv(client, admin, data)
        assert response.status_code == 422
        assert response.get_json()["errors"][0].startswith(message)
    latin1 = client.put("/v1/centres", data="code\nΚ".encode("iso-8859-7"), headers=dict(admin, **{"Content-Type": "text/csv"}))
    assert latin1.get_json()["errors"][0].startswith("Το αρχείο δεν είναι σε κωδικοποίηση UTF-8")


def test_edit_a_centre(client, app, admin):
    register(client, admin, "KSE-0001")
    response = client.patch("/v1/centres/KSE-0001", json={"name": "ΝΕΟ ΟΝΟΜΑ", "head": "kse9@epimorfosi.test"},
                            headers=admin)
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["name"], response.get_json()["head"]) == ("ΝΕΟ ΟΝΟΜΑ", "kse9@epimorfosi.test")
    assert client.patch("/v1/centres/KSE-0001", json={"name": "ΝΕΟ ΟΝΟΜΑ"}, headers=admin).status_code == 200
    assert len(events(app, "resources.centre.updated.v1")) == 1  # the same values again: no event
    bad = client.patch("/v1/centres/KSE-0001", json={"head": "κάτι", "code": "KSE-0002"}, headers=admin)
    assert bad.status_code == 422
    assert bad.get_json()["errors"]["json"] == {"head": ["Δώστε έγκυρη διεύθυνση e-mail."], "code": ["Άγνωστο πεδίο."]}


def test_room_batch_adds_then_replaces_workstations(client, app, admin):
    register(client, admin, "KSE-0001", "KSE-0002")
    batch = {"rooms": [
        dict(ROOM, centre_code="KSE-0001", certified=True, workstations=workstations(10, True)),
        dict(ROOM, centre_code="KSE-0002", workstations=workstations(3, False)),
    ]}
    first = client.put("/v1/centres/rooms", json=batch, headers=admin)
    assert first.status_code == 200, first.get_json()
    assert first.get_json() == {"added": 2, "updated": 0, "workstations": 13}
    assert [(e["data"]["centre_code"], e["data"]["certified_workstations"], e["data"]["usable"], e["data"]["version"])
            for e in events(app, "resources.room.added.v1")] == [("KSE-0001", 10, True, 1), ("KSE-0002", 0, False, 1)]
    batch["rooms"][0]["workstations"] = workstations(6, True)
    second = client.put("/v1/centres/rooms", json=batch, headers=admin)
    assert second.get_json() == {"added": 0, "updated": 2, "workstations": 9}
    assert len(table(app, Room)) == 2 and len(table(app, Workstation)) == 9
    [change] = events(app, "resources.room.capacity_changed.v1")  # KSE-0002's room stayed at 0
    assert (change["data"]["previous_usable_capacity"], change["data"]["usable_capacity"]) == (10, 6)
    assert change["data"]["version"] == 2 and sorted(r.version for r in table(app, Room)) == [1, 2]


def test_room_batch_errors_change_nothing(client, app, admin):
    register(client, admin, "KSE-0001")
    batch = {"rooms": [dict(ROOM, centre_code="KSE-0009"), dict(ROOM, centre_code="KSE-0001"),
                       dict(ROOM, centre_code="KSE-0001", workstations=workstations(1, True) * 2)]}
    response = client.put("/v1/centres/rooms", json=batch, headers=admin)
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        "Αίθουσα 1: το ΚΣΕ με κωδικό KSE-0009 δεν βρέθηκε.",
        "Αίθουσα 3: η αίθουσα «Εργαστήριο Πληροφορικής 1» του KSE-0001 υπάρχει ήδη ως αίθουσα 2.",
        "Αίθουσα 3: δύο σταθμοί εργασίας έχουν την ίδια ονομασία.",
    ]
    invalid = client.put("/v1/centres/rooms", json={"rooms": [dict(ROOM, centre_code="KSE-0001", capacity=0)]},
                         headers=admin)
    assert invalid.status_code == 422
    assert invalid.get_json()["errors"]["json"]["rooms"]["0"]["capacity"] == ["Η δυναμικότητα πρέπει να είναι από 1 έως 1000."]
    assert table(app, Room) == [] and table(app, Workstation) == []
