"""The lists' foundation: the «Επιλογή» filters, addresses that keep the query, CSV for Excel."""
from __future__ import annotations

import csv
import io

from web_client.lists import Filter, Filters, csv_cell, csv_response, list_address, url_with

ITEMS = [{"code": "P1", "cluster": "B2.1", "cluster_name": "ΦΥΣΙΚΗ", "area_code": "ΜΕΣΣΗΝΙΑΣ"},
         {"code": "P2", "cluster": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ", "area_code": "ΜΕΣΣΗΝΙΑΣ"},
         {"code": "P3", "cluster": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ", "area_code": "ΑΤΤΙΚΗΣ"}]
FILTERS = (Filter("cluster", "Συστάδα", text=lambda i: f"{i['cluster']} {i['cluster_name']}"),
           Filter("area_code", "Περιοχή"))


def test_filters_select_by_every_chosen_column_and_offer_the_values_present(app):
    with app.test_request_context("/x?cluster=B2.4&area_code=ΜΕΣΣΗΝΙΑΣ&period=3&page=2"):
        filters = Filters(ITEMS, *FILTERS)
        assert [i["code"] for i in filters.selected] == ["P2"]
        assert filters.options(FILTERS[0]) == [("B2.1", "B2.1 ΦΥΣΙΚΗ"), ("B2.4", "B2.4 ΠΛΗΡΟΦΟΡΙΚΗ")]
        assert filters.kept() == [("period", "3")]  # the page's other parameters, not page or the filters
        assert filters.active and filters.clear_url() == "/x?period=3"
    with app.test_request_context("/x"):
        assert [i["code"] for i in Filters(ITEMS, *FILTERS).selected] == ["P1", "P2", "P3"]


def test_url_with_changes_removes_and_repeats_parameters(app):
    with app.test_request_context("/x?period=3&page=2&choice=A"):
        assert url_with(page=3) == "/x?period=3&page=3&choice=A"
        assert url_with(page=None, choice=["B", "C"]) == "/x?period=3&choice=B&choice=C"
        list_address("/y", {"period": 4})  # a page answering a POST builds on its GET address
        assert url_with(page=2) == "/y?period=4&page=2"


def test_csv_has_a_bom_greek_and_no_formula(app):
    with app.test_request_context("/x"):
        response = csv_response("Λίστα programmes", ["Κωδικός", "Συστάδα"], [["P1", "B2.1 ΦΥΣΙΚΗ"], ["=HYPERLINK()", -3]])
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="______programmes.csv"'
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["Κωδικός", "Συστάδα"], ["P1", "B2.1 ΦΥΣΙΚΗ"], ["'=HYPERLINK()", "-3"]]
    assert csv_cell("-12,5") == "-12,5" and csv_cell("@x") == "'@x" and csv_cell(None) == ""


def test_paging_links_keep_the_filters(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    gateway.on("GET", "/api/applications/v1/centres/KSE-0001/lottery-results", 200, [{
        "period_id": 3, "period_name": "Περίοδος 3", "drawn_at": "2026-02-01T10:00:00+00:00", "took_part": True,
        "eligible": True, "random_number": 7, "selected": True,
        "programmes": [{"code": f"P{n:02}", "cluster": "B2.4", "cluster_name": "ΠΛΗΡΟΦΟΡΙΚΗ", "category": "IIa",
                        "category_name": "ΙΙα", "area_code": "ΜΕΣΣΗΝΙΑΣ", "capacity": 15, "preference_rank": 1}
                       for n in range(25)]}])
    html = client.get("/programmes/lottery-results?cluster=B2.4").get_data(as_text=True)
    assert 'href="/programmes/lottery-results?cluster=B2.4&amp;page=2"' in html
