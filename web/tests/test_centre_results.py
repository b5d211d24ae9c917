"""The centre head's lottery results and «Έντυπα» (form A2 as PDF); the distribution table: test_distribution."""
from __future__ import annotations

from html import unescape

import pytest

API = "/api/applications/v1"
DOCS = "/api/documents/v1/documents"
PERIOD = {"id": 3, "code": "P3", "name": "Περίοδος 3"}
WON = {"code": "54-19", "cluster": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ", "category": "IIb",
       "category_name": "ΙΙβ - Μεικτό μοντέλο", "area_code": "ΠΕΛΟΠΟΝΝΗΣΟΥ", "capacity": 15, "preference_rank": 2,
       "starts_on": None, "ends_on": None}
RESULT = {"period_id": 3, "period_name": "Περίοδος 3", "drawn_at": "2026-02-01T10:00:00+00:00", "took_part": True,
          "eligible": True, "random_number": 4711, "selected": True,
          "programmes": [WON, {**WON, "code": "54-20", "cluster": "B2.1", "cluster_name": "ΦΥΣΙΚΗ"}]}
A2 = {"id": "doc-1", "kind": "form-a2", "kind_label": "Έντυπο Α2", "title": "Έντυπο Α2 – KSE-0001: Περίοδος 3",
      "subject": "KSE-0001/P3", "created_at": "2026-01-20T09:00:00+00:00", "verification_code": "7KQ2M9XD4TBE"}
PDF = b"%PDF-1.7\n" + b"x" * 200_000


@pytest.fixture
def head(signed_in, gateway):
    gateway.on("GET", f"{API}/periods/3", 200, PERIOD)
    gateway.on("GET", f"{API}/centres/KSE-0001/lottery-results", 200, [RESULT])
    return signed_in("kse-head", centre_id="KSE-0001")


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_lottery_results_say_selected_and_list_the_clusters_and_categories_won(client, head, gateway):
    response = client.get("/programmes/lottery-results")
    html = text(response)
    assert response.status_code == 200
    assert "Το ΚΣΕ επιλέχθηκε να υλοποιήσει 2 προγράμματα." in html and "4711" in html
    assert "B2.4 ΠΛΗΡΟΦΟΡΙΚΗ" in html and "ΙΙβ - Μεικτό μοντέλο" in html
    assert 'href="/periods/3/distribution"' in html and 'href="/forms/a2/3"' in html
    filtered = text(client.get("/programmes/lottery-results?cluster=B2.1"))
    won = filtered[filtered.index('data-testid="won"'):]
    assert "54-20" in won and "54-19" not in won
    assert gateway.calls[-1]["path"] == f"{API}/centres/KSE-0001/lottery-results"  # own centre, from the session


def test_not_selected_and_no_lottery_yet(client, head, gateway):
    gateway.on("GET", f"{API}/centres/KSE-0001/lottery-results", 200, [{**RESULT, "selected": False, "programmes": []}])
    assert "Το ΚΣΕ δεν επιλέχθηκε." in text(client.get("/programmes/lottery-results"))
    gateway.on("GET", f"{API}/centres/KSE-0001/lottery-results", 200, [])
    assert "Δεν έχει διενεργηθεί ακόμη κλήρωση" in text(client.get("/programmes/lottery-results"))


def test_lottery_results_export_as_csv(client, head):
    response = client.get("/programmes/lottery-results?format=csv&category=IIb")
    assert response.content_type == "text/csv; charset=utf-8" and response.get_data().startswith(b"\xef\xbb\xbf")
    lines = response.get_data().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Κωδικός προγράμματος,Συστάδα,Τύπος προγράμματος") and len(lines) == 3


def test_form_a2_of_the_own_centre_streams_as_pdf(client, head, gateway):
    gateway.on("GET", DOCS, 200, [A2])
    gateway.on("GET", f"{DOCS}/doc-1/pdf", 200, PDF, {"Content-Type": "application/pdf",
                                                       "Content-Disposition": 'inline; filename="form-a2.pdf"'})
    response = client.get("/forms/a2/3")
    assert response.status_code == 200 and response.content_type == "application/pdf"
    assert response.is_streamed and response.get_data() == PDF
    assert response.headers["Content-Disposition"] == 'inline; filename="form-a2.pdf"'
    lookup = next(c for c in gateway.calls if c["path"] == DOCS)
    assert lookup["params"] == {"kind": "form-a2", "subject": "KSE-0001/P3", "page_size": 1}


def test_no_form_a2_yet_says_when_it_comes(client, head, gateway):
    gateway.on("GET", DOCS, 200, [])
    response = client.get("/forms/a2/3")
    assert response.status_code == 404 and "μετά την οριστική υποβολή" in text(response)


def test_forms_list_the_documents_with_their_pdf(client, head, gateway):
    gateway.on("GET", DOCS, 200, [A2])
    html = text(client.get("/forms"))
    assert "Έντυπο Α2 – KSE-0001: Περίοδος 3" in html and 'href="/forms/doc-1.pdf"' in html
    assert "Εκτύπωση σε PDF" in html and "7KQ2M9XD4TBE" in html
    assert client.get("/forms/..%2F..%2Fx.pdf").status_code == 404  # an id, never a path of the API


def test_another_centres_document_is_refused_by_documents_svc(client, head, gateway):
    gateway.on("GET", f"{DOCS}/doc-9/pdf", 403, {"status": 403, "detail": "Δεν έχετε δικαίωμα να δείτε αυτό το έγγραφο."})
    response = client.get("/forms/doc-9.pdf")
    assert response.status_code == 403 and "Δεν έχετε πρόσβαση" in text(response)


@pytest.mark.parametrize("path", ["/programmes/lottery-results", "/forms", "/forms/a2/3"])
def test_a_teacher_gets_no_access(client, signed_in, gateway, path):
    signed_in("teacher")
    assert client.get(path).status_code == 403 and gateway.calls == []


def test_the_interest_page_links_results_distribution_and_a2(client, head, gateway):
    gateway.on("GET", f"{API}/periods", 200, [{**PERIOD, "interest_opens_at": None}])
    gateway.on("GET", f"{API}/periods/3/centres/KSE-0001/interest", 200, {
        "period_id": 3, "centre_code": "KSE-0001", "status": "submitted", "read_only": True, "required_clusters": 13,
        "available": [], "chosen": [], "declarations": [], "declarations_accepted": True, "saved": True,
        "can_submit": False, "submit_blockers": [], "random_number": 7, "submitted_at": "2026-01-20T09:00:00+00:00"})
    html = text(client.get("/programmes/interest?period=3"))
    links = html[html.index('data-testid="interest-links"'):]
    assert 'href="/forms/a2/3"' in links and 'href="/programmes/lottery-results?period=3"' in links
    assert 'href="/periods/3/distribution"' in links
    assert 'href="/forms"' in html  # «Έντυπα» in the menu
