"""/v1/enrolment/my-entries: a teacher's own entries with the live waitlist position, which moves
as seats free up; nobody else's entries, and no other role."""
from io import BytesIO

import pytest
from epimorfosi_platform.clock import SettableClock

from enrollment_svc.enrolment.rules import Waiting, live_position
from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, PDF, open_programme, teacher_id

HEAD = ("head-1", ["kse-head"], {"centre_id": "KSE-0001"})


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)  # seated 1, 2, 3; waiting 4, 5, 6
    return runtime


def mine(client, issuer, n):
    response = client.get("/v1/enrolment/my-entries", headers=issuer.headers(teacher_id(n), ["teacher"]))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_live_position_counts_only_who_still_waits_ahead():
    waiting = [Waiting("c", 3), Waiting("b", 2), Waiting("z", 2)]
    assert [live_position(t, waiting) for t in ("b", "z", "c", "a")] == [1, 2, 3, None]


def test_a_waitlisted_teacher_sees_the_live_position_move_when_a_seat_frees(client, issuer, runtime_app):
    [entry] = mine(client, issuer, 5)
    assert (entry["programme"]["code"], entry["state"], entry["position"], entry["live_position"]) == (CODE, "waitlisted", 2, 2)
    assert entry["programme"]["centre_code"] == "KSE-0001"
    response = client.post(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(1)}/withdrawal",
                           headers=issuer.headers(*HEAD[:2], **HEAD[2]), content_type="multipart/form-data",
                           data={"file": (BytesIO(PDF), "d.pdf", "application/pdf")})
    assert response.status_code == 200, response.get_json()
    assert mine(client, issuer, 5)[0]["live_position"] == 1  # 4 took the seat
    [offered] = mine(client, issuer, 4)  # the freed seat is offered to the first waitlisted
    assert (offered["state"], offered["live_position"]) == ("offered", None) and offered["offer_expires_at"]
    [seated] = mine(client, issuer, 2)
    assert (seated["state"], seated["live_position"]) == ("successful", None)


def test_nobody_else_and_no_other_role(client, issuer, runtime_app):
    assert mine(client, issuer, 99) == []
    for roles, claims in ((["kse-head"], {"centre_id": "KSE-0001"}), (["central-admin"], {}), (["coordinator"], {})):
        assert client.get("/v1/enrolment/my-entries", headers=issuer.headers("x", roles, **claims)).status_code == 403
