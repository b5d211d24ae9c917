"""The end of enrolment (closing slice): at the deadline a programme under the minimum is cancelled
with its people unless a central admin granted a reduced-composition exception; the final approval per
directorate and centre makes the kept ones final (K6), after which nothing changes."""
import pytest
from epimorfosi_platform.clock import SettableClock
from sqlalchemy import select

from enrollment_svc.closing.sweep import close_due_programmes
from enrollment_svc.enrolment.models import EnrolmentProgramme
from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, open_programme, teacher_id
from test_enrolment_api import ADMIN, HEAD, enrol, headers, outbox, states, withdraw

OTHER = "2026-B2-4-IIa-B2.4-ΜΕΣΣΗΝΙΑΣ-002"
AFTER = "2026-11-11T00:30:00+02:00"  # the deadline was 2026-11-10 23:59 (+02:00)
OTHER_HEAD = ("head-2", ["kse-head"], {"centre_id": "KSE-0002"})


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime, capacity=12, successful=range(1, 13), waitlisted=(13, 14))
    return runtime


def outcome(runtime, code=CODE):
    with runtime.db.session() as s:
        return s.get(EnrolmentProgramme, code).outcome


def grant(client, issuer, reason="Απόφαση ΔΣ για κάλυψη επιμορφωτικών αναγκών.", who=ADMIN, code=CODE):
    return client.post(f"/v1/enrolment/programmes/{code}/exception", headers=headers(issuer, who), json={"reason": reason})


def approve(client, issuer, who=ADMIN, **body):
    return client.post("/v1/enrolment/approvals", headers=headers(issuer, who),
                       json={"period_id": 1, "area_code": "ΜΕΣΣΗΝΙΑΣ", "centre_code": "KSE-0001", **body})


def test_under_the_minimum_at_the_deadline_cancels_the_programme_and_its_people(client, issuer, runtime_app):
    assert enrol(client, issuer, *range(1, 10)).status_code == 200  # 9 < 10
    assert close_due_programmes(runtime_app) == 0  # not yet at the deadline
    runtime_app.clock.set(AFTER)
    assert close_due_programmes(runtime_app) == 1
    assert outcome(runtime_app) == "cancelled"
    assert set(states(runtime_app).values()) == {"cancelled"}
    cancels = [e for e in outbox(runtime_app, "enrollment.candidate.status_changed.v1") if e["action"] == "cancel"]
    assert len(cancels) == 14 and all("ακυρώθηκε" in e["reason"] for e in cancels)
    assert close_due_programmes(runtime_app) == 0  # decided once
    assert len([e for e in outbox(runtime_app, "enrollment.candidate.status_changed.v1") if e["action"] == "cancel"]) == 14


def test_an_exception_keeps_a_programme_under_the_minimum(client, issuer, runtime_app):
    assert grant(client, issuer, who=HEAD).status_code == 403
    assert grant(client, issuer, reason=" ").status_code == 422
    response = grant(client, issuer)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["granted_by"] == "admin"
    assert grant(client, issuer).status_code == 409  # once
    assert enrol(client, issuer, 1, 2, 3).status_code == 200
    runtime_app.clock.set(AFTER)
    assert close_due_programmes(runtime_app) == 1
    assert outcome(runtime_app) == "open" and states(runtime_app)[1] == "enrolled"
    assert grant(client, issuer, code=CODE).status_code == 409  # decided: no exception any more
    [row] = client.get("/v1/enrolment/closing", headers=headers(issuer)).get_json()
    assert (row["enrolled"], row["minimum"], row["closed_at"] is not None) == (3, 10, True)
    assert row["exception"]["reason"].startswith("Απόφαση")


def test_enough_enrolled_is_kept(client, issuer, runtime_app):
    assert enrol(client, issuer, *range(1, 11)).status_code == 200
    runtime_app.clock.set(AFTER)
    assert close_due_programmes(runtime_app) == 1
    assert outcome(runtime_app) == "open" and states(runtime_app)[11] == "successful"


def test_final_approval_per_directorate_and_centre(client, issuer, runtime_app):
    open_programme(runtime_app, code=OTHER, capacity=12, successful=range(21, 33), waitlisted=())
    assert enrol(client, issuer, *range(1, 11)).status_code == 200
    assert enrol(client, issuer, 21, 22, code=OTHER).status_code == 200  # under the minimum: cancelled
    assert approve(client, issuer).status_code == 409  # before the deadline
    runtime_app.clock.set(AFTER)
    assert approve(client, issuer, who=HEAD).status_code == 403
    assert approve(client, issuer, centre_code="KSE-0009").status_code == 404
    response = approve(client, issuer)  # decides what the sweep has not yet decided, then approves
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["programmes"] == 1
    assert (outcome(runtime_app), outcome(runtime_app, OTHER)) == ("final", "cancelled")
    assert approve(client, issuer).status_code == 409  # once
    final = client.get("/v1/enrolment/final-programmes", headers=headers(issuer)).get_json()
    assert [(f["programme"]["code"], f["enrolled"], f["outcome"]) for f in final] == [(CODE, 10, "final")]
    assert client.get("/v1/enrolment/final-programmes", headers=headers(issuer, OTHER_HEAD)).get_json() == []
    assert [a["centre_code"] for a in client.get("/v1/enrolment/approvals", headers=headers(issuer, ADMIN)).get_json()] == ["KSE-0001"]
    refused = withdraw(client, issuer, 1)
    assert refused.status_code == 409 and refused.get_json()["type"].endswith("programme-final")
    assert close_due_programmes(runtime_app) == 0


def test_an_open_offer_ends_with_the_deadline_and_a_late_allocation_changes_nothing(client, issuer, runtime_app):
    assert enrol(client, issuer, *range(2, 12)).status_code == 200  # 10 enrolled: kept
    assert withdraw(client, issuer, 1).status_code == 200  # 13 offered
    assert states(runtime_app)[13] == "offered"
    runtime_app.clock.set(AFTER)
    assert close_due_programmes(runtime_app) == 1
    assert (states(runtime_app)[13], states(runtime_app)[14]) == ("declined", "waitlisted")  # nothing offered on
    before = states(runtime_app)
    open_programme(runtime_app, phase="B", published_at="2026-10-21T10:00:00+03:00", capacity=12,
                   successful=range(1, 13), waitlisted=(15, 16))
    assert states(runtime_app) == before  # decided at the deadline: the allocation is ignored
