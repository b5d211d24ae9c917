"""An offered seat on the teacher's «Τα προγράμματά μου» (deadline, «Αποδοχή» / «Άρνηση» behind a
Ναι/Όχι confirmation) and the e-mail's one-click decline page `/offer-links/<token>` (no sign-in, the
token is the credential, no session CSRF token), against a fake gateway."""
from __future__ import annotations

API = "/api/enrollment/v1"
CODE = "2026-B2-4-IIb-B2.4-001"
TOKEN = "Abc_def-0123456789abcdefghijklmnopqrstuvwxy"
PROGRAMME = {"code": CODE, "period_id": 7, "centre_code": "KSE-0001", "centre_name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
             "cluster_code": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ", "category": "IIb",
             "category_name": "Μεικτό μοντέλο", "starts_on": None, "ends_on": None}
OFFERED = {"programme": PROGRAMME, "state": "offered", "allocated_as": "waitlisted", "position": 2,
           "live_position": None, "phase": "A", "changed_at": "2026-06-01T10:00:00+00:00",
           "offer_expires_at": "2026-06-03T10:00:00+00:00"}
WAITING = dict(OFFERED, programme=dict(PROGRAMME, code="P-2"), state="waitlisted", live_position=3,
               offer_expires_at=None)
LINK = {"programme_code": CODE, "state": "offered", "offer_expires_at": "2026-06-03T10:00:00+00:00"}


def test_an_offered_seat_shows_its_deadline_and_the_two_answers(client, signed_in, gateway):
    signed_in("teacher")
    gateway.on("GET", f"{API}/enrolment/my-entries", 200, [OFFERED, WAITING])
    html = client.get("/my-programmes").get_data(as_text=True)
    assert "Απαντήστε έως 03/06/2026 13:00" in html  # Athens time
    assert f'href="/my-programmes/{CODE}/acceptance"' in html and f'href="/my-programmes/{CODE}/refusal"' in html
    assert "/my-programmes/P-2/" not in html  # a waitlisted entry has nothing to answer


def test_the_answer_asks_first_and_posts_only_on_yes(client, signed_in, gateway):
    teacher = signed_in("teacher")
    gateway.on("GET", f"{API}/enrolment/my-entries", 200, [OFFERED, WAITING])
    html = client.get(f"/my-programmes/{CODE}/refusal").get_data(as_text=True)
    assert "οριστική" in html and ">Ναι<" in html and ">Όχι<" in html and "03/06/2026 13:00" in html
    assert not [c for c in gateway.calls if c["method"] == "POST"]
    assert client.get("/my-programmes/P-2/acceptance").status_code == 404  # not offered
    assert client.get(f"/my-programmes/{CODE}/withdrawal").status_code == 404
    gateway.on("POST", f"{API}/enrolment/my-entries/{CODE}/refusal", 200, dict(OFFERED, state="declined"))
    assert client.post(f"/my-programmes/{CODE}/refusal").status_code == 400  # no CSRF token
    response = client.post(f"/my-programmes/{CODE}/refusal", data={"csrf_token": teacher.csrf_token})
    assert response.status_code == 303 and response.headers["Location"].endswith("done=refusal")
    assert [c["path"] for c in gateway.calls if c["method"] == "POST"] == [f"{API}/enrolment/my-entries/{CODE}/refusal"]
    assert "Αρνηθήκατε τη θέση" in client.get("/my-programmes?done=refusal").get_data(as_text=True)


def test_an_answer_the_api_refuses_shows_its_greek_reason(client, signed_in, gateway):
    teacher = signed_in("teacher")
    gateway.on("GET", f"{API}/enrolment/my-entries", 200, [OFFERED])
    gateway.on("POST", f"{API}/enrolment/my-entries/{CODE}/acceptance", 409,
               {"status": 409, "detail": "Δεν υπάρχει ενεργή πρόσκληση για θέση σε αυτό το πρόγραμμα (ίσως έληξε)."})
    response = client.post(f"/my-programmes/{CODE}/acceptance", data={"csrf_token": teacher.csrf_token})
    assert response.status_code == 409 and "ίσως έληξε" in response.get_data(as_text=True)
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get(f"/my-programmes/{CODE}/acceptance").status_code == 403


def test_the_decline_link_shows_the_offer_without_signing_in_and_changes_nothing(client, gateway):
    gateway.on("GET", f"{API}/enrolment/offer-links/{TOKEN}", 200, LINK)
    response = client.get(f"/offer-links/{TOKEN}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and CODE in html and "03/06/2026 13:00" in html
    assert f'action="/offer-links/{TOKEN}"' in html and "Άρνηση της θέσης" in html
    assert gateway.calls[0]["method"] == "GET" and "Authorization" not in gateway.calls[0]["headers"]
    assert client.get("/offer-links/..%2Fadmin").status_code == 404 and len(gateway.calls) == 1


def test_one_click_declines_once_without_a_session(client, gateway):
    gateway.on("POST", f"{API}/enrolment/offer-links/{TOKEN}/decline", 200, dict(LINK, state="declined"))
    response = client.post(f"/offer-links/{TOKEN}", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200 and "Η άρνηση καταχωρίστηκε" in response.get_data(as_text=True)
    assert "Authorization" not in gateway.calls[-1]["headers"]
    gateway.on("POST", f"{API}/enrolment/offer-links/{TOKEN}/decline", 404,
               {"status": 404, "detail": "Ο σύνδεσμος δεν ισχύει πλέον"})
    again = client.post(f"/offer-links/{TOKEN}")
    assert again.status_code == 404 and "δεν ισχύει πλέον" in again.get_data(as_text=True)


def test_a_post_from_another_site_is_refused_before_the_api(client, gateway):
    response = client.post(f"/offer-links/{TOKEN}", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 400 and not gateway.calls


def test_a_gone_link_says_so(client, gateway):
    gateway.on("GET", f"{API}/enrolment/offer-links/{TOKEN}", 404, {"status": 404, "detail": "x"})
    response = client.get(f"/offer-links/{TOKEN}")
    assert response.status_code == 404 and "δεν ισχύει πλέον" in response.get_data(as_text=True)
