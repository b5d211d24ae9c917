"""Who may do what on /v1/enrolment: the matrix of roles × own/other centre × read/write/skip."""
import pytest
from epimorfosi_platform.clock import SettableClock

from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, open_programme, teacher_id

OTHER = "2026-B2-4-IIa-B2.4-ΑΡΚΑΔΙΑΣ-009"  # at KSE-0002


@pytest.fixture
def two_centres(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    open_programme(runtime, code=OTHER, centre="KSE-0002", successful=(11, 12), waitlisted=(13,))


WHO = {
    "admin": ("admin", ["central-admin"], {}),
    "head": ("head-1", ["kse-head"], {"centre_id": "KSE-0001"}),
    "coordinator": ("coord-1", ["coordinator"], {"centre_id": "KSE-0001"}),
    "teacher": ("t-1", ["teacher"], {}),
}
# (who, programme) -> expected status of: read entries, enrol, skip (a waitlisted: 409 when allowed)
MATRIX = [
    ("admin", CODE, 200, 200, 409), ("admin", OTHER, 200, 200, 409),
    ("head", CODE, 200, 200, 403), ("head", OTHER, 404, 404, 403),
    ("coordinator", CODE, 200, 403, 403), ("coordinator", OTHER, 404, 403, 403),
    ("teacher", CODE, 403, 403, 403),
]


@pytest.mark.parametrize("who, code, read, write, skip", MATRIX)
def test_access_matrix(client, issuer, two_centres, who, code, read, write, skip):
    subject, roles, claims = WHO[who]
    headers = issuer.headers(subject, roles, **claims)
    seated = teacher_id(1 if code == CODE else 11)
    waiting = teacher_id(4 if code == CODE else 13)
    assert client.get(f"/v1/enrolment/programmes/{code}/entries", headers=headers).status_code == read
    assert client.post(f"/v1/enrolment/programmes/{code}/enrolments", headers=headers,
                       json={"teacher_ids": [seated]}).status_code == write
    assert client.post(f"/v1/enrolment/programmes/{code}/entries/{waiting}/skip", headers=headers,
                       json={"reason": "λόγος"}).status_code == skip


def test_listing_shows_only_the_own_centre(client, issuer, two_centres):
    def codes(who):
        subject, roles, claims = WHO[who]
        return sorted(p["programme"]["code"] for p in client.get(
            "/v1/enrolment/programmes", headers=issuer.headers(subject, roles, **claims)).get_json())
    assert codes("head") == codes("coordinator") == [CODE]
    assert codes("admin") == sorted([CODE, OTHER])


def test_no_token_is_401(client, two_centres):
    assert client.get("/v1/enrolment/programmes").status_code == 401


# The endpoints of offers, closing and audit: who -> expected status of: grant an exception, approve
# (before the deadline: 409 when allowed), read the audit log, the teacher's own entries, accept an offer
# (none open: 409 when allowed).
MORE = [
    ("admin", 201, 409, 200, 403, 403),
    ("head", 403, 403, 403, 403, 403),
    ("coordinator", 403, 403, 403, 403, 403),
    ("teacher", 403, 403, 403, 200, 409),
]


@pytest.mark.parametrize("who, exception, approval, audit, mine, accept", MORE)
def test_access_matrix_of_offers_closing_and_audit(client, issuer, two_centres, who, exception, approval, audit,
                                                   mine, accept):
    subject, roles, claims = WHO[who]
    headers = issuer.headers(subject, roles, **claims)
    assert client.post(f"/v1/enrolment/programmes/{OTHER}/exception", headers=headers,
                       json={"reason": "λόγος"}).status_code == exception
    assert client.post("/v1/enrolment/approvals", headers=headers, json={
        "period_id": 1, "area_code": "ΜΕΣΣΗΝΙΑΣ", "centre_code": "KSE-0001"}).status_code == approval
    assert client.get("/v1/enrolment/audit", headers=headers).status_code == audit
    assert client.get("/v1/enrolment/my-entries", headers=headers).status_code == mine
    assert client.post(f"/v1/enrolment/my-entries/{CODE}/acceptance", headers=headers).status_code == accept


def test_closing_lists_show_only_the_own_centre(client, issuer, two_centres):
    def codes(who, path):
        subject, roles, claims = WHO[who]
        response = client.get(f"/v1/enrolment/{path}", headers=issuer.headers(subject, roles, **claims))
        assert response.status_code == 200
        return sorted(p["programme"]["code"] for p in response.get_json())
    assert codes("head", "closing") == codes("coordinator", "closing") == [CODE]
    assert codes("admin", "closing") == sorted([CODE, OTHER])
    assert codes("head", "final-programmes") == []
    subject, roles, claims = WHO["teacher"]
    assert client.get("/v1/enrolment/closing", headers=issuer.headers(subject, roles, **claims)).status_code == 403


def test_a_teacher_sees_only_their_own_entries(client, issuer, two_centres):
    mine = client.get("/v1/enrolment/my-entries", headers=issuer.headers(teacher_id(4), ["teacher"])).get_json()
    assert [(e["programme"]["code"], e["state"], e["live_position"]) for e in mine] == [(CODE, "waitlisted", 1)]
