"""The audit log (audit slice): every change to entries, offers, exceptions and approvals — who,
when, what, why — read by central admins only, paged and filtered, exported as CSV."""
import csv
import io
import json

import pytest
from epimorfosi_platform.clock import SettableClock

from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, open_programme, teacher_id
from test_enrolment_api import ADMIN, HEAD, enrol, headers, withdraw


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    return runtime


def changes(client, issuer):
    assert enrol(client, issuer, 2).status_code == 200
    assert withdraw(client, issuer, 1).status_code == 200  # 4 offered
    skip = client.post(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(4)}/skip", headers=headers(issuer, ADMIN),
                       json={"reason": "Δεν απάντησε."})
    assert skip.status_code == 200
    assert client.post(f"/v1/enrolment/programmes/{CODE}/exception", headers=headers(issuer, ADMIN),
                       json={"reason": "Ανάγκες περιοχής."}).status_code == 201


def test_every_change_is_logged_with_who_when_what_why(client, issuer, runtime_app):
    changes(client, issuer)
    response = client.get("/v1/enrolment/audit", headers=headers(issuer, ADMIN), query_string={"page_size": 100})
    assert response.status_code == 200
    rows = response.get_json()
    assert [r["action"] for r in reversed(rows)] == [
        "allocation", "enrol", "withdraw", "offer", "skip", "offer", "exception"]
    skip = next(r for r in rows if r["action"] == "skip")
    assert (skip["actor"], skip["teacher_id"], skip["previous_state"], skip["state"], skip["reason"]) == (
        "admin", teacher_id(4), "offered", "waitlisted", "Δεν απάντησε.")
    assert skip["at"].startswith("2026-11-01T10:00")
    offer = next(r for r in rows if r["action"] == "offer")
    assert offer["details"]["offer_expires_at"] and offer["actor"] == "admin"  # offered on by the skip


def test_paged_and_filtered(client, issuer, runtime_app):
    changes(client, issuer)
    response = client.get("/v1/enrolment/audit", headers=headers(issuer, ADMIN), query_string={"page_size": 2, "page": 2})
    assert len(response.get_json()) == 2
    assert json.loads(response.headers["X-Pagination"])["total"] == 7
    only = client.get("/v1/enrolment/audit", headers=headers(issuer, ADMIN),
                      query_string={"action": "offer", "teacher_id": teacher_id(5)}).get_json()
    assert [(r["action"], r["teacher_id"]) for r in only] == [("offer", teacher_id(5))]


def test_only_central_admins_read_it(client, issuer, runtime_app):
    assert client.get("/v1/enrolment/audit", headers=headers(issuer, HEAD)).status_code == 403
    assert client.get("/v1/enrolment/audit.csv", headers=headers(issuer, HEAD)).status_code == 403
    assert client.get("/v1/enrolment/audit").status_code == 401


def test_csv_export(client, issuer, runtime_app):
    changes(client, issuer)
    response = client.get("/v1/enrolment/audit.csv", headers=headers(issuer, ADMIN), query_string={"action": "skip"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Πότε", "Ποιος", "Ενέργεια"]
    assert [(r[1], r[2], r[9]) for r in rows[1:]] == [("admin", "skip", "Δεν απάντησε.")]
