"""«Προγράμματα επιμόρφωσης → Κ3 / Κ4 / Κ5 / Κ6» against a fake gateway: the API's pages and
filters, its CSV/XLSX passed on, «Εκτύπωση σε PDF» (the rows of enrollment-svc cut to documents-svc's
form fields, read from its real OpenAPI document, the PDF sent as an attachment), the M1 register's
PDF, and the head's programme staff form."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DOCUMENTS_OPENAPI = json.loads((Path(__file__).parents[2] / "documents-svc" / "openapi.json").read_text())
K3 = "/api/enrollment/v1/lists/k3"
PDF = b"%PDF-1.7 list"
PERIOD = {"id": 3, "code": "2026-B2-4", "name": "Περίοδος Β2 2026"}


def programme(n: int, **changes) -> dict:
    return {"programme_code": f"KSE-0001-B1.4-{n:02d}", "period_id": 3, "period_code": "2026-B2-4",
            "centre_code": "KSE-0001", "centre_name": "ΚΣΕ ΚΑΛΑΜΑΤΑΣ", "cluster": "B1.4 ΠΛΗΡΟΦΟΡΙΚΗ",
            "programme_type": "ΙΙβ", "capacity": 20, "implementation_period": "02/11/2026 – 20/12/2026",
            "staff": "", "successful": 18, "reserves": 4, "enrolled": 15, **changes}


def paged(items, total=None, last=1):
    return {"X-Pagination": json.dumps({"total": total if total is not None else len(items), "last_page": last})}


@pytest.fixture
def lists(gateway):
    rows = [programme(1, staff="Συντονιστής: ΠΑΠΑΔΟΠΟΥΛΟΣ"), programme(2)]
    gateway.on("GET", K3, 200, rows, headers=paged(rows, total=41, last=3))
    gateway.on("GET", "/api/applications/v1/periods", 200, [PERIOD], headers=paged([PERIOD]))
    gateway.on("GET", "/api/applications/v1/periods/3", 200, PERIOD)
    gateway.on("GET", "/api/documents/v1/openapi.json", 200, DOCUMENTS_OPENAPI)
    gateway.on("GET", "/api/documents/v1/documents/doc-1/pdf", 200, PDF,
               headers={"Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="x.pdf"'})
    return rows


def printed(kind="k3-list", subject="K3/2026-B2-4/KSE-0001"):
    return {"id": "doc-1", "kind": kind, "subject": subject, "version": 2, "pdf_url": "/v1/documents/doc-1/pdf"}


def test_k3_is_the_apis_page_with_its_filters(client, signed_in, gateway, lists):
    signed_in("kse-head", centre_id="KSE-0001")
    html = client.get("/programmes/lists/k3?period_id=3&cluster=B1.4&page=2").get_data(as_text=True)
    assert "K3: Κατάλογος Προγραμμάτων Επιμόρφωσης προς Υλοποίηση" in html
    assert "KSE-0001-B1.4-01" in html and "Συντονιστής: ΠΑΠΑΔΟΠΟΥΛΟΣ" in html and "02/11/2026 – 20/12/2026" in html
    call = next(c for c in gateway.calls if c["path"] == K3)
    assert call["params"] == {"period_id": "3", "cluster": "B1.4", "page": 2, "page_size": 20}
    assert 'name="centre"' not in html  # the centre filter is the central administrator's
    assert "Ορισμός συντελεστών" in html and "Εξαγωγή XLSX" in html and "Εκτύπωση σε PDF" in html
    assert 'href="/programmes/lists/k3?period_id=3&amp;cluster=B1.4&amp;page=3"' in html  # paging keeps the filters
    assert '<span aria-current="page">2</span>' in html and "21–40" in html
    # the export and the print take the same choice
    assert 'href="/programmes/lists/k3/export?period_id=3&amp;cluster=B1.4&amp;format=xlsx"' in html
    assert '<input type="hidden" name="period_id" value="3">' in html and '<input type="hidden" name="cluster" value="B1.4">' in html


def test_the_head_asking_for_another_centre_is_not_passed_on_but_the_admin_is(client, signed_in, gateway, lists):
    signed_in("kse-head", centre_id="KSE-0001")
    client.get("/programmes/lists/k3?centre=KSE-0002")
    assert "centre" not in gateway.calls[0]["params"]
    signed_in("central-admin")
    gateway.on("GET", "/api/enrollment/v1/lists/k6", 200, lists, headers=paged(lists))
    html = client.get("/programmes/lists/k6?centre=KSE-0002").get_data(as_text=True)
    assert next(c for c in gateway.calls if c["path"].endswith("/k6"))["params"]["centre"] == "KSE-0002"
    assert 'name="centre"' in html and "Ορισμός συντελεστών" not in html


def test_a_coordinator_reads_the_lists_but_assigns_no_staff(client, signed_in, gateway, lists):
    signed_in("coordinator", centre_id="KSE-0001")
    gateway.on("GET", "/api/enrollment/v1/lists/k6", 200, lists, headers=paged(lists))
    html = client.get("/programmes/lists/k6").get_data(as_text=True)
    assert "K6: Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης" in html and "Ορισμός συντελεστών" not in html
    assert client.get("/programmes/lists/k3/KSE-0001-B1.4-01/staff").status_code == 403
    assert client.get("/programmes/lists/k9").status_code == 404


def test_a_filter_the_api_refuses_is_said_on_the_page(client, signed_in, gateway, lists):
    signed_in("central-admin")
    gateway.on("GET", K3, 422, {"detail": "Ελέγξτε τα πεδία που επισημαίνονται.", "status": 422,
                                "errors": {"query": {"cluster": ["Μη έγκυρη συστάδα."]}}})
    response = client.get("/programmes/lists/k3?cluster=X")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<a class="govgr-link" href="#field-cluster">Συστάδα: Μη έγκυρη συστάδα.</a>' in html


def test_a_teacher_sees_no_lists(client, signed_in, lists):
    signed_in("teacher")
    assert client.get("/programmes/lists/k3").status_code == 403


def test_export_streams_the_apis_file_with_the_filters(client, signed_in, gateway, lists):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", f"{K3}/export", 200, b"PK\x03\x04xlsx", headers={
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": 'attachment; filename="k3.xlsx"'})
    response = client.get("/programmes/lists/k3/export?format=xlsx&period_id=3")
    assert response.get_data() == b"PK\x03\x04xlsx"
    assert response.headers["Content-Disposition"] == 'attachment; filename="k3.xlsx"'
    assert gateway.calls[-1]["params"] == {"period_id": "3", "format": "xlsx"}
    assert client.get("/programmes/lists/k3/export?format=pdf").status_code == 404


def test_printing_k3_posts_the_rows_as_the_form_takes_them_and_sends_an_attachment(client, signed_in, gateway, lists):
    session = signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", f"{K3}/rows", 200, {"code": "K3", "title": "…", "columns": [], "heading": {}, "rows": lists})
    gateway.on("POST", "/api/documents/v1/lists/k3", 201, printed())
    response = client.post("/programmes/lists/k3/pdf", data={"csrf_token": session.csrf_token, "period_id": "3",
                                                              "cluster": "B1.4"})
    assert response.status_code == 200 and response.get_data() == PDF
    assert response.headers["Content-Disposition"] == 'attachment; filename="k3-list-K3_2026-B2-4_KSE-0001-v2.pdf"'
    post = next(c for c in gateway.calls if c["method"] == "POST")
    assert post["body"]["period_code"] == "2026-B2-4" and post["body"]["period_title"] == "Περίοδος Β2 2026"
    assert post["body"]["centre_code"] == "KSE-0001" and post["body"]["centre_name"] == "ΚΣΕ ΚΑΛΑΜΑΤΑΣ"
    assert set(post["body"]["rows"][0]) == {"programme_code", "cluster", "programme_type", "capacity",
                                            "implementation_period", "staff", "successful", "reserves"}
    rows_call = next(c for c in gateway.calls if c["path"] == f"{K3}/rows")
    assert rows_call["params"] == {"period_id": "3", "cluster": "B1.4"}


def test_printing_without_a_period_says_to_choose_one(client, signed_in, gateway, lists):
    session = signed_in("central-admin")
    response = client.post("/programmes/lists/k3/pdf", data={"csrf_token": session.csrf_token})
    assert response.status_code == 422
    assert "Επιλέξτε περίοδο για την εκτύπωση σε PDF." in response.get_data(as_text=True)
    assert not any(c["method"] == "POST" for c in gateway.calls)


def candidate(n, contacts=True):
    row = {"teacher_id": f"t{n}", "surname": f"ΕΠΩΝΥΜΟ{n}", "name": "ΕΛΕΝΗ", "registry_number": None,
           "specialty": "ΠΕ70", "outcome": "Επιτυχών", "position": n, "state": "successful", "status": "Επιτυχών"}
    if contacts:
        row.update(phone="2721000000", mobile="6900000000", email=f"c{n}@sch.gr")
    return row


@pytest.mark.parametrize("contacts", [True, False])
def test_k4_shows_contact_data_only_when_the_api_gives_them(client, signed_in, gateway, lists, contacts):
    signed_in("coordinator", centre_id="KSE-0001")
    rows = [candidate(1, contacts), candidate(2, contacts)]
    gateway.on("GET", "/api/enrollment/v1/lists/k4/KSE-0001-B1.4-01", 200, rows, headers=paged(rows))
    html = client.get("/programmes/lists/k4/programme/KSE-0001-B1.4-01").get_data(as_text=True)
    assert "ΕΠΩΝΥΜΟ2" in html and "ΚΣΕ ΚΑΛΑΜΑΤΑΣ" in html
    assert ("c1@sch.gr" in html) is contacts and ("Κινητό Τηλέφωνο" in html) is contacts


def test_printing_k4_adds_the_centres_directorate_to_the_heading(client, signed_in, gateway, lists):
    session = signed_in("kse-head", centre_id="KSE-0001")
    code = "KSE-0001-B1.4-01"
    heading = {"programme_code": code, "period_id": 3, "period_code": "2026-B2-4", "programme_type": "ΙΙβ",
               "centre_name": "ΚΣΕ ΚΑΛΑΜΑΤΑΣ", "cluster": "B1.4 ΠΛΗΡΟΦΟΡΙΚΗ"}
    gateway.on("GET", f"/api/enrollment/v1/lists/k4/{code}/rows", 200,
               {"code": "K4", "heading": heading, "rows": [candidate(1)]})
    gateway.on("GET", "/api/resources/v1/centres/KSE-0001", 200, {"code": "KSE-0001", "directorate": "Δ.Δ.Ε. ΜΕΣΣΗΝΙΑΣ"})
    gateway.on("POST", "/api/documents/v1/lists/k4", 200, printed("k4-list", f"K4/2026-B2-4/{code}"))
    response = client.post(f"/programmes/lists/k4/programme/{code}/pdf", data={"csrf_token": session.csrf_token})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    body = next(c for c in gateway.calls if c["method"] == "POST")["body"]
    assert body["heading"] == {"programme_code": code, "programme_type": "ΙΙβ", "centre_name": "ΚΣΕ ΚΑΛΑΜΑΤΑΣ",
                               "cluster": "B1.4 ΠΛΗΡΟΦΟΡΙΚΗ", "directorate": "Δ.Δ.Ε. ΜΕΣΣΗΝΙΑΣ"}
    assert set(body["rows"][0]) == {"surname", "name", "registry_number", "specialty", "phone", "mobile", "email",
                                    "outcome"}


def test_an_unknown_programme_is_404(client, signed_in, gateway, lists):
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get("/programmes/lists/k5/programme/KSE-0001-B1.4-99").status_code == 404


def test_the_m1_register_prints_the_chosen_trainers(client, signed_in, gateway, lists):
    session = signed_in("central-admin")
    trainers = [{"id": n, "afm": "123456783", "surname": f"Σ{n}", "name": "ΝΙΚΟΣ", "specialty": "ΠΕ86",
                 "level": "B1", "certified_on": "2025-06-30", "cluster": "B1.4" if n < 3 else "B1.2",
                 "region": "ΚΡΗΤΗΣ", "phone": "210", "email": "x@sch.gr", "active": True} for n in (1, 2, 3)]
    gateway.on("GET", "/api/resources/v1/trainers", 200, trainers, headers=paged(trainers))
    gateway.on("POST", "/api/documents/v1/lists/m1", 201, printed("m1-list", "M1/2026-B2-4"))
    response = client.post("/trainers/pdf", data={"csrf_token": session.csrf_token, "cluster": "B1.4"})
    assert response.status_code == 200 and response.get_data() == PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body = next(c for c in gateway.calls if c["method"] == "POST")["body"]
    assert [r["surname"] for r in body["rows"]] == ["Σ1", "Σ2"]
    assert body["rows"][0] == {"surname": "Σ1", "name": "ΝΙΚΟΣ", "specialty": "ΠΕ86", "level": "B1",
                               "certified_on": "30/06/2025", "cluster": "B1.4", "region": "ΚΡΗΤΗΣ"}
    assert "centre_code" not in body and body["period_code"] == "2026-B2-4"


STAFF = "/api/enrollment/v1/programmes/KSE-0001-B1.4-01/staff"


def test_the_head_assigns_a_programmes_staff(client, signed_in, gateway, lists):
    session = signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", STAFF, 404, {"detail": "Δεν βρέθηκε.", "status": 404})
    gateway.on("GET", "/api/enrollment/v1/trainers", 200, [
        {"trainer_id": 7, "surname": "ΠΑΠΑΔΟΠΟΥΛΟΥ", "name": "ΜΑΡΙΑ", "specialty": "ΠΕ86", "level": "B1",
         "cluster": "B1.4", "region": "ΚΡΗΤΗΣ", "active": True},
        {"trainer_id": 8, "surname": "ΑΝΕΝΕΡΓΟΣ", "name": "ΚΩΣΤΑΣ", "specialty": "ΠΕ86", "level": "B1",
         "cluster": "B1.4", "region": "ΚΡΗΤΗΣ", "active": False}], headers=paged([1, 2]))
    html = client.get("/programmes/lists/k3/KSE-0001-B1.4-01/staff").get_data(as_text=True)
    assert "ΠΑΠΑΔΟΠΟΥΛΟΥ" in html and "ΑΝΕΝΕΡΓΟΣ" not in html  # only active trainers are assigned
    trainers_call = next(c for c in gateway.calls if c["path"] == "/api/enrollment/v1/trainers")
    assert trainers_call["params"]["cluster"] == "B1.4"
    gateway.on("PUT", STAFF, 200, {"programme_code": "KSE-0001-B1.4-01"})
    form = {"csrf_token": session.csrf_token, "coordinator.afm": "123456783", "coordinator.surname": "ΠΑΠΑΣ",
            "coordinator.name": "ΓΙΩΡΓΟΣ", "technical_lead.afm": "094014201", "technical_lead.surname": "ΝΙΚΟΥ",
            "technical_lead.name": "ΑΝΝΑ", "trainer_ids": ["7"]}
    response = client.post("/programmes/lists/k3/KSE-0001-B1.4-01/staff", data=form)
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff?saved=1")
    assert gateway.calls[-1]["body"] == {
        "coordinator": {"afm": "123456783", "surname": "ΠΑΠΑΣ", "name": "ΓΙΩΡΓΟΣ"},
        "technical_lead": {"afm": "094014201", "surname": "ΝΙΚΟΥ", "name": "ΑΝΝΑ"}, "trainer_ids": [7]}


def test_the_apis_refusal_of_the_staff_is_shown_by_field(client, signed_in, gateway, lists):
    session = signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", STAFF, 404, {"status": 404})
    gateway.on("GET", "/api/enrollment/v1/trainers", 200, [], headers=paged([]))
    gateway.on("PUT", STAFF, 422, {"detail": "Λάθη.", "errors": {"json": {
        "coordinator": {"afm": ["Μη έγκυρος ΑΦΜ."]}, "trainer_ids": ["Ορίστε από 1 έως 10 επιμορφωτές."]}}})
    response = client.post("/programmes/lists/k3/KSE-0001-B1.4-01/staff",
                           data={"csrf_token": session.csrf_token, "coordinator.afm": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "ΑΦΜ συντονιστή/τριας: Μη έγκυρος ΑΦΜ." in html and "Επιμορφωτές: Ορίστε από 1 έως 10 επιμορφωτές." in html
    assert 'value="1"' in html  # what was typed comes back
