"""The teacher's «Αίτηση συμμετοχής» and «Αποτελέσματα» against a fake gateway."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

API = "/api/applications/v1"
OPEN_A = {"id": 3, "code": "P3", "name": "Περίοδος 3", "level": "B2", "max_choices": 2,
          "applications_a_opens_at": "2026-01-01T00:00:00+00:00", "applications_a_closes_at": "2099-01-01T00:00:00+00:00",
          "applications_b_opens_at": "2099-02-01T00:00:00+00:00", "applications_b_closes_at": "2099-03-01T00:00:00+00:00",
          "allocation_published_at": "2099-04-01T00:00:00+00:00"}
CLOSED_A = {**OPEN_A, "applications_a_closes_at": "2026-01-02T00:00:00+00:00"}


def programme(code: str, cluster: str = "B2.4", area: str = "ΜΕΣΣΗΝΙΑΣ", free=None) -> dict:
    return {"code": code, "cluster": cluster, "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ" if cluster == "B2.4" else "ΦΥΣΙΚΗ",
            "category": "IIa", "category_name": "ΙΙα", "centre_code": "KSE-0001", "centre_name": "24ο ΔΗΜΟΤΙΚΟ",
            "area_code": area, "capacity": 15, "free_seats": free, "starts_on": None, "ends_on": None}


PROGRAMMES = [programme("P-1"), programme("P-2", area="ΑΤΤΙΚΗΣ"), programme("P-3", cluster="B2.1")]
SAVED = {"period_id": 3, "phase": "A", "candidate_number": "K-7Q2M", "specialty": "ΠΕ86", "max_choices": 2,
         "programmes": [{"rank": 1, **programme("P-2", area="ΑΤΤΙΚΗΣ")}], "updated_at": "2026-02-01T10:00:00+00:00",
         "window_open": True, "read_only": False}


@pytest.fixture
def teacher(signed_in, gateway):
    gateway.on("GET", f"{API}/periods", 200, [OPEN_A])
    gateway.on("GET", f"{API}/periods/3", 200, OPEN_A)
    gateway.on("GET", f"{API}/clusters", 200, [{"code": "B2.4", "specialties": [{"code": "ΠΕ86", "name": "ΠΛΗΡΟΦΟΡΙΚΗΣ"}]}])
    gateway.on("GET", f"{API}/periods/3/programmes", 200, PROGRAMMES)
    return signed_in("teacher")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return unquote(unescape(response.get_data(as_text=True)))


def drafts(html: str) -> list[list[str]]:
    """The rankings the page's links lead to."""
    return [parse_qs(urlsplit(href).query).get("choice", []) for href in re.findall(r'href="(/application\?[^"]*)"', html)
            if "draft=1" in href and "format=csv" not in href]


def test_the_eligible_programmes_of_the_specialty_are_listed_and_filtered(client, teacher, gateway):
    html = page(client, "/application?period=3&phase=A&draft=1&specialty=ΠΕ86")
    assert "P-1" in html and "P-2" in html and "P-3" in html and 'data-testid="filters"' in html
    listing = next(c for c in gateway.calls if c["path"] == f"{API}/periods/3/programmes")
    assert listing["params"]["specialty"] == "ΠΕ86"  # the API decides what the specialty may apply for
    html = page(client, "/application?period=3&phase=A&draft=1&specialty=ΠΕ86&area_code=ΑΤΤΙΚΗΣ")
    eligible = html[html.index('data-testid="eligible"'):]
    assert "P-2" in eligible and "P-1" not in eligible


def test_ranking_is_edited_in_the_address_by_links(client, teacher):
    html = page(client, "/application?period=3&phase=A&draft=1&specialty=ΠΕ86&choice=P-1&choice=P-2")
    ranking = html[html.index('data-testid="ranking"'):html.index('data-testid="eligible"')]
    # P-1 down, P-1 removed, P-2 up, P-2 removed
    assert drafts(ranking) == [["P-2", "P-1"], ["P-2"], ["P-2", "P-1"], ["P-1"]]
    assert "specialty=ΠΕ86" in ranking and "period=3&phase=A" in ranking
    assert "Οι αλλαγές δεν έχουν καταχωριστεί ακόμη" in html
    assert "Προσθήκη" not in html[html.index('data-testid="eligible"'):]  # max_choices 2 reached
    assert '<input type="hidden" name="choice" value="P-1">' in html


def test_save_puts_the_ranking_then_shows_the_saved_one(client, teacher, gateway):
    gateway.on("PUT", f"{API}/periods/3/applications/A/mine", 200, SAVED)
    response = client.post("/application/3/A", data={"csrf_token": teacher.csrf_token, "specialty": "ΠΕ86",
                                                      "choice": ["P-2", "P-1"]})
    assert response.status_code == 303 and "done=save" in response.headers["Location"]
    assert gateway.calls[-1]["body"] == {"specialty": "ΠΕ86", "programmes": ["P-2", "P-1"]}
    gateway.on("GET", f"{API}/periods/3/applications/A/mine", 200, SAVED)
    html = page(client, response.headers["Location"])
    assert "Η αίτησή σας καταχωρίστηκε." in html and "K-7Q2M" in html
    assert "Οι αλλαγές δεν έχουν καταχωριστεί" not in html  # the saved ranking, unchanged


def test_a_refusal_of_the_api_is_shown_with_the_ranking_kept(client, teacher, gateway):
    gateway.on("PUT", f"{API}/periods/3/applications/A/mine", 422,
               {"status": 422, "detail": "Τα προγράμματα P-3 δεν ανήκουν σε συστάδα της ειδικότητάς σας (ΠΕ86)."})
    response = client.post("/application/3/A", data={"csrf_token": teacher.csrf_token, "specialty": "ΠΕ86",
                                                      "choice": ["P-3"]})
    html = unquote(unescape(response.get_data(as_text=True)))
    assert response.status_code == 422 and "δεν ανήκουν σε συστάδα της ειδικότητάς σας" in html
    assert ["P-3", "P-1"] in drafts(html)  # the links lead to the GET page, with the ranking kept
    empty = client.post("/application/3/A", data={"csrf_token": teacher.csrf_token, "specialty": "ΠΕ86"})
    assert empty.status_code == 422 and "τουλάχιστον ένα πρόγραμμα" in empty.get_data(as_text=True)


def test_a_closed_window_says_so_and_offers_no_editing(client, signed_in, gateway):
    gateway.on("GET", f"{API}/periods", 200, [CLOSED_A])
    gateway.on("GET", f"{API}/periods/3/applications/A/mine", 200, {**SAVED, "read_only": True})
    signed_in("teacher")
    html = page(client, "/application?period=3&phase=A")
    assert "Α' φάση: η υποβολή αιτήσεων έληξε στις 02/01/2026 02:00" in html
    assert "Καταχώριση αίτησης" not in html and "P-2" in html and "Μία θέση πάνω" not in html


def test_phase_b_offers_only_programmes_with_free_seats(client, teacher, gateway):
    gateway.on("GET", f"{API}/periods", 200, [{**OPEN_A, "applications_b_opens_at": "2026-01-03T00:00:00+00:00",
                                               "applications_a_closes_at": "2026-01-02T00:00:00+00:00"}])
    gateway.on("GET", f"{API}/periods/3/programmes", 200, [programme("P-1", free=0), programme("P-2", free=4)])
    html = page(client, "/application?draft=1&specialty=ΠΕ86")
    assert "Αίτηση συμμετοχής – Β' φάση" in html
    eligible = html[html.index('data-testid="eligible"'):]
    assert "P-2" in eligible and "P-1" not in eligible


def test_the_eligible_list_exports_as_csv(client, teacher):
    response = client.get("/application?period=3&phase=A&draft=1&specialty=ΠΕ86&cluster=B2.1&format=csv")
    assert response.content_type == "text/csv; charset=utf-8"
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Κωδικός προγράμματος,Συστάδα") and len(lines) == 2 and lines[1].startswith("P-3,")


@pytest.mark.parametrize("result, expected", [
    ({"status": "successful", "candidate_number": "K-7Q2M", "phases_drawn": ["A"],
      "seat": {"programme": programme("P-1"), "phase": "A", "choice": 2, "seat_order": 1, "random_number": 5},
      "waitlists": [{"programme": programme("P-2"), "phase": "A", "position": 4}]},
     ["K-7Q2M", "Επιτυχών/ούσα στο πρόγραμμα <strong>P-1</strong>", "Α' φάση, 2η προτίμηση", ">4<"]),
    ({"status": "waitlisted", "candidate_number": "K-7Q2M", "phases_drawn": ["A"], "seat": None,
      "waitlists": [{"programme": programme("P-2"), "phase": "A", "position": 12}]},
     ["Επιλαχών/ούσα", "P-2", ">12<"]),
    ({"status": "pending", "candidate_number": "K-7Q2M", "phases_drawn": [], "seat": None, "waitlists": []},
     ["Η κατανομή δεν έχει γίνει ακόμη."]),
    ({"status": "not-applied", "candidate_number": None, "phases_drawn": [], "seat": None, "waitlists": []},
     ["Δεν υποβάλατε αίτηση σε αυτή την περίοδο."]),
])
def test_results_show_the_candidate_number_and_the_outcome(client, teacher, gateway, result, expected):
    gateway.on("GET", f"{API}/periods/3/my-allocation", 200, {"period_id": 3, **result})
    html = page(client, "/results")
    for text in expected:
        assert text in html


def test_other_roles_get_no_access_and_the_menu_leads_here(client, signed_in, gateway, teacher):
    html = page(client, "/")
    assert 'href="/application"' in html and 'href="/results"' in html
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get("/application").status_code == 403
    assert client.get("/results").status_code == 403
    assert not [c for c in gateway.calls if "applications/A/mine" in c["path"] or "my-allocation" in c["path"]]
