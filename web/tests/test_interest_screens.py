"""The centre head's expression of interest: each button is one API call on their own centre."""
from __future__ import annotations

import pytest

PERIOD = {"id": 3, "code": "P3", "name": "Περίοδος 3", "interest_opens_at": "2026-01-01T00:00:00+00:00",
          "interest_closes_at": "2099-01-01T00:00:00+00:00"}
BASE = "/api/applications/v1/periods/3/centres/KSE-0001/interest"
STATE = {"period_id": 3, "centre_code": "KSE-0001", "status": "draft", "read_only": False, "required_clusters": 13,
         "available": [{"code": "B2.2", "name": "ΒΙΟΛΟΓΙΑ"}], "chosen": [{"rank": 1, "code": "B2.1", "name": "ΦΥΣΙΚΗ"}],
         "declarations": ["Δήλωση 1."], "declarations_accepted": False, "saved": False, "can_submit": False,
         "submit_blockers": ["Πρέπει να αποδεχθείτε τις δηλώσεις («Συμφωνώ»)."], "random_number": None}


@pytest.fixture
def head(signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods", 200, [PERIOD])
    gateway.on("GET", "/api/applications/v1/periods/3", 200, PERIOD)
    gateway.on("GET", BASE, 200, STATE)
    return signed_in("kse-head", centre_id="KSE-0001")


def test_the_two_lists_and_the_blockers_are_shown(client, head):
    html = client.get("/programmes/interest").get_data(as_text=True)
    assert 'data-testid="available"' in html and "B2.2 ΒΙΟΛΟΓΙΑ" in html and "B2.1 ΦΥΣΙΚΗ" in html
    assert "Πρέπει να αποδεχθείτε τις δηλώσεις" in html and "Συμφωνώ" in html


@pytest.mark.parametrize("action, cluster, method, path, body", [
    ("add", "B2.2", "POST", f"{BASE}/choices", {"cluster": "B2.2"}),
    ("add-all", None, "POST", f"{BASE}/choices/all", None),
    ("remove", "B2.1", "DELETE", f"{BASE}/choices/B2.1", None),
    ("remove-all", None, "DELETE", f"{BASE}/choices", None),
    ("up", "B2.1", "POST", f"{BASE}/choices/B2.1/move", {"direction": "up"}),
    ("down", "B2.1", "POST", f"{BASE}/choices/B2.1/move", {"direction": "down"}),
])
def test_each_button_is_one_call_on_the_own_centre(client, head, gateway, action, cluster, method, path, body):
    gateway.on(method, path, 200, STATE)
    data = {"csrf_token": head.csrf_token, **({"cluster": cluster} if cluster else {})}
    response = client.post(f"/programmes/interest/3/{action}", data=data)
    assert response.status_code == 303 and response.headers["Location"].startswith("/programmes/interest?period=3")
    assert (gateway.calls[-1]["method"], gateway.calls[-1]["path"], gateway.calls[-1]["body"]) == (method, path, body)


def test_save_accepts_the_declarations_then_saves(client, head, gateway):
    gateway.on("PUT", f"{BASE}/declarations", 200, STATE)
    gateway.on("POST", f"{BASE}/save", 200, STATE)
    client.post("/programmes/interest/3/save", data={"csrf_token": head.csrf_token, "declarations_accepted": "yes"})
    assert [(c["method"], c["path"], c["body"]) for c in gateway.calls[-2:]] == [
        ("PUT", f"{BASE}/declarations", {"accepted": True}), ("POST", f"{BASE}/save", None)]


def test_a_refusal_comes_back_as_the_error_summary(client, head, gateway):
    gateway.on("POST", f"{BASE}/submit", 409, {"status": 409, "detail": "Έχετε επιλέξει 1 συστάδες· η πρόσκληση απαιτεί 13."})
    response = client.post("/programmes/interest/3/submit", data={"csrf_token": head.csrf_token, "confirm": "yes"})
    assert response.status_code == 422
    assert "Έχετε επιλέξει 1 συστάδες· η πρόσκληση απαιτεί 13." in response.get_data(as_text=True)
    assert gateway.calls[-3]["body"] == {"confirm": True}


def test_the_confirmation_has_yes_and_no(client, head):
    html = client.get("/programmes/interest/3/submit").get_data(as_text=True)
    assert ">Ναι<" in html and ">Όχι<" in html and 'name="confirm" value="yes"' in html


def test_a_centre_head_without_a_centre_sees_no_centre(client, signed_in, gateway):
    signed_in("kse-head")
    assert client.get("/programmes/interest").status_code == 403
    assert gateway.calls == []


def test_the_home_page_links_the_open_interest_window_to_its_screen(client, head):
    html = client.get("/").get_data(as_text=True)
    assert '<a class="govgr-link" href="/programmes/interest?period=3">Εκδήλωση ενδιαφέροντος ΚΣΕ</a>' in html
