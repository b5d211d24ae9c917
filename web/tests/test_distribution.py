"""«Πίνακας γεωγραφικής κατανομής»: the table filtered and paged, its CSV export, and the import
handed whole to the API, whose line-by-line errors become the error summary."""
from __future__ import annotations

import csv
import io

import pytest

PERIOD = {"id": 7, "code": "2026-B2-4", "name": "4η Περίοδος Β2", "level": "B2"}
API = "/api/applications/v1/periods/7/distribution"


def row(n: int, cluster: str, category: str = "IIa") -> dict:
    return {"line": n + 1, "area_code": f"N{n:02d}", "area_name": f"ΝΟΜΟΣ {n:02d}", "category": category,
            "cluster": cluster, "cluster_name": "ΦΥΣΙΚΗ", "programmes": n}


TABLE = {"period_id": 7, "imported_at": "2026-09-01T10:00:00+00:00", "imported_by": "admin",
         "total_programmes": sum(range(1, 26)),
         "rows": [row(n, "B2.1" if n % 2 else "B2.10") for n in range(1, 25)] + [row(25, "B2.1", "IIb")]}


@pytest.fixture
def admin(signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods/7", 200, PERIOD)
    gateway.on("GET", API, 200, TABLE)
    return signed_in("central-admin")


def test_the_table_is_filtered_and_its_pages_keep_the_filter(client, admin):
    html = client.get("/periods/7/distribution?cluster=B2.1").get_data(as_text=True)
    assert "Πίνακας Γεωγραφικής Κατανομής Προγραμμάτων Επιμόρφωσης" in html
    assert ">N01<" in html and ">N02<" not in html  # B2.10 rows are not B2.1 rows
    assert "Εγγραφές 1–13 από 13" in html and "της επιλογής: 169" in html  # 1+3+…+23, and 25
    everything = client.get("/periods/7/distribution?category=IIa").get_data(as_text=True)
    assert "από 24" in everything and 'href="/periods/7/distribution?category=IIa&amp;page=2"' in everything
    second = client.get("/periods/7/distribution?category=IIa&page=2").get_data(as_text=True)
    assert ">N21<" in second and ">N01<" not in second and ">N25<" not in second
    assert '<option value="B2.10">' in html and "ΝΟΜΟΣ 25 (IIb)" in html  # the filters offer the table's values


def test_a_wrong_file_shows_each_wrong_line_and_nothing_is_imported(client, admin, gateway):
    gateway.on("PUT", API, 422, {
        "status": 422, "detail": "Το αρχείο δεν εισήχθη (2 σφάλματα· δεν άλλαξε τίποτα).",
        "errors": ["Γραμμή 3: άγνωστη συστάδα «B9.9» για την περίοδο.",
                   "Γραμμή 5: το πλήθος προγραμμάτων «δύο» πρέπει να είναι ακέραιος από 0 έως 10000."]})
    response = client.post("/periods/7/distribution", data={
        "csrf_token": admin.csrf_token, "file": (io.BytesIO(b"area_code,area_name\n"), "table.csv")},
        content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'data-testid="error-summary"' in html
    assert '<a class="govgr-link" href="#field-file">Γραμμή 3: άγνωστη συστάδα «B9.9» για την περίοδο.</a>' in html
    assert "Γραμμή 5: το πλήθος προγραμμάτων «δύο»" in html
    assert 'id="error-file"' in html and 'aria-invalid="true"' in html
    sent = gateway.calls[-3]  # then the page reads the period and the (unchanged) table again
    assert (sent["method"], sent["path"]) == ("PUT", API)
    assert sent["files"] == {"file": ("table.csv", b"area_code,area_name\n", "text/csv")}


def test_a_good_file_is_imported_and_the_table_shown(client, admin, gateway):
    gateway.on("PUT", API, 200, TABLE)
    response = client.post("/periods/7/distribution", data={
        "csrf_token": admin.csrf_token, "file": (io.BytesIO(b"..."), "table.csv")}, content_type="multipart/form-data")
    assert response.status_code == 303 and response.headers["Location"] == "/periods/7/distribution?imported=25"
    assert "Ο πίνακας εισήχθη: 25 γραμμές." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_no_file_is_asked_for_before_the_api(client, admin, gateway):
    response = client.post("/periods/7/distribution", data={"csrf_token": admin.csrf_token},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Αρχείο CSV: Επιλέξτε το αρχείο CSV του πίνακα." in response.get_data(as_text=True)
    assert all(call["method"] == "GET" for call in gateway.calls)


def test_the_export_is_the_imports_format_with_the_filter(client, admin):
    response = client.get("/periods/7/distribution?format=csv&category=IIb")
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="distribution-2026-B2-4.csv"'
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["area_code", "area_name", "category", "cluster", "programmes"], ["N25", "ΝΟΜΟΣ 25", "IIb", "B2.1", "25"]]


def test_the_page_offers_the_export_of_what_is_chosen(client, admin):
    html = client.get("/periods/7/distribution?cluster=B2.10&imported=25").get_data(as_text=True)
    assert 'href="/periods/7/distribution?cluster=B2.10&amp;format=csv"' in html  # not the import's notice


def test_the_centre_head_reads_filters_and_exports_the_same_table_but_cannot_import(client, signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods/7", 200, PERIOD)
    gateway.on("GET", API, 200, TABLE)
    head = signed_in("kse-head", centre_id="KSE-0001")
    html = client.get("/periods/7/distribution?area_code=N25").get_data(as_text=True)
    table = html[html.index('data-testid="distribution"'):]
    assert ">N25<" in table and ">N01<" not in table and 'type="file"' not in html
    assert 'href="/programmes/interest?period=7"' in html  # its breadcrumbs: the centre head's menu
    lines = client.get("/periods/7/distribution?format=csv").get_data().decode("utf-8-sig").splitlines()
    assert lines[1] == "N01,ΝΟΜΟΣ 01,IIa,B2.1,1" and len(lines) == 26
    response = client.post("/periods/7/distribution", data={"csrf_token": head.csrf_token})
    assert response.status_code == 403 and "Δεν έχετε πρόσβαση" in response.get_data(as_text=True)


def test_a_teacher_has_no_access(client, signed_in, gateway):
    signed_in("teacher")
    response = client.get("/periods/7/distribution")
    assert response.status_code == 403 and "Δεν έχετε πρόσβαση σε αυτή τη σελίδα" in response.get_data(as_text=True)
    assert gateway.calls == []
