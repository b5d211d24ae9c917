"""The central admin's «Ημερολόγιο αλλαγών εγγραφών» against a fake gateway: the API's page with its
filters passed on, the Greek action names, the API's paging, «Εξαγωγή CSV» with the same filters;
central admins only."""
from __future__ import annotations

import json

API = "/api/enrollment/v1/enrolment"
RECORD = {"id": 7, "at": "2026-06-01T10:00:00+00:00", "actor": "admin-1", "action": "skip", "period_id": 7,
          "centre_code": "KSE-0001", "programme_code": "P-1", "teacher_id": "t-9", "previous_state": "promoted",
          "state": "waitlisted", "reason": "Δεν απαντά στο τηλέφωνο.", "details": {}}


def test_the_audit_log_shows_the_apis_page_with_the_filters(client, signed_in, gateway):
    signed_in("central-admin")
    gateway.on("GET", f"{API}/audit", 200, [RECORD],
               headers={"X-Pagination": json.dumps({"total": 120, "total_pages": 3, "page": 2})})
    html = client.get("/programmes/enrolment-audit?action=skip&centre_code=KSE-0001&page=2&bogus=1").get_data(as_text=True)
    assert "Παράκαμψη" in html and "Δεν απαντά στο τηλέφωνο." in html and "01/06/2026 13:00" in html
    assert gateway.calls[-1]["params"] == {"action": "skip", "centre_code": "KSE-0001", "page": 2, "page_size": 50}
    assert "Εγγραφές 51–100 από 120" in html and 'aria-label="Σελίδα 3"' in html
    assert 'href="/programmes/enrolment-audit/csv?' in html and "action=skip" in html
    assert 'aria-current="page">Εγγραφή επιμορφούμενων</a>' in html


def test_the_csv_export_passes_the_file_on_with_the_same_filters(client, signed_in, gateway):
    signed_in("central-admin")
    gateway.on("GET", f"{API}/audit.csv", 200, "Πότε;Ποιος\r\n".encode("utf-8"))
    response = client.get("/programmes/enrolment-audit/csv?actor=system")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data().decode("utf-8") == "Πότε;Ποιος\r\n"
    assert gateway.calls[-1]["params"] == {"actor": "system"}


def test_only_central_admins_read_the_audit_log(client, signed_in, gateway):
    signed_in("kse-head", centre_id="KSE-0001")
    assert client.get("/programmes/enrolment-audit").status_code == 403
    assert client.get("/programmes/enrolment-audit/csv").status_code == 403
    assert not gateway.calls
