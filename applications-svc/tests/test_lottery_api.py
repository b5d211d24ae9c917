"""The programme lottery through the API: freeze -> seed -> draw -> verify offline."""
import json
import subprocess
import sys

import pytest
from sqlalchemy import text

from applications_svc_helpers import (
    AFTER_INTEREST, ALL_B2, add_room, admin, csv_bytes, import_csv, interest_url, kse_head, open_period, outbox,
    register_centre, submit_full,
)
from applications_svc import verify
from applications_svc.rules.canonical import input_hash

DISTRIBUTION = [
    "ΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,1",
    "ΑΧΑΪΑΣ,Νομός Αχαΐας,IIa,B2.5,1",
    "ΠΕΛΟΠΟΝΝΗΣΟΥ,Περιφέρεια Πελοποννήσου,IIb,B2.4,2",
]


@pytest.fixture
def ready(client, app, issuer, clock):
    """Three centres: two with final expressions (one in Μεσσηνία, one in Αχαΐα), one still in draft."""
    register_centre(app, "KSE-0001", "ΜΕΣΣΗΝΙΑΣ", "ΠΕΛΟΠΟΝΝΗΣΟΥ")
    register_centre(app, "KSE-0002", "ΑΧΑΪΑΣ", "ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ")
    register_centre(app, "KSE-0003", "ΑΡΚΑΔΙΑΣ", "ΠΕΛΟΠΟΝΝΗΣΟΥ")
    add_room(app, "KSE-0001", room_id=1, capacity=15)
    add_room(app, "KSE-0002", room_id=2, capacity=20)
    add_room(app, "KSE-0003", room_id=3, capacity=18)
    period_id = open_period(client, issuer)
    assert import_csv(client, issuer, period_id, csv_bytes(DISTRIBUTION)).status_code == 200
    submit_full(client, issuer, period_id, "KSE-0001", ["B2.4"] + [c for c in ALL_B2 if c != "B2.4"])
    submit_full(client, issuer, period_id, "KSE-0002", ["B2.5"] + [c for c in ALL_B2 if c != "B2.5"])
    client.put(interest_url(period_id, "KSE-0003"), json={"clusters": ALL_B2, "declarations_accepted": True},
               headers=kse_head(issuer, "KSE-0003"))
    clock.set(AFTER_INTEREST)
    return period_id


def base(period_id):
    return f"/v1/periods/{period_id}/lottery"


def test_round_trip_freeze_seed_draw_verify(client, app, issuer, ready, tmp_path):
    period_id = ready
    assert client.get(base(period_id), headers=admin(issuer)).status_code == 404  # not frozen yet
    frozen = client.post(base(period_id) + "/freeze", headers=admin(issuer))
    assert frozen.status_code == 201, frozen.get_json()
    digest = frozen.get_json()["input_sha256"]
    published = client.get(base(period_id), headers=kse_head(issuer)).get_json()
    assert published["status"] == "frozen" and published["input_sha256"] == digest
    assert input_hash(published["input"]) == digest  # anyone can recompute the published hash
    assert [e["centre"] for e in published["input"]["expressions"]] == ["KSE-0001", "KSE-0002"]  # finals only
    assert published["input"]["expressions"][1]["capacity"] == 20
    assert published["seed"] is None and published["result"] is None

    response = client.post(base(period_id) + "/draw", headers=admin(issuer))
    assert response.status_code == 409 and response.get_json()["type"].endswith("seed-missing")
    seeded = client.post(base(period_id) + "/seed", json={"seed": "07 12 19 28 33 41",
                                                          "source": "Κλήρωση ΛΟΤΤΟ 12/09/2026"},
                         headers=admin(issuer))
    assert seeded.status_code == 200 and seeded.get_json()["status"] == "seeded"
    again = client.post(base(period_id) + "/seed", json={"seed": "1 2 3", "source": "άλλη πηγή"}, headers=admin(issuer))
    assert again.status_code == 409  # once

    drawn = client.post(base(period_id) + "/draw", headers=admin(issuer))
    assert drawn.status_code == 200, drawn.get_json()
    assert drawn.get_json()["programmes_created"] == 4
    assert client.post(base(period_id) + "/draw", headers=admin(issuer)).status_code == 409

    record = client.get(base(period_id), headers=kse_head(issuer)).get_json()
    assert record["status"] == "drawn" and record["seed_source"] == "Κλήρωση ΛΟΤΤΟ 12/09/2026"
    assert verify.check(record) == []
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "applications_svc.verify", str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and verify.OK_MESSAGE in run.stdout
    record["result"]["assignments"][0]["centre"] = "KSE-0003"  # a forged result is caught
    assert verify.check(record) != []

    # events: one lottery.drawn and one programme.created per programme, valid per their schemas
    [drawn_event] = outbox(app, "applications.lottery.drawn.v1")
    assert drawn_event["data"]["input_sha256"] == digest and drawn_event["data"]["programmes"] == 4
    programmes = outbox(app, "applications.programme.created.v1")
    assert len(programmes) == 4
    mine = [p["data"] for p in programmes if p["data"]["centre_code"] == "KSE-0001"]
    assert {(p["category"], p["cluster_code"]) for p in mine} >= {("IIa", "B2.4"), ("IIb", "B2.4")}
    assert all(p["capacity"] == 15 and p["starts_on"] == "2026-11-16" for p in mine)

    # the audit: who, when, what
    audit = client.get(f"/v1/periods/{period_id}/audit", headers=admin(issuer)).get_json()
    assert [a["action"] for a in audit][-3:] == ["lottery.frozen", "lottery.seeded", "lottery.drawn"]
    assert audit[-1]["actor"] == "admin-1" and audit[-1]["details"]["input_sha256"] == digest


def test_centres_see_their_results(client, issuer, ready):
    period_id = ready
    client.post(base(period_id) + "/freeze", headers=admin(issuer))
    client.post(base(period_id) + "/seed", json={"seed": "42", "source": "Κλήρωση ΛΟΤΤΟ 12/09/2026"}, headers=admin(issuer))
    client.post(base(period_id) + "/draw", headers=admin(issuer))
    [result] = client.get("/v1/centres/KSE-0002/lottery-results", headers=kse_head(issuer, "KSE-0002")).get_json()
    assert result["selected"] is True and result["took_part"] is True and result["random_number"] in (1, 2)
    assert [(p["cluster"], p["category"], p["cluster_name"]) for p in result["programmes"]] == [
        ("B2.5", "IIa", "ΠΡΩΤΟΒΑΘΜΙΑ ΕΚΠΑΙΔΕΥΣΗ - ΔΑΣΚΑΛΟΙ")]
    assert result["programmes"][0]["capacity"] == 20
    [draft_only] = client.get("/v1/centres/KSE-0003/lottery-results", headers=kse_head(issuer, "KSE-0003")).get_json()
    assert draft_only["took_part"] is False and draft_only["selected"] is False
    assert client.get("/v1/centres/KSE-0002/lottery-results", headers=kse_head(issuer, "KSE-0001")).status_code == 403
    view = client.get(interest_url(period_id, "KSE-0002"), headers=kse_head(issuer, "KSE-0002")).get_json()
    assert view["random_number"] == result["random_number"]


def test_inputs_cannot_change_after_freeze(client, app, issuer, ready, clock):
    period_id = ready
    digest = client.post(base(period_id) + "/freeze", headers=admin(issuer)).get_json()["input_sha256"]
    assert client.post(base(period_id) + "/freeze", headers=admin(issuer)).status_code == 409
    # the distribution table is frozen, even if the window were still open
    clock.set("2026-09-10T10:00:00+03:00")
    response = import_csv(client, issuer, period_id, csv_bytes(DISTRIBUTION[:1]))
    assert response.status_code == 409 and response.get_json()["type"].endswith("lottery-frozen")
    response = client.post(interest_url(period_id, "KSE-0003", "/choices"), json={"cluster": "B2.1"},
                           headers=kse_head(issuer, "KSE-0003"))
    assert response.status_code == 409
    # a new room reported by resources-svc does not change the frozen input
    add_room(app, "KSE-0001", room_id=99, capacity=30)
    clock.set(AFTER_INTEREST)
    assert client.get(base(period_id), headers=admin(issuer)).get_json()["input_sha256"] == digest


def test_a_changed_input_file_gives_a_different_hash(client, issuer, ready, tmp_path):
    period_id = ready
    client.post(base(period_id) + "/freeze", headers=admin(issuer))
    client.post(base(period_id) + "/seed", json={"seed": "42", "source": "Κλήρωση ΛΟΤΤΟ 12/09/2026"}, headers=admin(issuer))
    client.post(base(period_id) + "/draw", headers=admin(issuer))
    record = client.get(base(period_id), headers=admin(issuer)).get_json()
    record["input"]["distribution"][0]["programmes"] += 1
    assert input_hash(record["input"]) != record["input_sha256"]
    problems = verify.check(record)
    assert problems and problems[0].startswith("input_sha256")


def test_lottery_roles_and_validation(client, issuer, ready):
    period_id = ready
    assert client.post(base(period_id) + "/freeze").status_code == 401
    assert client.post(base(period_id) + "/freeze", headers=kse_head(issuer)).status_code == 403
    assert client.post(base(period_id) + "/seed", json={"seed": "1", "source": "ΛΟΤΤΟ"},
                       headers=admin(issuer)).status_code == 404  # not frozen
    client.post(base(period_id) + "/freeze", headers=admin(issuer))
    response = client.post(base(period_id) + "/seed", json={"seed": "", "source": "x"}, headers=admin(issuer))
    assert response.status_code == 422 and set(response.get_json()["errors"]["json"]) == {"seed", "source"}
    assert client.post(base(period_id) + "/seed", json={"seed": "1", "source": "ΛΟΤΤΟ"},
                       headers=kse_head(issuer)).status_code == 403


def test_freeze_needs_a_distribution_table(client, app, issuer, clock):
    period_id = open_period(client, issuer)
    clock.set(AFTER_INTEREST)
    response = client.post(base(period_id) + "/freeze", headers=admin(issuer))
    assert response.status_code == 409 and "γεωγραφικής κατανομής" in response.get_json()["detail"]


def test_a_stored_input_changed_after_the_freeze_is_not_drawn(client, app, issuer, ready, caplog):
    """The draw re-hashes the frozen input: a row changed behind the service's back is an internal
    error (logged), and the lottery stays seeded with nothing drawn or announced."""
    period_id = ready
    client.post(base(period_id) + "/freeze", headers=admin(issuer))
    client.post(base(period_id) + "/seed", json={"seed": "42", "source": "Κλήρωση ΛΟΤΤΟ 12/09/2026"},
                headers=admin(issuer))
    with app.extensions["epimorfosi"].db.engine.begin() as connection:
        connection.execute(text("UPDATE lottery SET input_json = input_json || ' ' WHERE period_id = :p"),
                           {"p": period_id})
    before = len(outbox(app, "applications.lottery.drawn.v1"))
    response = client.post(base(period_id) + "/draw", headers=admin(issuer))
    assert response.status_code == 500 and response.get_json()["type"].endswith("internal-error")
    assert "does not match its published SHA-256" in caplog.text
    summary = client.get(base(period_id), headers=admin(issuer)).get_json()
    assert summary["status"] == "seeded" and summary["result"] is None and summary["programmes_created"] == 0
    assert len(outbox(app, "applications.lottery.drawn.v1")) == before
