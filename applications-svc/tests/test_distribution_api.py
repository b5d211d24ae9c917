"""Παράρτημα Α: CSV import, validated row by row, all-or-nothing; shown to centres."""
from applications_svc_helpers import admin, csv_bytes, import_csv, kse_head, open_period

GOOD = [
    "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,2",
    "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.5,1",
    "ΠΕΛΟΠΟΝΝΗΣΟΥ,Περιφέρεια Πελοποννήσου,IIb,B2.4,3",
]


def test_import_and_show_to_centres(client, app, issuer, clock):
    period_id = open_period(client, issuer)
    response = import_csv(client, issuer, period_id, csv_bytes(GOOD))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["total_programmes"] == 6 and len(body["rows"]) == 3
    shown = client.get(f"/v1/periods/{period_id}/distribution", headers=kse_head(issuer)).get_json()
    assert shown["rows"][0] == {"line": 2, "area_code": "ΜΕΣΣΗΝΙΑΣ", "area_name": "Νομός Μεσσηνίας",
                                "category": "IIa", "cluster": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ",
                                "programmes": 2}
    audit = client.get(f"/v1/periods/{period_id}/audit", headers=admin(issuer)).get_json()
    assert audit[-1]["action"] == "distribution.imported" and audit[-1]["actor"] == "admin-1"


def test_greek_semicolon_file_with_bom_and_greek_headers_and_multipart(client, issuer, clock):
    period_id = open_period(client, issuer)
    data = "\ufeffΚωδικός περιοχής;Περιοχή;Κατηγορία;Συστάδα;Προγράμματα\nΑΤΤΙΚΗΣ;Αττική;ΙΙβ;B2.1;4\n".encode()
    assert import_csv(client, issuer, period_id, data).status_code == 200
    import io

    response = client.put(f"/v1/periods/{period_id}/distribution", headers=admin(issuer),
                          data={"file": (io.BytesIO(csv_bytes(GOOD)), "parartima-a.csv")},
                          content_type="multipart/form-data")
    assert response.status_code == 200 and response.get_json()["total_programmes"] == 6  # replaced


def test_errors_cite_line_numbers_and_nothing_changes(client, issuer, clock):
    period_id = open_period(client, issuer)
    assert import_csv(client, issuer, period_id, csv_bytes(GOOD)).status_code == 200
    bad = csv_bytes([
        "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,2",
        "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIc,B2.4,1",
        ",Κενό,IIa,B2.1,1",
        "ΑΧΑΪΑΣ,Νομός Αχαΐας,IIa,B1.4,1",
        "ΑΧΑΪΑΣ,Νομός Αχαΐας,IIa,B2.2,δύο",
        "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,5",
        "ΜΕΣΣΗΝΙΑΣ,Άλλο όνομα,IIa,B2.6,1",
        "ΗΛΕΙΑΣ,Νομός Ηλείας,IIa",
    ])
    response = import_csv(client, issuer, period_id, bad)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith("invalid-distribution-file")
    errors = problem["errors"]
    assert errors[0].startswith("Γραμμή 3:") and "κατηγορία" in errors[0]
    assert errors[1].startswith("Γραμμή 4:") and "κωδικός περιοχής" in errors[1]
    assert errors[2].startswith("Γραμμή 5:") and "B1.4" in errors[2]  # a B1 cluster in a B2 call
    assert errors[3].startswith("Γραμμή 6:") and "ακέραιος" in errors[3]
    assert errors[4].startswith("Γραμμή 7:") and "γραμμή 2" in errors[4]
    assert errors[5].startswith("Γραμμή 8:") and "ονομασία" in errors[5]
    assert errors[6].startswith("Γραμμή 9:") and "στήλες" in errors[6]
    shown = client.get(f"/v1/periods/{period_id}/distribution", headers=kse_head(issuer)).get_json()
    assert shown["total_programmes"] == 6  # the earlier table is intact


def test_bad_files(client, issuer, clock):
    period_id = open_period(client, issuer)
    for data, words in [
        (b"", "κενό"),
        ("area_code,category\nx,IIa\n".encode(), "λείπουν οι στήλες"),
        ("area_code,area_name,category,cluster,programmes\n".encode(), "δεν έχει γραμμές"),
        ("area_code,area_name,category,cluster,programmes\nΑ,Β,IIa,B2.1,1\n".encode("cp1253"), "UTF-8"),
    ]:
        response = import_csv(client, issuer, period_id, data)
        assert response.status_code == 422, data
        assert words in " ".join(response.get_json()["errors"])


def test_roles_and_window(client, issuer, clock):
    period_id = open_period(client, issuer)
    assert client.put(f"/v1/periods/{period_id}/distribution", data=csv_bytes(GOOD)).status_code == 401
    response = client.put(f"/v1/periods/{period_id}/distribution", data=csv_bytes(GOOD), headers=kse_head(issuer))
    assert response.status_code == 403
    assert client.get(f"/v1/periods/{period_id}/distribution").status_code == 401
    assert import_csv(client, issuer, 999, csv_bytes(GOOD)).status_code == 404
    clock.set("2026-09-16T10:00:00+03:00")
    response = import_csv(client, issuer, period_id, csv_bytes(GOOD))
    assert response.status_code == 409 and "έληξε" in response.get_json()["detail"]
