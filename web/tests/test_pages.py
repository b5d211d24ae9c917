"""The BFF's pages: security headers, CSRF, roles, and the API's problems shown as GOV.GR errors."""
from __future__ import annotations

import importlib.util
from pathlib import Path

VALID_PERIOD = {
    "code": "2026-B1-7", "name": "7η Περίοδος Β1", "level": "B1",
    "interest_opens_at": "2026-09-01T09:00", "interest_closes_at": "2026-09-15T23:59",
    "applications_a_opens_at": "2026-09-20T09:00", "applications_a_closes_at": "2026-10-05T23:59",
    "applications_b_opens_at": "2026-10-10T09:00", "applications_b_closes_at": "2026-10-20T23:59",
    "allocation_published_at": "2026-10-25T12:00", "enrolment_deadline": "2026-11-10T23:59",
}


def test_every_page_has_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "form-action 'self' http://issuer.test" in policy  # logout continues at the issuer
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_welcome_page_is_greek_with_the_sign_in_button(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="el">' in html and "Είσοδος" in html and "/auth/login" in html


def test_english_is_the_second_language(client):
    response = client.get("/language/en?next=/")
    assert response.status_code == 303 and "epi_lang=en" in response.headers["Set-Cookie"]
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in" in html
    assert client.get("/language/en?next=https://evil.test/").headers["Location"] == "/"


def test_a_form_without_the_sessions_csrf_token_is_refused(client, signed_in, gateway):
    signed_in("central-admin")
    for data in ({}, {"csrf_token": "guess"}):
        response = client.post("/periods/new", data={**VALID_PERIOD, **data})
        assert response.status_code == 400
        assert "Μη έγκυρο αίτημα" in response.get_data(as_text=True)
    assert gateway.calls == []  # nothing reached the API


def test_a_period_is_opened_through_the_gateway_with_athens_times(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("POST", "/api/applications/v1/periods", 201, {"id": 7, **VALID_PERIOD})
    response = client.post("/periods/new", data={**VALID_PERIOD, "csrf_token": row.csrf_token})
    assert response.status_code == 303 and response.headers["Location"] == "/periods/7?opened=1"
    sent = gateway.calls[-1]
    assert sent["headers"]["Authorization"] == f"Bearer {row.access_token}"
    assert sent["body"]["interest_opens_at"] == "2026-09-01T09:00:00+03:00"  # summer time in Athens
    assert sent["body"]["enrolment_deadline"] == "2026-11-10T23:59:00+02:00"


def test_the_apis_problem_becomes_an_error_summary_next_to_the_fields(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("POST", "/api/applications/v1/periods", 422, {
        "type": "urn:epimorfosi:problem:validation-failed", "title": "Τα στοιχεία που δώσατε δεν είναι έγκυρα",
        "status": 422, "detail": "Ελέγξτε τα πεδία που επισημαίνονται.",
        "errors": {"json": {"code": ["Κωδικός 2–40 λατινικών χαρακτήρων, ψηφίων ή . _ -"]}}})
    response = client.post("/periods/new", data={**VALID_PERIOD, "code": "όχι", "csrf_token": row.csrf_token})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'class="govgr-error-summary"' in html
    assert '<a class="govgr-link" href="#field-code">Κωδικός: Κωδικός 2–40 λατινικών χαρακτήρων' in html
    assert 'id="error-code"' in html and 'aria-describedby="hint-code error-code" aria-invalid="true"' in html
    assert 'value="όχι"' in html  # what the person typed comes back


def test_a_conflict_without_fields_is_shown_as_its_detail(client, signed_in, gateway):
    row = signed_in("central-admin")
    gateway.on("POST", "/api/resources/v1/centres", 409, {"status": 409, "title": "Σύγκρουση",
                                                         "detail": "Υπάρχει ήδη ΚΣΕ με κωδικό KSE-0001."})
    response = client.post("/centres/new", data={"code": "KSE-0001", "csrf_token": row.csrf_token})
    assert response.status_code == 422
    assert "Υπάρχει ήδη ΚΣΕ με κωδικό KSE-0001." in response.get_data(as_text=True)


def test_a_wrong_role_gets_the_greek_no_access_page(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    response = client.get("/periods")
    assert response.status_code == 403
    assert "Δεν έχετε πρόσβαση σε αυτή τη σελίδα" in response.get_data(as_text=True)
    assert gateway.calls == []


def test_the_centre_head_sees_only_the_centre_of_their_token(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0002")
    gateway.on("GET", "/api/resources/v1/centres/KSE-0002", 200, {"code": "KSE-0002", "name": "ΚΣΕ 2"})
    gateway.on("GET", "/api/resources/v1/centres/KSE-0002/rooms", 200, [
        {"id": 1, "name": "Αίθουσα 1", "certified": True, "capacity": 12, "certified_workstations": 13,
         "uncertified_workstations": 4, "usable": True, "specs": "", "evaluation": ""}])
    html = client.get("/resources/rooms?centre=KSE-0001").get_data(as_text=True)
    assert "ΚΣΕ 2" in html and ">13<" in html and ">4<" in html
    assert {c["path"] for c in gateway.calls} == {"/api/resources/v1/centres/KSE-0002",
                                                  "/api/resources/v1/centres/KSE-0002/rooms"}
    # Ομάδα Χρήστη and the manual's menu of the centre head.
    assert "Ομάδα Χρήστη: Υπεύθυνος ΚΣΕ" in html
    for item in ("Κεντρική σελίδα", "Διαχείριση πόρων ΚΣΕ", "Προγράμματα επιμόρφωσης",
                 "Έγγραφα φυσικού αντικειμένου", "Έντυπα", "Έξοδος"):
        assert item in html


def test_lists_are_paged(client, signed_in, gateway, web):
    signed_in("central-admin")
    centres = [{"code": f"KSE-{n:04d}", "name": f"ΚΣΕ {n}", "directorate": "Δ", "prefecture": "Ν", "region": "Π"}
               for n in range(1, web.settings.page_size + 6)]
    gateway.on("GET", "/api/resources/v1/centres", 200, centres)
    second = client.get("/centres?page=2").get_data(as_text=True)
    assert "KSE-0021" in second and "KSE-0001<" not in second
    assert 'aria-current="page">2<' in second and "21–25" in second


def test_an_unreachable_api_is_a_greek_page_not_a_trace(client, signed_in, web):
    signed_in("central-admin")
    web.api.base = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/periods")
    assert response.status_code == 503 and "δεν είναι διαθέσιμη" in response.get_data(as_text=True)


def test_the_vendored_files_are_the_pinned_ones():
    path = Path(__file__).resolve().parents[1] / "vendor.py"
    spec = importlib.util.spec_from_file_location("web_vendor", path)
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    assert vendor.stale_files() == []


def test_every_text_has_its_english_and_the_catalogue_is_compiled():
    path = Path(__file__).resolve().parents[1] / "translations.py"
    spec = importlib.util.spec_from_file_location("web_translations", path)
    translations = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(translations)
    assert translations.main(["--check"]) == 0


def test_the_periods_list_exports_to_csv_with_athens_times(client, signed_in, gateway):
    signed_in("central-admin")
    utc = {name: value + ":00+00:00" for name, value in VALID_PERIOD.items() if name.endswith(("_at", "deadline"))}
    gateway.on("GET", "/api/applications/v1/periods", 200, [{"id": 7, **VALID_PERIOD, **utc}])
    assert "format=csv" in client.get("/periods").get_data(as_text=True)  # the list offers it
    response = client.get("/periods?format=csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="periods.csv"'
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:4] == ["Κωδικός", "Τίτλος περιόδου", "Επίπεδο", "Έναρξη εκδήλωσης ενδιαφέροντος ΚΣΕ"]
    assert lines[1].split(",")[:4] == ["2026-B1-7", "7η Περίοδος Β1", "B1", "01/09/2026 12:00"]  # 09:00 UTC
    assert len(lines) == 2
