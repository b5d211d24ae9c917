"""The centre head's staff lists, their final submission and the minutes of the Teachers' Association
(«Διαχείριση πόρων ΚΣΕ»), against a fake gateway: what the pages call and what they show."""
from __future__ import annotations

import pytest

API = "/api/resources/v1"
BASE = f"{API}/centres/KSE-0001/periods/7"
PERIODS = [{"period_id": 7, "code": "2026-B1-7", "name": "7η Περίοδος", "staff_window_open": True,
            "interest_opens_at": "2026-03-01T08:00:00+00:00", "interest_closes_at": "2026-03-31T18:00:00+00:00"},
           {"period_id": 6, "code": "2025-B1-6", "name": "6η Περίοδος", "staff_window_open": False,
            "interest_opens_at": "2025-03-01T08:00:00+00:00", "interest_closes_at": "2025-03-31T18:00:00+00:00"}]
OPEN = {"centre_code": "KSE-0001", "period_id": 7, "window_open": True, "submitted_at": None,
        "submitted_by": None, "editable": True}
MEMBER = {"id": 3, "period_id": 7, "role": "coordinator", "membership": "regular", "afm": "123456783",
          "surname": "Παπαδόπουλος", "given_name": "Γεώργιος", "father_name": "Ιωάννης", "specialty": "ΠΕ86",
          "email": "g.p@sch.gr", "phone": "6912345678", "role_label": "Συντονιστής",
          "membership_label": "Τακτικό μέλος", "confirmed": False}
FORM = {"membership": "regular", "afm": "123456783", "surname": "Παπαδόπουλος", "given_name": "Γεώργιος",
        "father_name": "", "specialty": "ΠΕ86", "email": "g.p@sch.gr", "phone": "6912345678"}


@pytest.fixture
def head(signed_in, gateway):
    row = signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", f"{API}/periods", 200, PERIODS)
    gateway.on("GET", f"{BASE}/staff-submission", 200, OPEN)
    gateway.on("GET", f"{BASE}/staff", 200, [MEMBER])
    return row


def test_the_list_shows_the_manuals_columns_and_the_forms_while_open(client, head, gateway):
    html = client.get("/resources/staff/coordinators").get_data(as_text=True)
    for text in ("Προσωπικό Συντονισμού", "Τεχνικοί Υπεύθυνοι", "Πρακτικό Συλλόγου Διδασκόντων", "Αίθουσες",
                 "Παπαδόπουλος", "123456783", "ΠΕ86", "Τακτικό μέλος", "Εισαγωγή μέλους", "Διαγραφή"):
        assert text in html
    staff_call = next(c for c in gateway.calls if c["path"] == f"{BASE}/staff")
    assert staff_call["params"] == {"role": "coordinator"}


def test_the_period_is_chosen_on_the_page(client, head, gateway):
    gateway.on("GET", f"{API}/centres/KSE-0001/periods/6/staff-submission", 200,
               dict(OPEN, period_id=6, window_open=False, editable=False))
    gateway.on("GET", f"{API}/centres/KSE-0001/periods/6/staff", 200, [])
    html = client.get("/resources/staff/technical-leads?period=6").get_data(as_text=True)
    assert "μόνο για προβολή" in html and "Εισαγωγή μέλους</button>" not in html
    assert {"method": "GET", "path": f"{API}/centres/KSE-0001/periods/6/staff"}.items() <= next(
        c for c in gateway.calls if c["path"].endswith("/6/staff")).items()


def test_a_submitted_list_is_read_only_and_says_who_and_when(client, head, gateway):
    gateway.on("GET", f"{BASE}/staff-submission", 200, dict(OPEN, submitted_at="2026-03-10T10:00:00+00:00",
                                                            submitted_by="ΔΟΚΙΜΗ ΔΟΚΙΜΑΣΤΙΚΟΣ", editable=False))
    html = client.get("/resources/staff/coordinators").get_data(as_text=True)
    assert "υποβλήθηκαν οριστικά από ΔΟΚΙΜΗ ΔΟΚΙΜΑΣΤΙΚΟΣ στις 10/03/2026 12:00" in html
    assert "Διαγραφή" not in html and "Τροποποίηση" not in html


def test_adding_a_member_posts_the_form_with_the_lists_role(client, head, gateway):
    gateway.on("POST", f"{BASE}/staff", 201, MEMBER)
    response = client.post("/resources/staff/technical-leads?period=7", data={"csrf_token": head.csrf_token, **FORM})
    assert response.status_code == 303 and "added=1" in response.headers["Location"]
    body = next(c for c in gateway.calls if c["method"] == "POST")["body"]
    assert body == dict(FORM, role="technical-lead")


def test_the_apis_field_errors_come_back_next_to_the_fields(client, head, gateway):
    gateway.on("POST", f"{BASE}/staff", 422, {"status": 422, "detail": "Μη έγκυρα στοιχεία.",
                                              "errors": {"json": {"afm": ["Μη έγκυρος ΑΦΜ."]}}})
    response = client.post("/resources/staff/coordinators", data={"csrf_token": head.csrf_token, **FORM, "afm": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#field-afm">ΑΦΜ: Μη έγκυρος ΑΦΜ.' in html
    assert 'id="error-afm"' in html and 'value="1"' in html


def test_editing_a_member_reads_it_then_puts_it(client, head, gateway):
    gateway.on("GET", f"{BASE}/staff/3", 200, MEMBER)
    gateway.on("PUT", f"{BASE}/staff/3", 200, MEMBER)
    assert 'value="Παπαδόπουλος"' in client.get("/resources/staff/coordinators/3?period=7").get_data(as_text=True)
    response = client.post("/resources/staff/coordinators/3?period=7", data={"csrf_token": head.csrf_token, **FORM})
    assert response.status_code == 303 and "saved=1" in response.headers["Location"]
    assert next(c for c in gateway.calls if c["method"] == "PUT")["body"]["role"] == "coordinator"


def test_deleting_a_member_and_a_refusal_shown_as_a_summary(client, head, gateway):
    gateway.on("DELETE", f"{BASE}/staff/3", 204, None)
    response = client.post("/resources/staff/coordinators/3/delete?period=7", data={"csrf_token": head.csrf_token})
    assert response.status_code == 303 and "deleted=1" in response.headers["Location"]
    gateway.on("DELETE", f"{BASE}/staff/3", 409, {"status": 409, "detail": "Οι κατάλογοι έχουν υποβληθεί οριστικά."})
    response = client.post("/resources/staff/coordinators/3/delete?period=7", data={"csrf_token": head.csrf_token})
    assert response.status_code == 422 and "Οι κατάλογοι έχουν υποβληθεί οριστικά." in response.get_data(as_text=True)


def test_an_unknown_list_is_not_found(client, head):
    assert client.get("/resources/staff/trainers").status_code == 404


def test_the_submission_asks_yes_or_no(client, head, gateway):
    html = client.get("/resources/staff-submission").get_data(as_text=True)
    assert 'value="yes"' in html and 'value="no"' in html
    response = client.post("/resources/staff-submission?period=7", data={"csrf_token": head.csrf_token, "answer": "no"})
    assert response.status_code == 303 and not any(c["method"] == "POST" for c in gateway.calls)
    gateway.on("POST", f"{BASE}/staff-submission", 200, dict(OPEN, submitted_at="2026-03-10T10:00:00+00:00"))
    response = client.post("/resources/staff-submission?period=7", data={"csrf_token": head.csrf_token, "answer": "yes"})
    assert response.status_code == 303 and "submitted=1" in response.headers["Location"]


def test_a_refused_submission_names_the_unconfirmed_people(client, head, gateway):
    gateway.on("POST", f"{BASE}/staff-submission", 409, {
        "status": 409, "detail": "Δεν επιβεβαιώνονται από το Πρακτικό Συλλόγου Διδασκόντων της περιόδου: 1.",
        "errors": ["Παπαδόπουλος Γεώργιος (ΑΦΜ 123456783)"]})
    response = client.post("/resources/staff-submission?period=7", data={"csrf_token": head.csrf_token, "answer": "yes"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'data-testid="error-summary"' in html
    assert "Παπαδόπουλος Γεώργιος (ΑΦΜ 123456783)" in html


def test_the_minutes_page_offers_the_people_and_lists_earlier_periods(client, head, gateway):
    current = {"period_id": 7, "period_code": "2026-B1-7", "period_name": "7η", "filename": "praktiko.pdf",
               "size": 10, "uploaded_by": "Χ", "uploaded_at": "2026-03-02T10:00:00+00:00",
               "confirmations": [{"afm": "123456783", "full_name": "Παπαδόπουλος Γεώργιος"}]}
    gateway.on("GET", f"{BASE}/minutes", 200, current)
    gateway.on("GET", f"{API}/centres/KSE-0001/minutes", 200, [current, dict(current, period_id=6, period_code="2025-B1-6",
                                                                             filename="palio.pdf")])
    html = client.get("/resources/minutes").get_data(as_text=True)
    assert 'value="123456783" checked' in html and "/resources/minutes/7/file" in html
    assert "palio.pdf" in html and "/resources/minutes/6/file" in html


def test_uploading_the_minutes_sends_the_pdf_and_the_confirmed_people(client, head, gateway):
    import io
    gateway.on("PUT", f"{BASE}/minutes", 200, {})
    response = client.post("/resources/minutes?period=7", content_type="multipart/form-data", data={
        "csrf_token": head.csrf_token, "confirmed_afm": ["123456783"], "file": (io.BytesIO(b"%PDF-1.4 x"), "p.pdf")})
    assert response.status_code == 303 and "uploaded=1" in response.headers["Location"]
    put = next(c for c in gateway.calls if c["method"] == "PUT")
    assert put["files"]["file"][:2] == ("p.pdf", b"%PDF-1.4 x") and put["data"] == [("confirmed_afm", "123456783")]


def test_a_refused_upload_is_shown_next_to_the_file(client, head, gateway):
    import io
    gateway.on("GET", f"{API}/centres/KSE-0001/minutes", 200, [])
    gateway.on("PUT", f"{BASE}/minutes", 422, {"status": 422, "detail": "Μη έγκυρο αρχείο.",
                                               "errors": {"file": ["Το αρχείο δεν είναι PDF."]}})
    response = client.post("/resources/minutes?period=7", content_type="multipart/form-data", data={
        "csrf_token": head.csrf_token, "file": (io.BytesIO(b"hello"), "p.pdf")})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Το αρχείο δεν είναι PDF." in html and 'id="error-file"' in html


def test_the_minutes_pdf_is_streamed_from_the_api(client, head, gateway):
    gateway.on("GET", f"{BASE}/minutes/file", 200, b"%PDF-1.4 minutes",
               {"Content-Disposition": 'attachment; filename="praktiko-KSE-0001-7.pdf"'})
    response = client.get("/resources/minutes/7/file")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 minutes"
    assert response.headers["Content-Type"] == "application/pdf" and "praktiko" in response.headers["Content-Disposition"]


def test_the_request_limit_allows_the_minutes_limit_plus_overhead(app):
    assert app.config["MAX_CONTENT_LENGTH"] > 2 * 1024 * 1024
