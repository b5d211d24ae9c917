"""The central admin's lottery screen: freeze, seed, draw through the API; the record as a file."""
from __future__ import annotations

import json

import pytest

PERIOD = {"id": 5, "code": "P5", "name": "Περίοδος 5"}
LOTTERY = "/api/applications/v1/periods/5/lottery"


@pytest.fixture
def admin(signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods/5", 200, PERIOD)
    return signed_in("central-admin")


def test_before_the_freeze_there_is_only_the_freeze_button(client, admin, gateway):
    gateway.on("GET", LOTTERY, 404, {"status": 404, "detail": "Δεν έχει γίνει πάγωμα."})
    html = client.get("/periods/5/lottery").get_data(as_text=True)
    assert "Πάγωμα δεδομένων" in html and 'action="/periods/5/lottery/freeze"' in html
    assert 'data-testid="lottery-record"' not in html


def test_frozen_shows_the_input_hash_and_asks_for_the_seed(client, admin, gateway):
    gateway.on("GET", LOTTERY, 200, {"status": "frozen", "input_sha256": "ab" * 32, "frozen_at": "2026-09-16T10:00:00+00:00",
                                      "seed": None, "algorithm": "lottery", "rules_version": "1"})
    html = client.get("/periods/5/lottery").get_data(as_text=True)
    assert "ab" * 32 in html and 'name="seed"' in html and 'name="source"' in html


def test_the_seed_goes_to_the_api_and_its_refusal_comes_back(client, admin, gateway):
    gateway.on("GET", LOTTERY, 200, {"status": "frozen", "input_sha256": "cd" * 32, "seed": None})
    gateway.on("POST", f"{LOTTERY}/seed", 422, {"status": 422, "detail": "Ελέγξτε τα πεδία.",
                                                "errors": {"json": {"source": ["Η πηγή πρέπει να έχει 3 έως 500 χαρακτήρες."]}}})
    response = client.post("/periods/5/lottery/seed", data={"csrf_token": admin.csrf_token, "seed": " 1 2 3 ", "source": "x"})
    assert response.status_code == 422
    assert gateway.calls[-3]["body"] == {"seed": "1 2 3", "source": "x"}
    assert "Δημόσια πηγή του σπόρου: Η πηγή πρέπει να έχει 3 έως 500 χαρακτήρες." in response.get_data(as_text=True)


@pytest.mark.parametrize("step", ["freeze", "draw"])
def test_freeze_and_draw_are_one_call_each(client, admin, gateway, step):
    gateway.on("POST", f"{LOTTERY}/{step}", 200, {"status": step})
    response = client.post(f"/periods/5/lottery/{step}", data={"csrf_token": admin.csrf_token})
    assert response.status_code == 303 and gateway.calls[-1]["path"] == f"{LOTTERY}/{step}"


def test_the_record_is_downloaded_as_the_api_sent_it(client, admin, gateway):
    record = {"kind": "lottery", "input": {"b": 1, "a": 2}, "input_sha256": "ef" * 32}
    gateway.on("GET", LOTTERY, 200, record)
    response = client.get("/periods/5/lottery/record.json")
    assert response.headers["Content-Disposition"] == 'attachment; filename="lottery-5.json"'
    assert response.data == json.dumps(record, ensure_ascii=False).encode()  # bytes unchanged


def test_only_the_central_admin_draws(client, signed_in, gateway):
    row = signed_in("kse-head", centre_id="KSE-0001")
    assert client.post("/periods/5/lottery/draw", data={"csrf_token": row.csrf_token}).status_code == 403
    assert gateway.calls == []
