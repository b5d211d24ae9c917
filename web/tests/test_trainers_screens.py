"""«Μητρώο επιμορφωτών (M1)» of the central administrator, against a fake gateway: the register
filtered and paged, its CSV export in the import's columns, the import handed whole to the API
(its line-by-line errors become the error summary), editing and deactivating a trainer."""
from __future__ import annotations

import csv
import io
import json

import pytest

API = "/api/resources/v1/trainers"


def trainer(n: int, **changes) -> dict:
    return {"id": n, "afm": f"10000{n:03d}0", "surname": f"ΕΠΩΝΥΜΟ{n:02d}", "name": "ΜΑΡΙΑ",
            "specialty": "ΠΕ86" if n % 2 else "ΠΕ70", "level": "B1", "certified_on": "2025-06-30",
            "cluster": "B1.4" if n % 3 else "B1.2", "region": "ΚΡΗΤΗΣ" if n < 10 else "ΑΤΤΙΚΗΣ",
            "phone": "2721012345", "email": f"t{n}@sch.gr", "active": n != 4, "version": 1,
            "updated_at": "2026-09-01T10:00:00+00:00", **changes}


REGISTER = [trainer(n) for n in range(1, 26)]


@pytest.fixture
def admin(signed_in, gateway):
    gateway.on("GET", API, 200, REGISTER, headers={"X-Pagination": json.dumps({"total": 25, "last_page": 1})})
    gateway.on("GET", f"{API}/3", 200, trainer(3))
    return signed_in("central-admin")


def test_the_register_is_filtered_and_paged_with_contact_data(client, admin, gateway):
    html = client.get("/trainers?specialty=ΠΕ86&region=ΚΡΗΤΗΣ").get_data(as_text=True)
    assert "Μητρώο Πιστοποιημένων Επιμορφωτών Β' Επιπέδου Τ.Π.Ε. (M1)" in html
    assert "ΕΠΩΝΥΜΟ01" in html and "ΕΠΩΝΥΜΟ03" in html and "ΕΠΩΝΥΜΟ02" not in html and "ΕΠΩΝΥΜΟ11" not in html
    assert "t1@sch.gr" in html and "100000010" in html and "30/06/2025" in html
    assert '<option value="ΠΕ70">' in html and '<option value="false">Ανενεργός</option>' in html
    inactive = client.get("/trainers?active=false").get_data(as_text=True)
    assert "ΕΠΩΝΥΜΟ04" in inactive and "ΕΠΩΝΥΜΟ05" not in inactive
    first = client.get("/trainers").get_data(as_text=True)
    assert "ΕΠΩΝΥΜΟ20" in first and "ΕΠΩΝΥΜΟ21" not in first and 'href="/trainers?page=2"' in first
    assert gateway.calls[0]["params"] == {"page": 1, "page_size": 500}  # the whole register, by the API's pages


def test_the_csv_export_has_the_imports_columns_and_the_selection(client, admin):
    response = client.get("/trainers?format=csv&cluster=B1.2")
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="trainers-m1.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["ΑΦΜ", "Επώνυμο", "Όνομα", "Ειδικότητα", "Επίπεδο", "Ημερομηνία πιστοποίησης",
                       "Συστάδα", "Περιφέρεια", "Τηλέφωνο", "e-mail"]
    assert [r[1] for r in rows[1:]] == ["ΕΠΩΝΥΜΟ03", "ΕΠΩΝΥΜΟ06", "ΕΠΩΝΥΜΟ09", "ΕΠΩΝΥΜΟ12", "ΕΠΩΝΥΜΟ15",
                                        "ΕΠΩΝΥΜΟ18", "ΕΠΩΝΥΜΟ21", "ΕΠΩΝΥΜΟ24"]
    assert rows[1] == ["100000030", "ΕΠΩΝΥΜΟ03", "ΜΑΡΙΑ", "ΠΕ86", "B1", "30/6/2025", "B1.2", "ΚΡΗΤΗΣ",
                       "2721012345", "t3@sch.gr"]


def test_a_bad_file_shows_every_wrong_line_and_imports_nothing(client, admin, gateway):
    gateway.on("POST", f"{API}/import", 422, {
        "status": 422, "detail": "Το αρχείο δεν εισήχθη (2 σφάλματα· δεν άλλαξε τίποτα).",
        "errors": ["Γραμμή 3: ΑΦΜ: Μη έγκυρος ΑΦΜ: το ψηφίο ελέγχου δεν ταιριάζει.",
                   "Γραμμή 5: ο ΑΦΜ 100000010 υπάρχει ήδη στη γραμμή 2."]})
    response = client.post("/trainers/import", data={
        "csrf_token": admin.csrf_token, "file": (io.BytesIO(b"afm;surname\n"), "m1.csv")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'data-testid="error-summary"' in html
    assert "Το αρχείο δεν εισήχθη (2 σφάλματα· δεν άλλαξε τίποτα)." in html
    assert '<a class="govgr-link" href="#field-file">Γραμμή 3: ΑΦΜ: Μη έγκυρος ΑΦΜ' in html
    assert "Γραμμή 5: ο ΑΦΜ 100000010 υπάρχει ήδη στη γραμμή 2." in html
    sent = next(c for c in gateway.calls if c["method"] == "POST")
    assert (sent["path"], sent["files"]) == (f"{API}/import", {"file": ("m1.csv", b"afm;surname\n", "text/csv")})


def test_a_good_file_is_imported_and_its_counts_shown(client, admin, gateway):
    gateway.on("POST", f"{API}/import", 200, {"lines": 3, "registered": 1, "updated": 1, "unchanged": 1})
    response = client.post("/trainers/import", data={
        "csrf_token": admin.csrf_token, "file": (io.BytesIO(b"..."), "m1.csv")}, content_type="multipart/form-data")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Το μητρώο εισήχθη: 3 γραμμές (νέοι 1, με αλλαγές 1, χωρίς αλλαγή 1)." in page
    assert 'href="/trainers?format=csv"' in page  # the notice is not part of the list's address


def test_no_file_is_asked_for_before_the_api(client, admin, gateway):
    response = client.post("/trainers/import", data={"csrf_token": admin.csrf_token},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Αρχείο CSV: Επιλέξτε το αρχείο CSV του μητρώου." in response.get_data(as_text=True)
    assert all(call["method"] == "GET" for call in gateway.calls)


def test_edit_sends_the_form_and_shows_the_apis_errors_next_to_the_fields(client, admin, gateway):
    form = {"csrf_token": admin.csrf_token, "surname": "ΕΠΩΝΥΜΟ03", "name": "ΜΑΡΙΝΑ", "specialty": "ΠΕ86",
            "level": "B1", "cluster": "B2.1", "certified_on": "2025-06-30", "region": "ΚΡΗΤΗΣ", "phone": "",
            "email": "t3@sch.gr"}
    gateway.on("PUT", f"{API}/3", 422, {"status": 422, "detail": "Μη έγκυρα στοιχεία.", "errors": {
        "json": {"cluster": ["Η συστάδα B2.1 δεν είναι του επιπέδου B1."]}}})
    refused = client.post("/trainers/3", data=form)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Συστάδα: Η συστάδα B2.1 δεν είναι του επιπέδου B1." in html
    assert 'value="ΜΑΡΙΝΑ"' in html  # what was typed comes back
    sent = next(c for c in gateway.calls if c["method"] == "PUT")["body"]
    assert sent == {k: v for k, v in form.items() if k != "csrf_token"}  # never the ΑΦΜ
    gateway.on("PUT", f"{API}/3", 200, trainer(3, name="ΜΑΡΙΝΑ"))
    saved = client.post("/trainers/3", data=dict(form, cluster="B1.4"))
    assert saved.status_code == 303 and saved.headers["Location"] == "/trainers/3?saved=1"


def test_deactivate_posts_once_and_an_inactive_trainer_offers_no_button(client, admin, gateway):
    gateway.on("GET", f"{API}/3", 200, trainer(3, phone=None))
    page = client.get("/trainers/3").get_data(as_text=True)
    assert "Απενεργοποίηση επιμορφωτή" in page and "Ενεργός" in page
    assert 'name="phone" type="tel" value=""' in page  # no phone: an empty field, not «None»
    gateway.on("POST", f"{API}/3/deactivate", 200, trainer(3, active=False))
    done = client.post("/trainers/3/deactivate", data={"csrf_token": admin.csrf_token})
    assert done.status_code == 303 and done.headers["Location"] == "/trainers/3?deactivated=1"
    gateway.on("GET", f"{API}/3", 200, trainer(3, active=False))
    after = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Ο επιμορφωτής απενεργοποιήθηκε" in after and "Απενεργοποίηση επιμορφωτή" not in after


@pytest.mark.parametrize("role", ["kse-head", "teacher"])
def test_only_central_admins_reach_the_register(client, signed_in, gateway, role):
    signed_in(role, centre_id="KSE-0001")
    for path in ("/trainers", "/trainers/3", "/trainers?format=csv"):
        response = client.get(path)
        assert response.status_code == 403 and "Δεν έχετε πρόσβαση" in response.get_data(as_text=True)
    assert gateway.calls == []
