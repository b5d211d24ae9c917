"""The central administrator's register of centres: «Επιλογή» filters, paging, CSV export, CSV import
(whole or nothing, the API's errors line by line) and editing a centre, against a fake gateway."""
from __future__ import annotations

import csv
import io

API = "/api/resources/v1/centres"
CENTRES = [
    {"code": "KSE-0001", "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "school": "24ο Δημοτικό Σχολείο Καλαμάτας",
     "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας", "prefecture": "ΜΕΣΣΗΝΙΑΣ", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ",
     "head": "kse1@epimorfosi.test"},
    {"code": "KSE-0002", "name": "1ο ΓΕΛ ΠΑΤΡΩΝ", "school": "", "directorate": "Διεύθυνση Δ.Ε. Αχαΐας",
     "prefecture": "ΑΧΑΪΑΣ", "region": "ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ", "head": ""},
    {"code": "KSE-0003", "name": "=ΚΣΕ ΤΡΙΠΟΛΗΣ", "school": "", "directorate": "Διεύθυνση Π.Ε. Αρκαδίας",
     "prefecture": "ΑΡΚΑΔΙΑΣ", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ", "head": ""},
]


def test_the_register_is_filtered_by_region_and_exported_as_shown(client, signed_in, gateway):
    signed_in("central-admin")
    gateway.on("GET", API, 200, CENTRES)
    html = client.get("/centres?region=ΠΕΛΟΠΟΝΝΗΣΟΥ").get_data(as_text=True)
    assert "KSE-0001" in html and "KSE-0003" in html and "KSE-0002<" not in html
    for text in ("Περιφέρεια", "Νομός", "Διεύθυνση Εκπαίδευσης", "Επιλογή", "Εξαγωγή σε CSV",
                 "Εισαγωγή μητρώου από αρχείο CSV", "kse1@epimorfosi.test"):
        assert text in html
    exported = client.get("/centres?region=ΠΕΛΟΠΟΝΝΗΣΟΥ&format=csv")
    assert exported.headers["Content-Disposition"] == 'attachment; filename="centres.csv"'
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["code", "name", "school", "directorate", "prefecture", "region", "head"]
    assert [r[0] for r in rows[1:]] == ["KSE-0001", "KSE-0003"]
    assert rows[2][1] == "'=ΚΣΕ ΤΡΙΠΟΛΗΣ"  # never a formula in Excel


def test_nothing_matching_the_selection_is_said(client, signed_in, gateway):
    signed_in("central-admin")
    gateway.on("GET", API, 200, CENTRES)
    html = client.get("/centres?prefecture=ΚΑΝΕΝΑΣ").get_data(as_text=True)
    assert "Κανένα ΚΣΕ δεν ταιριάζει στην επιλογή." in html and "Καθαρισμός επιλογών" in html


def test_the_import_sends_the_file_and_tells_what_changed(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("PUT", API, 200, {"registered": 2, "updated": 1, "unchanged": 0})
    data = "code,name,directorate,prefecture,region\nKSE-0001,Χ,Δ,Ν,Π\n".encode()
    response = client.post("/centres", data={"csrf_token": row.csrf_token, "file": (io.BytesIO(data), "kse.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 303 and "registered=2" in response.headers["Location"]
    put = next(c for c in gateway.calls if c["method"] == "PUT")
    assert put["files"]["file"][0] == "kse.csv" and put["files"]["file"][1] == data
    gateway.on("GET", API, 200, CENTRES)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Το μητρώο εισήχθη: 2 νέα ΚΣΕ, 1 με αλλαγές, 0 χωρίς αλλαγή." in html


def test_a_refused_import_shows_its_errors_line_by_line(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("GET", API, 200, CENTRES)
    gateway.on("PUT", API, 422, {"status": 422, "detail": "Το μητρώο δεν εισήχθη: 2 σφάλματα.",
                                 "errors": ["Γραμμή 3: Επωνυμία: Από 3 έως 200 χαρακτήρες.",
                                            "Γραμμή 5: ο κωδικός KSE-0001 υπάρχει ήδη στη γραμμή 2."]})
    response = client.post("/centres", data={"csrf_token": row.csrf_token,
                                             "file": (io.BytesIO(b"code\n"), "kse.csv")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Γραμμή 3: Επωνυμία: Από 3 έως 200 χαρακτήρες." in html
    assert "Γραμμή 5: ο κωδικός KSE-0001 υπάρχει ήδη στη γραμμή 2." in html
    assert 'aria-invalid="true"' in html


def test_an_import_without_a_file_is_refused_before_the_api(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("GET", API, 200, CENTRES)
    response = client.post("/centres", data={"csrf_token": row.csrf_token})
    assert response.status_code == 422 and "Επιλέξτε το αρχείο CSV του μητρώου." in response.get_data(as_text=True)
    assert all(c["method"] == "GET" for c in gateway.calls)


def test_editing_a_centre_reads_it_then_patches_it(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("GET", f"{API}/KSE-0001", 200, CENTRES[0])
    assert 'value="24ο Δημοτικό Σχολείο Καλαμάτας"' in client.get("/centres/KSE-0001/edit").get_data(as_text=True)
    gateway.on("PATCH", f"{API}/KSE-0001", 200, CENTRES[0])
    form = {k: v for k, v in CENTRES[0].items() if k != "code"}
    response = client.post("/centres/KSE-0001/edit", data={"csrf_token": row.csrf_token, **form})
    assert response.status_code == 303 and response.headers["Location"].endswith("/centres/KSE-0001?saved=1")
    assert next(c for c in gateway.calls if c["method"] == "PATCH")["body"] == form


def test_the_apis_errors_of_an_edit_come_back_next_to_the_fields(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("PATCH", f"{API}/KSE-0001", 422, {"status": 422, "detail": "Μη έγκυρα στοιχεία.",
                                                "errors": {"json": {"head": ["Δώστε έγκυρη διεύθυνση e-mail."]}}})
    response = client.post("/centres/KSE-0001/edit", data={"csrf_token": row.csrf_token, **CENTRES[0],
                                                           "head": "όχι"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#field-head">Υπεύθυνος ΚΣΕ: Δώστε έγκυρη διεύθυνση e-mail.' in html


def test_an_unknown_centre_has_no_edit_page(client, signed_in, gateway):
    signed_in("central-admin")
    gateway.on("GET", f"{API}/KSE-0009", 404, {"status": 404, "detail": "Το ΚΣΕ με κωδικό KSE-0009 δεν βρέθηκε."})
    assert client.get("/centres/KSE-0009/edit").status_code == 404


def test_the_register_is_the_central_administrators(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get("/centres").status_code == 403 and client.get("/centres/KSE-0001/edit").status_code == 403
    assert gateway.calls == []


ROOMS_API = "/api/resources/v1/centres/rooms/file"


def test_the_rooms_file_is_sent_and_what_it_changed_is_told(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("PUT", ROOMS_API, 200, {"added": 3, "updated": 1, "workstations": 60})
    data = "centre_code,room,capacity\nKSE-0001,Εργαστήριο 1,15\n".encode()
    response = client.post("/centres/rooms", data={"csrf_token": row.csrf_token,
                                                   "rooms_file": (io.BytesIO(data), "rooms.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 303 and "rooms_imported=1" in response.headers["Location"]
    put = next(c for c in gateway.calls if c["method"] == "PUT")
    assert put["files"]["file"] == ("rooms.csv", data, "text/csv")
    gateway.on("GET", API, 200, CENTRES)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Οι αίθουσες εισήχθησαν: 3 νέες, 1 ενημερώθηκαν, 60 σταθμοί εργασίας." in html
    assert "Εισαγωγή αιθουσών από αρχείο CSV" in html


def test_a_refused_rooms_file_shows_its_errors_line_by_line(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("GET", API, 200, CENTRES)
    gateway.on("PUT", ROOMS_API, 422, {"status": 422, "detail": "Το αρχείο δεν εισήχθη (1 σφάλματα· δεν άλλαξε τίποτα).",
                                       "errors": ["Γραμμή 3: το ΚΣΕ με κωδικό KSE-0009 δεν βρέθηκε."]})
    response = client.post("/centres/rooms", data={"csrf_token": row.csrf_token,
                                                   "rooms_file": (io.BytesIO(b"centre_code\n"), "rooms.csv")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Γραμμή 3: το ΚΣΕ με κωδικό KSE-0009 δεν βρέθηκε." in html
    assert 'id="error-rooms_file"' in html and 'id="error-file"' not in html
    assert 'href="#field-rooms_file"' in html


def test_a_rooms_import_without_a_file_or_by_a_centre_head_never_reaches_the_api(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("GET", API, 200, CENTRES)
    response = client.post("/centres/rooms", data={"csrf_token": row.csrf_token})
    assert response.status_code == 422
    assert "Επιλέξτε το αρχείο CSV των αιθουσών." in response.get_data(as_text=True)
    head = signed_in("kse-head")
    response = client.post("/centres/rooms", data={"csrf_token": head.csrf_token,
                                                   "rooms_file": (io.BytesIO(b"x\n"), "rooms.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 403
    assert all(c["method"] == "GET" for c in gateway.calls)
