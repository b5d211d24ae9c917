"""Teacher applications (phases A and B) and their allocation through the API:
freeze -> seed -> draw -> verify, seats and waitlists, the teacher's result, K2/K3, events."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from applications_svc_helpers import (
    AFTER_INTEREST, ALL_B2, add_room, admin, csv_bytes, import_csv, kse_head, open_period, outbox, register_centre,
    submit_full,
)
from applications_svc import verify

EVENTS = Path(__file__).resolve().parents[1] / "src" / "applications_svc" / "events"
DISTRIBUTION = [
    "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,1",
    "ΑΧΑΪΑΣ,Νομός Αχαΐας,IIa,B2.5,1",
    "ΠΕΛΟΠΟΝΝΗΣΟΥ,Περιφέρεια Πελοποννήσου,IIb,B2.4,2",
]
PHASE_A = "2026-09-30T10:00:00+03:00"
ALLOCATION_A = "2026-10-07T10:00:00+03:00"
PHASE_B = "2026-10-15T10:00:00+03:00"
ALLOCATION_B = "2026-10-22T10:00:00+03:00"
SEED = {"seed": "05 11 23 31 38 44", "source": "Κλήρωση ΛΟΤΤΟ 06/10/2026"}


def teacher(issuer, subject):
    return issuer.headers(subject, ["teacher"])


def app_url(period_id, phase="A"):
    return f"/v1/periods/{period_id}/applications/{phase}/mine"


def alloc_url(period_id, phase="A", tail=""):
    return f"/v1/periods/{period_id}/allocation/{phase}{tail}"


def apply_for(client, issuer, period_id, subject, programmes, specialty="ΠΕ86", phase="A"):
    return client.put(app_url(period_id, phase), json={"specialty": specialty, "programmes": programmes},
                      headers=teacher(issuer, subject))


def candidate_numbers(client, issuer, period_id, subjects):
    """Subject -> the number under which the teacher appears in the published records."""
    return {s: client.get(f"/v1/periods/{period_id}/my-allocation", headers=teacher(issuer, s))
            .get_json()["candidate_number"] for s in subjects}


@pytest.fixture
def programmes(client, app, issuer, clock):
    """A drawn lottery: three B2.4 programmes of KSE-0001 (2 seats each), one B2.5 of KSE-0002 (2 seats).
    The call: at most 3 choices, 2 participants to be implemented."""
    register_centre(app, "KSE-0001", "ΜΕΣΣΗΝΙΑΣ", "ΠΕΛΟΠΟΝΝΗΣΟΥ")
    register_centre(app, "KSE-0002", "ΑΧΑΪΑΣ", "ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ")
    add_room(app, "KSE-0001", room_id=1, capacity=2)
    add_room(app, "KSE-0002", room_id=2, capacity=2)
    period_id = open_period(client, issuer, max_choices=3, minimum_participants=2)
    assert import_csv(client, issuer, period_id, csv_bytes(DISTRIBUTION)).status_code == 200
    submit_full(client, issuer, period_id, "KSE-0001", ["B2.4"] + [c for c in ALL_B2 if c != "B2.4"])
    submit_full(client, issuer, period_id, "KSE-0002", ["B2.5"] + [c for c in ALL_B2 if c != "B2.5"])
    clock.set(AFTER_INTEREST)
    base = f"/v1/periods/{period_id}/lottery"
    assert client.post(base + "/freeze", headers=admin(issuer)).status_code == 201
    assert client.post(base + "/seed", json={"seed": "42", "source": "ΛΟΤΤΟ 19/09/2026"},
                       headers=admin(issuer)).status_code == 200
    assert client.post(base + "/draw", headers=admin(issuer)).status_code == 200
    listing = client.get(f"/v1/periods/{period_id}/programmes", headers=admin(issuer)).get_json()
    assert all(p["successful"] is None and p["to_be_implemented"] is None for p in listing)  # K2 before allocation
    b24 = [p["code"] for p in listing if p["cluster"] == "B2.4"]
    [b25] = [p["code"] for p in listing if p["cluster"] == "B2.5"]
    assert len(b24) == 3
    clock.set(PHASE_A)
    return period_id, b24, b25


def run_allocation(client, issuer, period_id, phase):
    assert client.post(alloc_url(period_id, phase, "/freeze"), headers=admin(issuer)).status_code == 201
    assert client.post(alloc_url(period_id, phase, "/seed"), json=SEED, headers=admin(issuer)).status_code == 200
    drawn = client.post(alloc_url(period_id, phase, "/draw"), headers=admin(issuer))
    assert drawn.status_code == 200, drawn.get_json()
    return drawn.get_json()


def test_phase_a_application_rules(client, issuer, clock, programmes):
    period_id, (p1, p2, p3), q = programmes
    saved = apply_for(client, issuer, period_id, "t01", [p2, p1])
    assert saved.status_code == 200, saved.get_json()
    view = saved.get_json()
    assert [(p["rank"], p["code"]) for p in view["programmes"]] == [(1, p2), (2, p1)]
    assert view["specialty"] == "ΠΕ86" and view["max_choices"] == 3 and view["window_open"] is True
    # change allowed while the window is open; read your own application
    assert apply_for(client, issuer, period_id, "t01", [p3, p1, p2]).status_code == 200
    mine = client.get(app_url(period_id), headers=teacher(issuer, "t01")).get_json()
    assert [p["code"] for p in mine["programmes"]] == [p3, p1, p2] and mine["teacher_id"] == "t01"
    assert client.get(app_url(period_id), headers=teacher(issuer, "t02")).status_code == 404

    # wrong specialty for the programme's cluster: refused in Greek
    wrong = apply_for(client, issuer, period_id, "t02", [p1, q], specialty="ΠΕ86")
    assert wrong.status_code == 422 and "ειδικότητάς σας" in wrong.get_json()["detail"] and q in wrong.get_json()["detail"]
    unknown = apply_for(client, issuer, period_id, "t02", [p1], specialty="ΧΧ99")
    assert unknown.status_code == 422 and "καμία συστάδα" in unknown.get_json()["detail"]
    assert apply_for(client, issuer, period_id, "t02", [q], specialty="ΠΕ70").status_code == 200
    # max choices, duplicates, unknown programmes
    too_many = apply_for(client, issuer, period_id, "t03", [p1, p2, p3, q], specialty="ΠΕ86")
    assert too_many.status_code == 422 and "έως 3" in too_many.get_json()["detail"]
    duplicate = apply_for(client, issuer, period_id, "t03", [p1, p1])
    assert duplicate.status_code == 422 and "μία φορά" in duplicate.get_json()["detail"]
    assert apply_for(client, issuer, period_id, "t03", ["NOPE"]).status_code == 422
    assert apply_for(client, issuer, period_id, "t03", []).status_code == 422
    # the window closes: no more changes
    clock.set(ALLOCATION_A)
    closed = apply_for(client, issuer, period_id, "t01", [p1])
    assert closed.status_code == 409 and "έληξε" in closed.get_json()["detail"]
    assert client.get(app_url(period_id), headers=teacher(issuer, "t01")).get_json()["read_only"] is True
    clock.set("2026-09-24T10:00:00+03:00")
    early = apply_for(client, issuer, period_id, "t04", [p1])
    assert early.status_code == 409 and "δεν έχει ανοίξει" in early.get_json()["detail"]


def test_the_application_carries_contact_data_to_enrollment(client, app, issuer, programmes):
    period_id, (p1, _, _), _ = programmes
    body = {"specialty": "πε86", "programmes": [p1], "phone": "2721012345", "mobile": "+30 6912345678",
            "id_card_number": "ΑΒ 123456"}
    saved = client.put(app_url(period_id), json=body, headers=teacher(issuer, "t01"))
    assert saved.status_code == 200, saved.get_json()
    view = saved.get_json()
    assert (view["phone"], view["mobile"], view["id_card_number"]) == ("2721012345", "+30 6912345678", "ΑΒ 123456")
    [event] = outbox(app, "applications.teacher_application.saved.v1")
    assert event["subject"] == f"{period_id}/A/t01"
    assert event["data"] | {"saved_at": None} == {
        "period_id": period_id, "phase": "A", "teacher_id": "t01", "specialty": "ΠΕ86", "phone": "2721012345",
        "mobile": "+30 6912345678", "id_card_number": "ΑΒ 123456", "saved_at": None}
    # without contact data (an older client): saved, the event says null
    assert apply_for(client, issuer, period_id, "t01", [p1]).status_code == 200
    assert outbox(app, "applications.teacher_application.saved.v1")[-1]["data"]["phone"] is None
    wrong = client.put(app_url(period_id), json={**body, "mobile": "12"}, headers=teacher(issuer, "t01"))
    assert wrong.status_code == 422 and "mobile" in wrong.get_json()["errors"]["json"]


def test_roles(client, issuer, programmes):
    period_id, (p1, _, _), _ = programmes
    body = {"specialty": "ΠΕ86", "programmes": [p1]}
    assert client.put(app_url(period_id), json=body).status_code == 401
    assert client.put(app_url(period_id), json=body, headers=kse_head(issuer)).status_code == 403
    assert client.put(app_url(period_id), json=body, headers=admin(issuer)).status_code == 403
    assert client.get(f"/v1/periods/{period_id}/my-allocation").status_code == 401
    assert client.get(f"/v1/periods/{period_id}/my-allocation", headers=kse_head(issuer)).status_code == 403
    for tail in ("/freeze", "/draw"):
        assert client.post(alloc_url(period_id, "A", tail)).status_code == 401
        assert client.post(alloc_url(period_id, "A", tail), headers=teacher(issuer, "t01")).status_code == 403
    assert client.post(alloc_url(period_id, "A", "/seed"), json=SEED,
                       headers=kse_head(issuer)).status_code == 403
    assert client.get(f"/v1/periods/{period_id}/programmes").status_code == 401
    # freeze during the phase: refused (the allocation comes after the phase closes)
    response = client.post(alloc_url(period_id, "A", "/freeze"), headers=admin(issuer))
    assert response.status_code == 409 and response.get_json()["type"].endswith("outside-window")
    assert client.post(alloc_url(period_id, "C", "/freeze"), headers=admin(issuer)).status_code == 404


def test_allocation_round_trip_phases_a_and_b(client, app, issuer, clock, programmes, tmp_path):
    period_id, (p1, p2, p3), q = programmes
    for subject in ("t01", "t02", "t03", "t04", "t05"):
        assert apply_for(client, issuer, period_id, subject, [p1, p2]).status_code == 200
    assert apply_for(client, issuer, period_id, "t06", [q], specialty="ΠΕ70").status_code == 200
    pending = client.get(f"/v1/periods/{period_id}/my-allocation", headers=teacher(issuer, "t01")).get_json()
    assert pending["status"] == "pending" and pending["seat"] is None
    number = candidate_numbers(client, issuer, period_id, ["t01", "t02", "t03", "t04", "t05", "t06"])
    assert len(set(number.values())) == 6 and all(len(n) == 11 and n[5] == "-" for n in number.values())
    assert client.get(app_url(period_id), headers=teacher(issuer, "t01")).get_json()["candidate_number"] == number["t01"]
    # a second save keeps the number (one per teacher and period)
    assert apply_for(client, issuer, period_id, "t01", [p1, p2]).get_json()["candidate_number"] == number["t01"]
    subject = {n: s for s, n in number.items()}

    clock.set(ALLOCATION_A)
    assert client.get(alloc_url(period_id), headers=admin(issuer)).status_code == 404
    frozen = client.post(alloc_url(period_id, "A", "/freeze"), headers=admin(issuer))
    assert frozen.status_code == 201 and frozen.get_json()["applicants"] == 6
    assert client.post(alloc_url(period_id, "A", "/freeze"), headers=admin(issuer)).status_code == 409
    assert client.post(alloc_url(period_id, "A", "/draw"), headers=admin(issuer)).status_code == 409  # no seed
    assert client.post(alloc_url(period_id, "A", "/seed"), json=SEED, headers=admin(issuer)).status_code == 200
    assert client.post(alloc_url(period_id, "A", "/seed"), json=SEED, headers=admin(issuer)).status_code == 409
    drawn = client.post(alloc_url(period_id, "A", "/draw"), headers=admin(issuer))
    assert drawn.status_code == 200 and drawn.get_json()["seated"] == 5
    assert client.post(alloc_url(period_id, "A", "/draw"), headers=admin(issuer)).status_code == 409

    # the published record verifies offline, a forged one does not
    record = client.get(alloc_url(period_id), headers=teacher(issuer, "t01")).get_json()
    assert record["kind"] == "teacher-allocation" and record["status"] == "drawn"
    assert verify.check(record) == []
    assert not any(f'"{s}"' in json.dumps(record) for s in number)  # the public record names no login
    path = tmp_path / "allocation.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "applications_svc.verify", str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and verify.OK_MESSAGE in run.stdout
    forged = json.loads(json.dumps(record))
    forged["result"]["applicants"][0]["random_number"] += 1
    assert verify.check(forged) != []

    # seats: p1 and p2 full, one ΠΕ86 teacher waitlisted on both; q has one seat (below the minimum)
    result = record["result"]
    by_code = {p["code"]: p for p in result["programmes"]}
    assert len(by_code[p1]["seated"]) == 2 and len(by_code[p2]["seated"]) == 2
    assert by_code[q]["seated"] == [number["t06"]]
    [loser] = [subject[a["id"]] for a in result["applicants"] if a["status"] == "waitlisted"]
    seated_p1 = [subject[n] for n in by_code[p1]["seated"]]
    mine = client.get(f"/v1/periods/{period_id}/my-allocation", headers=teacher(issuer, loser)).get_json()
    assert mine["status"] == "waitlisted" and mine["seat"] is None
    positions = {w["programme"]["code"]: w["position"] for w in mine["waitlists"]}
    assert set(positions) == {p1, p2}
    # waitlist positions: p1's waitlist holds the p2 seat holders and the loser, by random number
    numbers = {subject[a["id"]]: a["random_number"] for a in result["applicants"]}
    waitlist_p1 = [subject[w["applicant"]] for w in by_code[p1]["waitlist"]]
    assert waitlist_p1 == sorted({subject[n] for n in by_code[p2]["seated"]} | {loser}, key=numbers.get)
    assert positions[p1] == waitlist_p1.index(loser) + 1 and positions[p2] == 1
    winner = seated_p1[0]
    mine = client.get(f"/v1/periods/{period_id}/my-allocation", headers=teacher(issuer, winner)).get_json()
    assert mine["status"] == "successful" and mine["seat"]["programme"]["code"] == p1
    assert mine["seat"]["choice"] == 1 and mine["seat"]["programme"]["centre_code"] == "KSE-0001"
    assert mine["waitlists"] == []
    stranger = client.get(f"/v1/periods/{period_id}/my-allocation", headers=teacher(issuer, "t99")).get_json()
    assert stranger["status"] == "not-applied"

    # phase B: the seats left after phase A
    clock.set(PHASE_B)
    refused = apply_for(client, issuer, period_id, winner, [p3], phase="B")
    assert refused.status_code == 409 and "Α' φάση" in refused.get_json()["detail"]
    full = apply_for(client, issuer, period_id, loser, [p1, p3], phase="B")
    assert full.status_code == 422 and "κενές θέσεις" in full.get_json()["detail"]
    assert apply_for(client, issuer, period_id, loser, [p3], phase="B").status_code == 200
    assert apply_for(client, issuer, period_id, "t07", [p3, q], specialty="ΠΕ86", phase="B").status_code == 422
    assert apply_for(client, issuer, period_id, "t07", [p3], phase="B").status_code == 200
    clock.set(ALLOCATION_B)
    summary = run_allocation(client, issuer, period_id, "B")
    assert summary["seated"] == 2
    record_b = client.get(alloc_url(period_id, "B"), headers=admin(issuer)).get_json()
    assert verify.check(record_b) == []
    assert record_b["input"]["existing_seats"][p1] == sorted(number[s] for s in seated_p1)
    number.update(candidate_numbers(client, issuer, period_id, ["t07"]))
    subject = {n: s for s, n in number.items()}
    assert {a["id"] for a in record_b["input"]["applicants"]} == {number[loser], number["t07"]}

    mine = client.get(f"/v1/periods/{period_id}/my-allocation", headers=teacher(issuer, loser)).get_json()
    assert mine["status"] == "successful" and mine["seat"]["programme"]["code"] == p3 and mine["seat"]["phase"] == "B"
    assert {w["programme"]["code"] for w in mine["waitlists"]} == {p1, p2}  # the phase-A waitlists remain

    # nobody in two seats, every seat within capacity
    seats = {}
    for phase_record in (record, record_b):
        for p in phase_record["result"]["programmes"]:
            for applicant in p["seated"]:
                assert applicant not in seats
                seats[applicant] = p["code"]
    assert len(seats) == 7

    # K2/K3: counts after the allocation; to be implemented = reached the minimum (2)
    listing = client.get(f"/v1/periods/{period_id}/programmes", headers=kse_head(issuer)).get_json()
    rows = {p["code"]: p for p in listing}
    assert (rows[p1]["successful"], rows[p1]["to_be_implemented"]) == (2, True)
    assert rows[p1]["waitlisted"] == len(waitlist_p1)
    assert (rows[p3]["successful"], rows[p3]["free_seats"], rows[p3]["to_be_implemented"]) == (2, 0, True)
    assert (rows[q]["successful"], rows[q]["to_be_implemented"]) == (1, False)
    assert rows[q]["centre_code"] == "KSE-0002" and rows[q]["starts_on"] == "2026-11-16"
    k3 = client.get(f"/v1/periods/{period_id}/programmes?to_be_implemented=true", headers=admin(issuer)).get_json()
    assert {p["code"] for p in k3} == {p1, p2, p3}
    cancelled = client.get(f"/v1/periods/{period_id}/programmes?to_be_implemented=false", headers=admin(issuer))
    assert [p["code"] for p in cancelled.get_json()] == [q]
    teachers_view = client.get(f"/v1/periods/{period_id}/programmes?specialty=ΠΕ70", headers=teacher(issuer, "t06"))
    assert [p["code"] for p in teachers_view.get_json()] == [q]
    paged = client.get(f"/v1/periods/{period_id}/programmes?page=2&page_size=3", headers=admin(issuer))
    assert len(paged.get_json()) == 1 and json.loads(paged.headers["X-Pagination"])["total"] == 4

    # events: one per programme and phase, valid against the schema; phase B is cumulative
    schema = json.loads((EVENTS / "applications.allocation.published.v1.schema.json").read_text(encoding="utf-8"))
    events = outbox(app, "applications.allocation.published.v1")
    assert len(events) == 8
    for event in events:
        Draft202012Validator(schema).validate(event["data"])
    last = {e["data"]["programme_code"]: e["data"] for e in events if e["data"]["phase"] == "B"}
    assert last[p1]["successful"] == seated_p1 and last[p1]["waitlisted"] == waitlist_p1
    assert last[p3]["successful"] == [subject[n] for n in by_code_b(record_b)[p3]["seated"]]
    assert last[p3]["to_be_implemented"] is True
    assert last[q]["to_be_implemented"] is False and last[q]["centre_code"] == "KSE-0002"

    # audit rows, as the lottery's
    audit = client.get(f"/v1/periods/{period_id}/audit", headers=admin(issuer)).get_json()
    actions = [a["action"] for a in audit if a["action"].startswith("allocation.")]
    assert actions == ["allocation.frozen", "allocation.seeded", "allocation.drawn"] * 2
    assert audit[-1]["actor"] == "admin-1" and audit[-1]["details"]["input_sha256"] == record_b["input_sha256"]


def by_code_b(record):
    return {p["code"]: p for p in record["result"]["programmes"]}


def test_phase_b_needs_phase_a_allocated(client, issuer, clock, programmes):
    period_id, (p1, _, p3), _ = programmes
    assert apply_for(client, issuer, period_id, "t01", [p1]).status_code == 200
    clock.set(PHASE_B)
    response = apply_for(client, issuer, period_id, "t02", [p3], phase="B")
    assert response.status_code == 409 and response.get_json()["type"].endswith("phase-a-not-allocated")
    clock.set(ALLOCATION_B)
    response = client.post(alloc_url(period_id, "B", "/freeze"), headers=admin(issuer))
    assert response.status_code == 409


def test_frozen_applications_do_not_change(client, issuer, clock, programmes):
    period_id, (p1, p2, _), _ = programmes
    assert apply_for(client, issuer, period_id, "t01", [p1, p2]).status_code == 200
    clock.set(ALLOCATION_A)
    digest = client.post(alloc_url(period_id, "A", "/freeze"), headers=admin(issuer)).get_json()["input_sha256"]
    record = client.get(alloc_url(period_id), headers=admin(issuer)).get_json()
    [t01] = candidate_numbers(client, issuer, period_id, ["t01"]).values()
    assert record["input"]["applicants"] == [{"id": t01, "choices": [p1, p2]}]
    assert record["input"]["rules"] == {"version": "teacher-allocation-rsd-v2", "minimum_participants": 2,
                                        "max_choices": 3}
    assert record["input_sha256"] == digest and record["result"] is None
