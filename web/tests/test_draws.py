"""The public draws' procedure (lottery, allocation A/B): a task list of the steps with their
state, Ναι/Όχι before each irreversible step, the published record and how it is verified."""
from __future__ import annotations

import json

import pytest

PERIOD = {"id": 7, "code": "2026-B2-4", "name": "4η Περίοδος Β2",
          "interest_closes_at": "2026-09-15T20:59:00+00:00", "applications_a_opens_at": "2026-09-20T06:00:00+00:00",
          "applications_a_closes_at": "2026-10-05T20:59:00+00:00", "applications_b_opens_at": "2026-10-10T06:00:00+00:00",
          "applications_b_closes_at": "2026-10-20T20:59:00+00:00", "enrolment_deadline": "2026-11-10T21:59:00+00:00"}
LOTTERY = "/api/applications/v1/periods/7/lottery"
HASH = "3f" * 32
NOT_FROZEN = {"type": "urn:epimorfosi:problem:lottery-not-frozen", "status": 404,
              "detail": "Τα δεδομένα της κλήρωσης δεν έχουν «παγώσει» ακόμη."}
FROZEN = {"status": "frozen", "kind": "programme-lottery", "algorithm": "sha256-ctr-v1", "rules_version": "v1",
          "input_sha256": HASH, "frozen_at": "2026-09-16T07:00:00+00:00", "frozen_by": "admin", "seed": None,
          "seed_source": None, "seeded_at": None, "drawn_at": None, "input": {}, "result": None}
DRAWN = {**FROZEN, "status": "drawn", "seed": "05 11 23 31 38 44", "seed_source": "Κλήρωση ΛΟΤΤΟ 12/09/2026",
         "seeded_at": "2026-09-16T08:00:00+00:00", "drawn_at": "2026-09-16T09:00:00+00:00",
         "input": {"expressions": [{"centre": "KSE-0001"}, {"centre": "KSE-0002"}],
                   "distribution": [{"area": "N1", "category": "IIa", "cluster": "B2.1", "programmes": 3}]},
         "result": {"assignments": [
             {"programme": "P-IIa-B2.1-N1-001", "centre": "KSE-0002"}, {"programme": "P-IIa-B2.1-N1-002", "centre": "KSE-0002"}],
             "centres": [{"centre": "KSE-0001", "random_number": 2, "eligible": False, "programmes": 0},
                         {"centre": "KSE-0002", "random_number": 1, "eligible": True, "programmes": 2}],
             "unfilled": [{"category": "IIa", "area": "N1", "cluster": "B2.1", "available": 3, "assigned": 2, "unfilled": 1}]}}


@pytest.fixture
def admin(signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods/7", 200, PERIOD)
    return signed_in("central-admin")


def post(client, admin, path, **data):
    return client.post(path, data={"csrf_token": admin.csrf_token, **data})


def test_before_the_freeze_only_the_freeze_can_start(client, admin, gateway):
    gateway.on("GET", LOTTERY, 404, NOT_FROZEN)
    html = client.get("/periods/7/lottery").get_data(as_text=True)
    assert "Κλήρωση προγραμμάτων" in html and 'data-testid="steps"' in html
    assert "από 15/09/2026 23:59 έως 20/09/2026 09:00" in html  # the window, in Athens time
    assert html.count("Δεν μπορεί να ξεκινήσει ακόμη") == 3 and "Επόμενο βήμα" in html
    assert ">Πάγωμα</button>" in html and 'name="seed"' not in html


def test_each_step_asks_yes_or_no_before_the_api(client, admin, gateway):
    response = post(client, admin, "/periods/7/lottery/freeze")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "δεν αλλάζουν πια" in html
    assert 'name="confirm" value="yes"' in html and ">Ναι</button>" in html and ">Όχι</a>" in html
    assert all(call["method"] == "GET" for call in gateway.calls)  # «Όχι»: nothing was done
    gateway.on("POST", f"{LOTTERY}/freeze", 201, {})
    response = post(client, admin, "/periods/7/lottery/freeze", confirm="yes")
    assert response.status_code == 303 and response.headers["Location"] == "/periods/7/lottery?done=freeze#step-freeze"
    assert (gateway.calls[-1]["method"], gateway.calls[-1]["path"], gateway.calls[-1]["body"]) == (
        "POST", f"{LOTTERY}/freeze", None)


def test_after_the_freeze_the_hash_is_shown_and_the_seed_asked(client, admin, gateway):
    gateway.on("GET", LOTTERY, 200, FROZEN)
    html = client.get("/periods/7/lottery?done=freeze").get_data(as_text=True)
    assert f'data-testid="input-sha256">{HASH}<' in html and "Δημοσιεύστε το αποτύπωμα SHA-256" in html
    assert 'name="seed"' in html and 'name="source"' in html and ">Πάγωμα</button>" not in html


def test_the_seed_is_checked_confirmed_then_sent(client, admin, gateway):
    gateway.on("GET", LOTTERY, 200, FROZEN)
    empty = post(client, admin, "/periods/7/lottery/seed", seed=" ", source="")
    assert empty.status_code == 422 and "Σπόρος: Συμπληρώστε το πεδίο." in empty.get_data(as_text=True)
    values = {"seed": "05 11 23 31 38 44", "source": "Κλήρωση ΛΟΤΤΟ 12/09/2026"}
    question = post(client, admin, "/periods/7/lottery/seed", **values).get_data(as_text=True)
    assert "Καταχωρίζεται μία φορά" in question and 'name="seed" value="05 11 23 31 38 44"' in question
    assert not any(call["method"] == "POST" for call in gateway.calls)
    gateway.on("POST", f"{LOTTERY}/seed", 200, {})
    response = post(client, admin, "/periods/7/lottery/seed", confirm="yes", **values)
    assert response.status_code == 303 and gateway.calls[-1]["body"] == values


def test_the_apis_refusal_is_the_error_summary(client, admin, gateway):
    gateway.on("GET", LOTTERY, 404, NOT_FROZEN)
    gateway.on("POST", f"{LOTTERY}/freeze", 409, {
        "status": 409, "type": "urn:epimorfosi:problem:outside-window",
        "detail": "Κλήρωση προγραμμάτων: η προθεσμία δεν έχει ανοίξει ακόμη (ανοίγει 2026-09-15T20:59+00:00)."})
    response = post(client, admin, "/periods/7/lottery/freeze", confirm="yes")
    assert response.status_code == 422
    assert "η προθεσμία δεν έχει ανοίξει ακόμη" in response.get_data(as_text=True)


def test_the_drawn_record_is_summarised_with_its_verification(client, admin, gateway):
    gateway.on("GET", LOTTERY, 200, DRAWN)
    html = client.get("/periods/7/lottery").get_data(as_text=True)
    assert html.count("Ολοκληρώθηκε") == 4 and 'data-testid="seed">05 11 23 31 38 44<' in html
    rows = html.split('data-testid="record"')[1].split("</table>")[0]
    assert rows.index("KSE-0002") < rows.index("KSE-0001")  # in random-number order
    assert "P-IIa-B2.1-N1-001, P-IIa-B2.1-N1-002" in rows
    totals = html.split('data-testid="record-totals"')[1].split("</dl>")[0]
    for label, number in (("Οριστικές αιτήσεις ΚΣΕ", 2), ("Προγράμματα του πίνακα κατανομής", 3),
                          ("Προγράμματα που ανατέθηκαν", 2), ("Προγράμματα χωρίς ΚΣΕ", 1)):
        assert f'{label}</dt><dd class="govgr-summary-list__value">{number}<' in totals
    assert "python -m applications_svc.verify 2026-B2-4-lottery.json" in html
    assert 'href="/periods/7/lottery/record.json"' in html and html.count(HASH) == 2


def test_the_record_is_downloaded_as_the_api_publishes_it(client, admin, gateway):
    gateway.on("GET", LOTTERY, 200, DRAWN)
    response = client.get("/periods/7/lottery/record.json")
    assert response.headers["Content-Disposition"] == 'attachment; filename="2026-B2-4-lottery.json"'
    assert json.loads(response.data) == DRAWN
    gateway.on("GET", LOTTERY, 404, NOT_FROZEN)
    assert client.get("/periods/7/lottery/record.json").status_code == 404


def test_the_allocation_of_phase_b_uses_its_own_api_and_window(client, admin, gateway):
    record = {**DRAWN, "kind": "teacher-allocation", "phase": "B", "result": {
        "programmes": [{"code": "P-001", "capacity": 20, "phase_a_seats": 12, "seated_total": 20,
                        "seated": [f"N-{n}" for n in range(8)],  # candidate numbers, as the API gives them
                        "free_seats": 0, "waitlist": [{"position": 1, "applicant": "X"}], "reaches_minimum": True}],
        "applicants": [{"id": "A", "status": "successful"}, {"id": "X", "status": "waitlisted"}],
        "to_be_implemented": ["P-001"]}}
    gateway.on("GET", "/api/applications/v1/periods/7/allocation/B", 200, record)
    html = client.get("/periods/7/allocation-B").get_data(as_text=True)
    assert "Κατανομή εκπαιδευτικών Β' φάσης</h1>" in html and "έως 10/11/2026 23:59" in html
    rows = html.split('data-testid="record"')[1].split("</table>")[0]
    assert [cell.split(">")[-1] for cell in rows.split("</td>")[:-1]] == ["P-001", "20", "12", "8", "0", "1", "Ναι"]
    assert "python -m applications_svc.verify 2026-B2-4-allocation-B.json" in html
    gateway.on("POST", "/api/applications/v1/periods/7/allocation/B/draw", 200, {})
    post(client, admin, "/periods/7/allocation-B/draw", confirm="yes")
    assert gateway.calls[-1]["path"] == "/api/applications/v1/periods/7/allocation/B/draw"


def test_other_roles_have_no_access_and_unknown_draws_do_not_exist(client, admin, signed_in, gateway):
    assert client.get("/periods/7/raffle").status_code == 404
    assert post(client, admin, "/periods/7/lottery/undo", confirm="yes").status_code == 404
    signed_in("kse-head", centre_id="KSE-0001")
    response = client.get("/periods/7/lottery")
    assert response.status_code == 403 and "Δεν έχετε πρόσβαση σε αυτή τη σελίδα" in response.get_data(as_text=True)
