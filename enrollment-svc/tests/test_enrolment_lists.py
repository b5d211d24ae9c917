"""/v1/lists: K3, K4, K5, K6 — rows, filters, paging, contact data only to those allowed, another
centre 404, CSV/XLSX, and the rows for documents-svc's list forms."""
import io

import pytest
from epimorfosi_platform.clock import SettableClock
from openpyxl import load_workbook
from sqlalchemy import insert

from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, feed_resources, open_programme, teacher_id, trainer_changed
from enrollment_svc.lists.rules import implementation_period, may_see_contacts
from enrollment_svc.models import Candidate

OTHER = "2026-B2-4-IIa-B2.4-ΑΡΚΑΔΙΑΣ-009"  # at KSE-0002
WHO = {
    "admin": ("admin", ["central-admin"], {}),
    "head": ("head-1", ["kse-head"], {"centre_id": "KSE-0001"}),
    "coordinator": ("coord-1", ["coordinator"], {"centre_id": "KSE-0001", "afm": "123456783"}),
    "other-coordinator": ("coord-2", ["coordinator"], {"centre_id": "KSE-0001", "afm": "094259216"}),
    "other-head": ("head-2", ["kse-head"], {"centre_id": "KSE-0002"}),
    "teacher": ("t-1", ["teacher"], {}),
}
STAFF = {"coordinator": {"afm": "123456783", "surname": "ΠΑΠΑΔΟΠΟΥΛΟΣ", "name": "ΓΕΩΡΓΙΟΣ"},
         "technical_lead": {"afm": "094259216", "surname": "ΝΙΚΟΛΑΟΥ", "name": "ΜΑΡΙΑ"}, "trainer_ids": [7]}


def headers(issuer, who):
    subject, roles, claims = WHO[who]
    return issuer.headers(subject, roles, **claims)


@pytest.fixture
def runtime_app(app, client, issuer):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)  # seats 1-3, waitlist 4-6
    open_programme(runtime, code=OTHER, centre="KSE-0002", successful=(11, 12), waitlisted=(13,))
    feed_resources(runtime, trainer_changed(trainer_id=7))
    with runtime.db.session() as s:
        s.execute(insert(Candidate), [
            {"teacher_id": teacher_id(n), "surname": f"ΕΠΩΝΥΜΟ{n}", "name": f"ΟΝΟΜΑ{n}", "registry_number": f"AM{n}",
             "specialty": "ΠΕ86", "phone": f"21000000{n:02d}", "mobile": f"69000000{n:02d}", "email": f"t{n}@example.gr"}
            for n in (1, 2, 3, 4, 5, 6)])
        s.commit()
    assert client.put(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "head"), json=STAFF).status_code == 200
    assert client.post(f"/v1/enrolment/programmes/{CODE}/enrolments", headers=headers(issuer, "head"),
                       json={"teacher_ids": [teacher_id(2)]}).status_code == 200
    return runtime


def test_k3_rows_of_the_own_centre_with_staff_and_counts(client, issuer, runtime_app):
    response = client.get("/v1/lists/k3", headers=headers(issuer, "head"))
    assert response.status_code == 200, response.get_json()
    [row] = response.get_json()
    assert row["programme_code"] == CODE and (row["successful"], row["reserves"], row["capacity"]) == (3, 3, 3)
    assert row["staff"] == ("Συντονιστής/τρια: ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ · Τεχνικός υπεύθυνος: ΝΙΚΟΛΑΟΥ ΜΑΡΙΑ"
                            " · Επιμορφωτές: ΠΑΠΑΔΟΠΟΥΛΟΥ ΜΑΡΙΑ")
    assert row["cluster"].startswith("B2.4")
    everyone = client.get("/v1/lists/k3", headers=headers(issuer, "admin")).get_json()
    assert sorted(r["programme_code"] for r in everyone) == sorted([CODE, OTHER])


def test_k3_filters_and_pages(client, issuer, runtime_app):
    admin = headers(issuer, "admin")
    assert [r["programme_code"] for r in client.get("/v1/lists/k3?code=ΑΡΚΑΔΙΑΣ", headers=admin).get_json()] == [OTHER]
    assert client.get("/v1/lists/k3?cluster=B1.1", headers=admin).get_json() == []
    assert [r["programme_code"] for r in client.get("/v1/lists/k3?centre=KSE-0002", headers=admin).get_json()] == [OTHER]
    first = client.get("/v1/lists/k3?page=1&page_size=1", headers=admin)
    assert len(first.get_json()) == 1 and '"total": 2' in first.headers["X-Pagination"]
    assert client.get("/v1/lists/k3?centre=KSE-0002", headers=headers(issuer, "head")).status_code == 404


def test_k6_shows_the_enrolled(client, issuer, runtime_app):
    [row] = client.get("/v1/lists/k6", headers=headers(issuer, "coordinator")).get_json()
    assert (row["programme_code"], row["enrolled"]) == (CODE, 1)


@pytest.mark.parametrize("who, contacts", [("admin", True), ("head", True), ("coordinator", True),
                                           ("other-coordinator", False)])
def test_k4_in_strict_order_with_contacts_only_for_those_allowed(client, issuer, runtime_app, who, contacts):
    response = client.get(f"/v1/lists/k4/{CODE}", headers=headers(issuer, who))
    assert response.status_code == 200, response.get_json()
    rows = response.get_json()
    assert [r["teacher_id"] for r in rows] == [teacher_id(n) for n in (1, 2, 3, 4, 5, 6)]
    assert [r["outcome"] for r in rows] == ["Επιτυχών"] * 3 + ["Επιλαχών"] * 3
    assert rows[1]["status"] == "Εγγεγραμμένος/η" and rows[3]["position"] == 1
    assert rows[0]["surname"] == "ΕΠΩΝΥΜΟ1" and rows[0]["registry_number"] == "AM1"
    assert ("email" in rows[0]) is contacts and ("phone" in rows[0]) is contacts
    if contacts:
        assert (rows[0]["phone"], rows[0]["mobile"], rows[0]["email"]) == ("2100000001", "6900000001", "t1@example.gr")


def test_k5_lists_the_enrolled(client, issuer, runtime_app):
    rows = client.get(f"/v1/lists/k5/{CODE}", headers=headers(issuer, "head")).get_json()
    assert [(r["teacher_id"], r["email"]) for r in rows] == [(teacher_id(2), "t2@example.gr")]


@pytest.mark.parametrize("path", [f"k4/{OTHER}", f"k5/{OTHER}", f"k4/{OTHER}/rows", f"k5/{OTHER}/export?format=csv"])
def test_another_centres_programme_is_404(client, issuer, runtime_app, path):
    assert client.get(f"/v1/lists/{path}", headers=headers(issuer, "head")).status_code == 404


@pytest.mark.parametrize("path", ["k3", "k6", f"k4/{CODE}", f"k5/{CODE}", "k3/rows", "k3/export?format=csv"])
def test_other_roles_are_refused_and_no_token_is_401(client, issuer, runtime_app, path):
    assert client.get(f"/v1/lists/{path}", headers=headers(issuer, "teacher")).status_code == 403
    assert client.get(f"/v1/lists/{path}").status_code == 401


def test_k4_as_csv_and_xlsx_with_the_readers_columns(client, issuer, runtime_app):
    csv = client.get(f"/v1/lists/k4/{CODE}/export?format=csv", headers=headers(issuer, "head"))
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.data.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:7] == ["Επώνυμο", "Όνομα", "Α.Μ.", "Ειδικότητα", "Τηλέφωνο", "Κινητό Τηλέφωνο", "e-mail"]
    assert lines[1].startswith("ΕΠΩΝΥΜΟ1;ΟΝΟΜΑ1;AM1;ΠΕ86;2100000001;")
    plain = client.get(f"/v1/lists/k4/{CODE}/export?format=xlsx", headers=headers(issuer, "other-coordinator"))
    sheet = load_workbook(io.BytesIO(plain.data)).active
    heading = [c.value for c in sheet[1]]
    assert "e-mail" not in heading and "Τηλέφωνο" not in heading and heading[:2] == ["Επώνυμο", "Όνομα"]
    assert sheet.max_row == 7
    assert client.get(f"/v1/lists/k4/{CODE}/export?format=pdf", headers=headers(issuer, "head")).status_code == 422


def test_k3_as_xlsx_keeps_numbers(client, issuer, runtime_app):
    response = client.get("/v1/lists/k3/export?format=xlsx", headers=headers(issuer, "admin"))
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Κωδικός Προγράμματος" and len(rows) == 3
    assert {r[0]: r[4] for r in rows[1:]} == {CODE: 3, OTHER: 3}


def test_rows_for_documents_forms(client, issuer, runtime_app):
    form = client.get(f"/v1/lists/k4/{CODE}/rows", headers=headers(issuer, "head")).get_json()
    assert form["code"] == "K4" and form["heading"]["programme_code"] == CODE
    assert [c["key"] for c in form["columns"]][:7] == ["surname", "name", "registry_number", "specialty", "phone",
                                                      "mobile", "email"]
    assert len(form["rows"]) == 6 and form["rows"][0]["outcome"] == "Επιτυχών"
    k3 = client.get("/v1/lists/k3/rows", headers=headers(issuer, "head")).get_json()
    assert [r["programme_code"] for r in k3["rows"]] == [CODE] and k3["heading"] == {}
    without = client.get(f"/v1/lists/k4/{CODE}/rows", headers=headers(issuer, "other-coordinator")).get_json()
    assert "email" not in [c["key"] for c in without["columns"]] and "email" not in without["rows"][0]


def test_rules():
    assert may_see_contacts(["coordinator"], "KSE-0001", "123456783", "KSE-0001", None) is False
    assert may_see_contacts(["kse-head"], "KSE-0001", None, "KSE-0002", None) is False
    assert may_see_contacts(["central-admin"], None, None, "KSE-0002", None) is True
    from datetime import date
    assert implementation_period(date(2026, 11, 2), date(2026, 12, 20)) == "02/11/2026 – 20/12/2026"
    assert implementation_period(None, None) == ""
