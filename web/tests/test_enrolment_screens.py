"""«Προγράμματα επιμόρφωσης → Εγγραφή επιμορφούμενων» against a fake gateway: the approved programmes,
a programme's candidates, «Καταχώριση» (all or nothing, Idempotency-Key), withdrawal with the
declaration, the central admin's skip, the history; who sees what."""
from __future__ import annotations

import io

import pytest

API = "/api/enrollment/v1"
CODE = "2026-B2-4-IIb-B2.4-001"
PROG = f"{API}/enrolment/programmes/{CODE}"
PERIOD = {"period_id": 7, "code": "2026-B1-7", "name": "7η Περίοδος Β1", "enrolment_open": True,
          "enrolment_deadline": "2026-06-30T18:00:00+00:00"}
PROGRAMME = {"code": CODE, "period_id": 7, "centre_code": "KSE-0001", "centre_name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
             "cluster_code": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ", "category": "IIb",
             "category_name": "Μεικτό μοντέλο", "starts_on": None, "ends_on": None}
APPROVED = {"programme": PROGRAMME, "capacity": 15, "enrolled": 1,
            "counts": {"successful": 2, "waitlisted": 1, "enrolled": 1, "promoted": 0}}


def entry(teacher_id: str, state: str, allocated_as: str = "successful", position: int = 1, **extra) -> dict:
    return {"teacher_id": teacher_id, "state": state, "allocated_as": allocated_as, "position": position,
            "phase": "A", "changed_at": "2026-06-01T10:00:00+00:00", **extra}


ENTRIES = [entry("t-1", "successful"), entry("t-2", "successful", position=2), entry("t-3", "enrolled", position=3),
           entry("t-9", "waitlisted", "waitlisted", 1)]
LISTED = {"programme": APPROVED, "entries": ENTRIES}


@pytest.fixture
def api(gateway):
    gateway.on("GET", f"{API}/periods", 200, [PERIOD])
    gateway.on("GET", f"{API}/periods/7", 200, PERIOD)
    gateway.on("GET", f"{API}/enrolment/programmes", 200, [APPROVED])
    gateway.on("GET", f"{PROG}/entries", 200, LISTED)
    return gateway


@pytest.fixture
def head(signed_in, api):
    return signed_in("kse-head", centre_id="KSE-0001")


def test_the_programmes_list_has_the_manuals_columns(client, head, api):
    html = client.get("/programmes/enrolment").get_data(as_text=True)
    for text in ("Λίστα εγκεκριμένων προγραμμάτων προς υλοποίηση", "7η Περίοδος Β1", CODE, "Δυναμικότητα",
                 "B2.4 ΠΛΗΡΟΦΟΡΙΚΗ", "IIb - Μεικτό μοντέλο", f"/programmes/enrolment/{CODE}"):
        assert text in html
    assert next(c for c in api.calls if c["path"] == f"{API}/enrolment/programmes")["params"] == {"period_id": 7}
    assert ">ΚΣΕ</th>" not in html  # one's own centre: no centre column, no centre filter


def test_a_programmes_candidates_with_checkboxes_only_for_who_may_enrol(client, head):
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    assert f"Αιτήσεις προγ/τος {CODE}" in html and "Καταχώριση</button>" in html
    assert html.count('name="teacher_id"') == 2  # the two successful; not the enrolled, not the waitlisted
    assert "Εγγεγραμμένος/η" in html and "Επιλαχών/ούσα" in html
    assert html.count(">Αποχώρηση<") == 3 and "Παράκαμψη" not in html  # skip: central admins only
    assert "Β4" not in html  # no B4 document exists yet: no link, no column


def test_the_names_are_shown_when_the_api_gives_them(client, head, api):
    named = dict(ENTRIES[0], name="ΑΘΑΝΑΣΙΑ", surname="ΠΑΠΑ", father_name="ΝΙΚΟΛΑΟΣ", id_card_number="ΑΒ123456")
    api.on("GET", f"{PROG}/entries", 200, dict(LISTED, entries=[named]))
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    for text in ("Πατρώνυμο", "Αρ. ταυτότητας", "ΑΘΑΝΑΣΙΑ", "ΝΙΚΟΛΑΟΣ", "ΑΒ123456"):
        assert text in html


def test_select_all_ticks_every_enrollable_candidate_without_javascript(client, head):
    html = client.get(f"/programmes/enrolment/{CODE}?select=all").get_data(as_text=True)
    assert html.count(" checked>") == 2


def test_enrolling_several_sends_them_at_once_with_the_forms_idempotency_key(client, head, api):
    api.on("POST", f"{PROG}/enrolments", 200, LISTED)
    response = client.post(f"/programmes/enrolment/{CODE}/enrolments", data={
        "csrf_token": head.csrf_token, "teacher_id": ["t-1", "t-2"], "idempotency_key": "key-123"})
    assert response.status_code == 303 and "enrolled=2" in response.headers["Location"]
    post = next(c for c in api.calls if c["method"] == "POST")
    assert post["body"] == {"teacher_ids": ["t-1", "t-2"]} and post["headers"]["Idempotency-Key"] == "key-123"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Η εγγραφή καταχωρίστηκε για 2 υποψήφιους/ες." in html


def test_a_refused_enrolment_is_an_error_summary_and_keeps_the_ticks(client, head, api):
    api.on("POST", f"{PROG}/enrolments", 409, {
        "status": 409, "detail": "Δεν μπορούν να εγγραφούν όλοι οι επιλεγμένοι.", "teacher_ids": ["t-2"]})
    response = client.post(f"/programmes/enrolment/{CODE}/enrolments", data={
        "csrf_token": head.csrf_token, "teacher_id": ["t-1", "t-2"], "idempotency_key": "k"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'data-testid="error-summary"' in html
    assert "Δεν μπορούν να εγγραφούν όλοι οι επιλεγμένοι." in html and "t-2" in html
    assert html.count(" checked>") == 2


def test_enrolling_nobody_is_refused_without_calling_the_api(client, head, api):
    response = client.post(f"/programmes/enrolment/{CODE}/enrolments", data={"csrf_token": head.csrf_token})
    assert response.status_code == 422 and "Επιλέξτε τουλάχιστον" in response.get_data(as_text=True)
    assert not any(c["method"] == "POST" for c in api.calls)


def test_after_the_deadline_the_list_is_read_only(client, head, api):
    api.on("GET", f"{API}/periods/7", 200, dict(PERIOD, enrolment_open=False))
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    assert 'name="teacher_id"' not in html and "μόνο για προβολή" in html and "(έληξε)" in html
    assert ">Εγγραφή</th>" not in html


def test_with_nobody_left_to_enrol_there_is_no_enrolment_column(client, head, api):
    api.on("GET", f"{PROG}/entries", 200, dict(LISTED, entries=[ENTRIES[2], ENTRIES[3]]))
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    assert ">Εγγραφή</th>" not in html and "Καταχώριση</button>" not in html and ">Αποχώρηση<" in html


def test_withdrawal_uploads_the_declaration(client, head, api):
    assert "Υπεύθυνη Δήλωση (PDF)" in client.get(f"/programmes/enrolment/{CODE}/t-1/withdrawal").get_data(as_text=True)
    api.on("POST", f"{PROG}/entries/t-1/withdrawal", 200, LISTED)
    response = client.post(f"/programmes/enrolment/{CODE}/t-1/withdrawal", content_type="multipart/form-data", data={
        "csrf_token": head.csrf_token, "file": (io.BytesIO(b"%PDF-1.4 declaration"), "d.pdf")})
    assert response.status_code == 303 and "withdrawn=1" in response.headers["Location"]
    post = next(c for c in api.calls if c["method"] == "POST")
    assert post["files"]["file"][:2] == ("d.pdf", b"%PDF-1.4 declaration")


def test_a_refused_declaration_is_shown_next_to_the_file(client, head, api):
    api.on("POST", f"{PROG}/entries/t-1/withdrawal", 422, {
        "status": 422, "detail": "Υπεύθυνη δήλωση: δεν είναι PDF.", "errors": {"file": ["Υπεύθυνη δήλωση: δεν είναι PDF."]}})
    response = client.post(f"/programmes/enrolment/{CODE}/t-1/withdrawal", content_type="multipart/form-data", data={
        "csrf_token": head.csrf_token, "file": (io.BytesIO(b"hello"), "d.pdf")})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="error-file"' in html and "δεν είναι PDF" in html
    response = client.post(f"/programmes/enrolment/{CODE}/t-1/withdrawal", content_type="multipart/form-data",
                           data={"csrf_token": head.csrf_token})
    assert response.status_code == 422 and "Ανεβάστε την υπογεγραμμένη" in response.get_data(as_text=True)


def test_the_history_says_who_when_what_and_why(client, head, api):
    api.on("GET", f"{PROG}/entries/t-9/history", 200, [
        {"previous_state": None, "state": "waitlisted", "action": "allocation", "position": 1, "actor": "evt-1",
         "reason": None, "at": "2026-06-01T10:00:00+00:00"},
        {"previous_state": "promoted", "state": "waitlisted", "action": "skip", "position": 1, "actor": "admin-1",
         "reason": "Δεν κατέστη δυνατή η επικοινωνία.", "at": "2026-06-02T10:00:00+00:00"},
        {"previous_state": "waitlisted", "state": "promoted", "action": "promote", "position": 1, "actor": "person-1",
         "reason": None, "at": "2026-06-03T10:00:00+00:00"}])
    html = client.get(f"/programmes/enrolment/{CODE}/t-9/history").get_data(as_text=True)
    for text in ("Ιστορικό αίτησης", "Κατανομή", "Παράκαμψη", "admin-1", "Δεν κατέστη δυνατή η επικοινωνία.",
                 "02/06/2026 13:00", ">Εσείς<"):
        assert text in html


def test_the_declaration_pdf_is_streamed(client, head, api):
    api.on("GET", f"{PROG}/entries/t-1/declaration", 200, b"%PDF-1.4 decl",
           {"Content-Disposition": 'attachment; filename="declaration-t-1.pdf"'})
    response = client.get(f"/programmes/enrolment/{CODE}/t-1/declaration.pdf")
    assert response.data == b"%PDF-1.4 decl" and response.headers["Content-Type"] == "application/pdf"


def test_another_centres_programme_is_the_not_found_page(client, head, api):
    api.on("GET", f"{API}/enrolment/programmes/OTHER/entries", 404, {"status": 404, "detail": "Το πρόγραμμα δεν βρέθηκε."})
    response = client.get("/programmes/enrolment/OTHER")
    assert response.status_code == 404 and "Η σελίδα δεν βρέθηκε" in response.get_data(as_text=True)
    assert client.get(f"/programmes/enrolment/{CODE}/nobody/history").status_code == 404


def test_a_coordinator_reads_without_forms(client, signed_in, api):
    signed_in("coordinator", centre_id="KSE-0001")
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    assert 'name="teacher_id"' not in html and ">Αποχώρηση<" not in html and "Ιστορικό" in html
    assert "Εγγραφή επιμορφούμενων</a>" in html  # the coordinator's menu leads here
    assert client.post(f"/programmes/enrolment/{CODE}/enrolments", data={"teacher_id": "t-1"}).status_code in (400, 403)
    assert client.get(f"/programmes/enrolment/{CODE}/t-1/withdrawal").status_code == 403


def test_wrong_roles_are_told_they_have_no_access(client, signed_in, api):
    signed_in("teacher")
    response = client.get("/programmes/enrolment")
    assert response.status_code == 403 and "Δεν έχετε πρόσβαση" in response.get_data(as_text=True)
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get(f"/programmes/enrolment/{CODE}/t-9/skip").status_code == 403


@pytest.fixture
def admin(signed_in, api):
    promoted = entry("t-9", "promoted", "waitlisted", 1)
    api.on("GET", f"{PROG}/entries", 200, dict(LISTED, entries=[*ENTRIES[:3], promoted]))
    api.on("GET", f"{API}/enrolment/programmes", 200, [APPROVED, dict(APPROVED, programme=dict(
        PROGRAMME, code="P-2", centre_code="KSE-0002", centre_name="ΚΣΕ ΠΑΤΡΑΣ"))])
    return signed_in("central-admin")


def test_the_central_admin_sees_every_centre_with_a_centre_filter(client, admin):
    html = client.get("/programmes/enrolment").get_data(as_text=True)
    assert "ΚΣΕ ΠΑΤΡΑΣ" in html and 'id="filter-centre"' in html
    html = client.get("/programmes/enrolment?centre=KSE-0002").get_data(as_text=True)
    assert "/programmes/enrolment/P-2" in html and f"/programmes/enrolment/{CODE}" not in html


def test_the_central_admin_skips_a_promoted_candidate_with_a_reason_after_confirming(client, admin, api):
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    assert f"/programmes/enrolment/{CODE}/t-9/skip" in html
    response = client.post(f"/programmes/enrolment/{CODE}/t-9/skip", data={"csrf_token": admin.csrf_token, "answer": "no"})
    assert response.status_code == 303 and not any(c["method"] == "POST" for c in api.calls)
    response = client.post(f"/programmes/enrolment/{CODE}/t-9/skip", data={"csrf_token": admin.csrf_token, "answer": "yes"})
    assert response.status_code == 422 and 'id="error-reason"' in response.get_data(as_text=True)
    api.on("POST", f"{PROG}/entries/t-9/skip", 200, [])
    response = client.post(f"/programmes/enrolment/{CODE}/t-9/skip", data={
        "csrf_token": admin.csrf_token, "answer": "yes", "reason": "Δεν απαντά."})
    assert response.status_code == 303 and "skipped=1" in response.headers["Location"]
    assert next(c for c in api.calls if c["method"] == "POST")["body"] == {"reason": "Δεν απαντά."}


def test_a_teacher_sees_their_own_state_with_the_live_waitlist_position(client, signed_in, gateway):
    signed_in("teacher")
    gateway.on("GET", f"{API}/enrolment/my-entries", 200, [
        {"programme": PROGRAMME, "state": "waitlisted", "allocated_as": "waitlisted", "position": 4, "live_position": 2,
         "phase": "A", "changed_at": "2026-06-01T10:00:00+00:00"},
        {"programme": dict(PROGRAMME, code="P-2"), "state": "enrolled", "allocated_as": "successful", "position": 1,
         "live_position": None, "phase": "A", "changed_at": "2026-06-01T10:00:00+00:00"}])
    html = client.get("/my-programmes").get_data(as_text=True)
    assert "Τα προγράμματά μου" in html and CODE in html and "Επιλαχών/ούσα" in html and "Εγγεγραμμένος/η" in html
    assert 'data-testid="live-position">2<' in html and 'data-testid="live-position">—<' in html
    assert 'aria-current="page">Τα προγράμματά μου</a>' in html


def test_a_teacher_without_entries_is_told_when_they_appear(client, signed_in, gateway):
    signed_in("teacher")
    gateway.on("GET", f"{API}/enrolment/my-entries", 200, [])
    assert "μετά την κατανομή" in client.get("/my-programmes").get_data(as_text=True)
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get("/my-programmes").status_code == 403


def test_the_request_limit_allows_a_declaration_of_enrollments_limit(app):
    assert app.config["MAX_CONTENT_LENGTH"] > 5 * 1024 * 1024  # enrollment-svc's MAX_DECLARATION_BYTES


def test_the_home_page_links_the_enrolment_deadline_to_the_enrolment_screen(client, signed_in, gateway):
    from datetime import datetime, timedelta, timezone

    soon = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    gateway.on("GET", "/api/applications/v1/periods", 200, [{"id": 7, "code": "P7", "name": "7η Περίοδος",
                                                            "enrolment_deadline": soon}])
    for role, claims in (("coordinator", {"centre_id": "KSE-0001"}), ("central-admin", {})):
        signed_in(role, **claims)
        assert 'href="/programmes/enrolment?period=7">Προθεσμία εγγραφών' in client.get("/").get_data(as_text=True)


def test_both_lists_export_as_csv(client, head):
    response = client.get("/programmes/enrolment?format=csv")
    text = response.data.decode("utf-8-sig")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert text.splitlines()[0].startswith("Κωδικός προγ/τος,ΚΣΕ,Δυναμικότητα") and CODE in text
    assert "format=csv" in client.get("/programmes/enrolment").get_data(as_text=True)
    lines = client.get(f"/programmes/enrolment/{CODE}?format=csv").data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Α/Α,Εκπαιδευτικός,Κατάσταση αίτησης,Σειρά επιλαχόντων"
    assert lines[1:] == ["1,t-1,Επιτυχών/ούσα,", "2,t-2,Επιτυχών/ούσα,", "3,t-3,Εγγεγραμμένος/η,", "4,t-9,Επιλαχών/ούσα,1"]


def test_an_issued_b4_is_linked_and_passed_on_from_documents(client, head, api):
    api.on("GET", "/api/documents/v1/documents", 200, [
        {"id": "doc-b4", "kind": "b4-certificate", "subject": f"{CODE}/t-3", "title": "Β4"},
        {"id": "doc-other", "kind": "b4-certificate", "subject": "OTHER/t-1", "title": "Β4"}])
    api.on("GET", "/api/documents/v1/documents/doc-b4/pdf", 200, b"%PDF-1.4 b4")
    html = client.get(f"/programmes/enrolment/{CODE}").get_data(as_text=True)
    assert "Έγγραφο Β4 - Βεβαίωση εγγραφής" in html and html.count(">Β4 (PDF)<") == 1
    assert f"/programmes/enrolment/{CODE}/t-3/b4.pdf" in html
    assert client.get(f"/programmes/enrolment/{CODE}/t-3/b4.pdf").data == b"%PDF-1.4 b4"
    assert client.get(f"/programmes/enrolment/{CODE}/t-1/b4.pdf").status_code == 404
