"""The list forms printed on demand (POST /v1/lists/<code>): text, columns, rows, headers on every
page, versions, validation and who may print them."""
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from documents_svc_helpers import documents, outbox_types, pdf_pages_text

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "documents"
PERIOD = {"period_code": "2026-B2-4", "period_title": "7η Περίοδος Β1 - 4η Περίοδος Β2"}
PROGRAMME = {
    "programme_code": "Π-0001-23", "programme_type": "Β2 Πληροφορική", "centre_name": "1ο ΚΣΕ Αθηνών",
    "directorate": "Δ.Δ.Ε. Α' Αθήνας", "cluster": "ΠΕ86",
}


def k6_row(n: int) -> dict:
    return {"programme_code": f"Π-{n:04d}", "cluster": "ΠΕ02", "programme_type": "Β1 Φιλόλογοι", "capacity": 20,
            "enrolled": 18, "implementation_period": "01/10/2026 – 20/12/2026", "staff": "Ε. Παπαδάκη"}


def trainee(n: int) -> dict:
    return {"surname": f"Αλεξίου-{n}", "name": "Ελένη", "registry_number": f"{n:06d}", "specialty": "ΠΕ86",
            "phone": "2101234567", "mobile": "6912345678", "email": f"t{n}@sch.gr",
            "outcome": "Επιτυχών" if n % 3 else "Επιλαχών"}


def assert_columns(text: str, labels: list[str]) -> None:
    # A heading may wrap in its column (at a space or a slash), and pdftotext reads a row of wrapped
    # headings line by line: each of its words is there.
    words = set(re.split(r"[\s/]+", text))
    for label in labels:
        assert all(word in words for word in re.split(r"[\s/]+", label)), label


def kse_head(issuer, centre="KSE-0001"):
    return issuer.headers("head-1", ["kse-head"], centre_id=centre)


def pdf_of(client, issuer, document: dict) -> bytes:
    response = client.get(document["pdf_url"], headers=kse_head(issuer))
    assert response.status_code == 200, response.get_json()
    return response.data


def test_k6_has_the_greek_title_programme_header_columns_rows_and_page_numbers(client, issuer, runtime):
    body = {**PERIOD, "centre_code": "KSE-0001", "centre_name": "1ο ΚΣΕ Αθηνών", "rows": [k6_row(1), k6_row(2)]}
    response = client.post("/v1/lists/k6", json=body, headers=kse_head(issuer))
    assert response.status_code == 201, response.get_json()
    document = response.get_json()
    assert document["kind"] == "k6-list" and document["version"] == 1 and document["owner_centre"] == "KSE-0001"
    content = pdf_of(client, issuer, document)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "k6.pdf").write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(ARTIFACTS / "k6.pdf"), str(ARTIFACTS / "k6-page1")], check=True)
    assert (ARTIFACTS / "k6-page1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    [text] = pdf_pages_text(content)
    for expected in (
        "K6: Κατάλογος Οριστικών Προγραμμάτων Επιμόρφωσης",
        "(Επιμόρφωση Β' Επιπέδου Τ.Π.Ε.)",
        "7η Περίοδος Β1 - 4η Περίοδος Β2",
        "Ημερομηνία και ώρα έκδοσης:",
        "Π-0001", "Π-0002", "Β1 Φιλόλογοι", "Ε. Παπαδάκη",
        "Σύνολο εγγραφών: 2",
        "Σελίδα 1 από 1",
    ):
        assert expected in text, expected
    assert_columns(text, ["Α/Α", "Κωδικός Προγράμματος", "Συστάδα", "Τύπος Προγράμματος", "Δυναμικότητα αίθουσας",
                          "Εγγεγραμμένοι", "Διάστημα υλοποίησης", "Συντελεστές"])
    code = document["verification_code"]
    assert f"Κωδικός επαλήθευσης: {code[:4]}-{code[4:8]}-{code[8:]}" in text
    assert outbox_types(runtime) == ["documents.document.rendered.v1"]


def test_the_same_request_is_the_same_document_and_a_changed_one_the_next_version(client, issuer, runtime):
    body = {**PERIOD, "centre_code": "KSE-0001", "rows": [k6_row(1)]}
    first = client.post("/v1/lists/k6", json=body, headers=kse_head(issuer))
    again = client.post("/v1/lists/k6", json=body, headers=kse_head(issuer))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    changed = client.post("/v1/lists/k6", json={**body, "rows": [k6_row(1), k6_row(2)]}, headers=kse_head(issuer))
    assert changed.status_code == 201
    assert changed.get_json()["version"] == 2 and changed.get_json()["subject"] == first.get_json()["subject"]
    assert changed.get_json()["sha256"] != first.get_json()["sha256"]
    assert len(documents(runtime)) == 2
    assert outbox_types(runtime) == ["documents.document.rendered.v1"] * 2


def test_rows_are_validated_against_the_forms_columns(client, issuer, runtime):
    bad_row = {**k6_row(1), "capacity": "είκοσι"}
    del bad_row["programme_code"]
    response = client.post("/v1/lists/k6", json={**PERIOD, "centre_code": "KSE-0001", "rows": [bad_row]},
                           headers=kse_head(issuer))
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]["rows"]["0"]
    assert errors["programme_code"] == ["Το πεδίο είναι υποχρεωτικό."]
    assert errors["capacity"] == ["Πρέπει να είναι ακέραιος αριθμός."]
    no_heading = client.post("/v1/lists/k4", json={**PERIOD, "centre_code": "KSE-0001", "rows": []},
                             headers=kse_head(issuer))
    assert no_heading.status_code == 422 and "heading" in no_heading.get_json()["errors"]["json"]
    assert documents(runtime) == []


@pytest.mark.parametrize("headers, body_centre, status", [
    (lambda i: i.headers("t1", ["teacher"]), "KSE-0001", 403),
    (lambda i: kse_head(i, "KSE-0002"), "KSE-0001", 403),
    (lambda i: kse_head(i), None, 422),
])
def test_only_a_centres_own_staff_print_its_lists(client, issuer, runtime, headers, body_centre, status):
    body = {**PERIOD, "rows": [k6_row(1)], **({"centre_code": body_centre} if body_centre else {})}
    assert client.post("/v1/lists/k6", json=body, headers=headers(issuer)).status_code == status
    assert documents(runtime) == []


def test_a_centres_list_is_read_by_its_own_staff_only(client, issuer):
    body = {**PERIOD, "centre_code": "KSE-0001", "rows": [k6_row(1)]}
    document = client.post("/v1/lists/k6", json=body, headers=kse_head(issuer)).get_json()
    assert client.get(document["pdf_url"], headers=kse_head(issuer, "KSE-0002")).status_code == 404  # another centre's: not told it exists
    assert client.get(document["pdf_url"], headers=issuer.headers("t1", ["teacher"])).status_code == 404
    assert client.get(document["pdf_url"], headers=issuer.headers("a", ["central-admin"])).status_code == 200


def test_a_hostile_field_value_is_printed_as_text_and_fetches_nothing(client, issuer, caplog):
    row = {**k6_row(1), "programme_type": '<img src="file:///etc/passwd">', "staff": '<link href="http://169.254.169.254/">'}
    response = client.post("/v1/lists/k6", json={**PERIOD, "centre_code": "KSE-0001", "rows": [row]},
                           headers=kse_head(issuer))
    assert response.status_code == 201, response.get_json()
    [text] = pdf_pages_text(pdf_of(client, issuer, response.get_json()))
    unwrapped = "".join(text.split())  # a long value wraps anywhere in its narrow cell
    assert '<imgsrc="file:///etc/passwd">' in unwrapped and "http://169.254.169.254/" in unwrapped  # shown, not loaded
    assert "root:" not in text
    assert "refused to load" not in caplog.text  # escaped markup is not even a request to refuse


def test_m1_the_register_of_trainers(client, issuer):
    row = {"surname": "Γεωργίου", "name": "Νίκος", "specialty": "ΠΕ86", "level": "Επιμορφωτής Β' επιπέδου",
           "certified_on": "12/05/2025", "cluster": "ΠΕ86", "region": "Αττική"}
    response = client.post("/v1/lists/m1", json={**PERIOD, "rows": [row]}, headers=kse_head(issuer))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["owner_centre"] is None
    [text] = pdf_pages_text(pdf_of(client, issuer, response.get_json()))
    for expected in ("M1: Κατάλογος Πιστοποιημένων Επιμορφωτών Β' Επιπέδου Τ.Π.Ε.", "Γεωργίου", "Αττική"):
        assert expected in text, expected
    assert_columns(text, ["Επώνυμο", "Όνομα", "Ειδικότητα", "Επίπεδο πιστοποίησης", "Ημερομηνία πιστοποίησης",
                          "Συστάδα", "Περιφέρεια"])


def test_a_2000_row_k4_has_its_header_and_page_number_on_every_page(client, issuer):
    body = {**PERIOD, "centre_code": "KSE-0001", "heading": PROGRAMME, "rows": [trainee(n) for n in range(1, 2001)]}
    response = client.post("/v1/lists/k4", json=body, headers=kse_head(issuer))
    assert response.status_code == 201, response.get_json()
    content = pdf_of(client, issuer, response.get_json())
    pages = pdf_pages_text(content)
    assert len(pages) > 20
    assert "K4: Συγκεντρωτική Κατάσταση Επιτυχόντων / Επιλαχόντων" in pages[0] and "Π-0001-23" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert_columns(text, ["Α/Α", "Επώνυμο", "Όνομα", "Α.Μ.", "Κινητό Τηλέφωνο", "Επιτυχών/Επιλαχών"])  # thead
        assert f"Σελίδα {number} από {len(pages)}" in text, number
        assert "Κωδικός επαλήθευσης:" in text, number
    assert "Αλεξίου-1 " in pages[0] and "Αλεξίου-2000" in pages[-1] and "Σύνολο εγγραφών: 2000" in pages[-1]
    all_text = "\n".join(pages)
    assert all(f"Αλεξίου-{n} " in all_text or f"Αλεξίου-{n}\n" in all_text for n in range(1, 2001, 97))
    assert PdfReader.__name__  # pypdf reads it (merged parts are one valid document)
