"""Rooms imported from CSV, a workstation per line (PUT /v1/centres/rooms/file)."""
from resources_svc_rooms_helpers import events, register
from sqlalchemy import select

from resources_svc.models import Room, Workstation

HEADER = "centre_code,room,room_certified,capacity,workstation,processor,memory,disk,operating_system,screen,network,certified"


def line(centre="KSE-0001", room="Εργαστήριο 1", room_certified="ναι", capacity="15", label="Σταθμός 1", certified="ναι"):
    return f"{centre},{room},{room_certified},{capacity},{label},Intel i5,8 GB,SSD 256 GB,Windows 11,22\" LCD,Ethernet,{certified}"


def put(client, headers, lines, header=HEADER):
    body = "\n".join([header, *lines]) + "\n"
    return client.put("/v1/centres/rooms/file", data=body.encode(), headers={**headers, "Content-Type": "text/csv"})


def stored(app):
    with app.extensions["epimorfosi"].db.session() as s:
        rooms = {r.name: (r.certified, r.capacity, r.certified_workstations, r.uncertified_workstations)
                 for r in s.scalars(select(Room))}
        return rooms, len(s.scalars(select(Workstation)).all())


def test_a_file_adds_rooms_with_their_workstations_then_replaces_them(client, app, admin):
    register(client, admin, "KSE-0001", "KSE-0002")
    lines = [line(), line(label="Σταθμός 2", certified="όχι"), line(label="Σταθμός 3"),
             "KSE-0002,Αίθουσα Α,όχι,20,,,,,,,,"]
    first = put(client, admin, lines)
    assert first.status_code == 200, first.get_json()
    assert first.get_json() == {"added": 2, "updated": 0, "workstations": 3}
    assert stored(app) == ({"Εργαστήριο 1": (True, 15, 2, 1), "Αίθουσα Α": (False, 20, 0, 0)}, 3)
    assert [e["data"]["usable"] for e in events(app, "resources.room.added.v1")] == [True, False]
    again = put(client, admin, [line(capacity="16"), "KSE-0002,Αίθουσα Α,όχι,20,,,,,,,,"])
    assert again.get_json() == {"added": 0, "updated": 2, "workstations": 1}
    assert stored(app) == ({"Εργαστήριο 1": (True, 16, 1, 0), "Αίθουσα Α": (False, 20, 0, 0)}, 1)


def test_greek_headings_and_semicolons(client, app, admin):
    register(client, admin, "KSE-0001")
    header = ("Κωδικός ΚΣΕ;Αίθουσα;Δυναμικότητα;Σταθμός εργασίας;Επεξεργαστής;Μνήμη;Δίσκος;Λειτουργικό σύστημα;"
              "Οθόνη;Δίκτυο")
    response = put(client, admin, ["KSE-0001;Εργαστήριο 1;12;Σ1;i5;8 GB;SSD;Linux;24;WiFi"], header=header)
    assert response.status_code == 200, response.get_json()
    assert stored(app) == ({"Εργαστήριο 1": (False, 12, 0, 1)}, 1)


def test_every_bad_line_is_reported_and_nothing_is_stored(client, app, admin):
    register(client, admin, "KSE-0001")
    lines = [line(), line(capacity="16", label="Σταθμός 2"), line(), line(room_certified="ίσως", capacity="x"),
             "KSE-0001,Αίθουσα Β,όχι,10,,Intel,,,,,,", line(room="Αίθουσα Γ", label="x" * 51)]
    response = put(client, admin, lines)
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        "Γραμμή 3: η αίθουσα «Εργαστήριο 1» του KSE-0001 έχει άλλη πιστοποίηση ή δυναμικότητα στη γραμμή 2.",
        "Γραμμή 4: ο σταθμός εργασίας «Σταθμός 1» υπάρχει ήδη στη γραμμή 2.",
        "Γραμμή 5: Πιστοποιημένη αίθουσα: Γράψτε «ναι» ή «όχι».",
        "Γραμμή 5: Δυναμικότητα: Πρέπει να είναι ακέραιος αριθμός.",
        "Γραμμή 6: Σταθμός εργασίας: Λείπει η ονομασία του σταθμού εργασίας.",
        "Γραμμή 7: Σταθμός εργασίας: Από 1 έως 50 χαρακτήρες.",
    ]
    assert stored(app) == ({}, 0) and events(app, "resources.room.added.v1") == []


def test_an_unknown_centre_is_cited_by_line_and_only_central_admins_import(client, app, admin, head):
    register(client, admin, "KSE-0001")
    response = put(client, admin, [line(), line(centre="KSE-0009", room="Χ")])
    assert response.status_code == 422
    assert response.get_json()["errors"] == ["Γραμμή 3: το ΚΣΕ με κωδικό KSE-0009 δεν βρέθηκε."]
    assert put(client, head, [line()]).status_code == 403
    assert stored(app) == ({}, 0)


def test_a_file_without_the_required_columns_is_refused(client, admin):
    response = put(client, admin, ["KSE-0001,Εργαστήριο 1"], header="centre_code,room")
    assert response.status_code == 422
    assert "λείπουν οι στήλες capacity" in response.get_json()["errors"][0]
