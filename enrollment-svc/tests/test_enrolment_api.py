"""/v1/enrolment: enrolment («Καταχώριση», all or nothing), withdrawal with a declaration and strict
waitlist promotion, skips by central admins, the deadline, Idempotency-Key, and the events."""
import json

import pytest
from epimorfosi_platform.clock import SettableClock
from sqlalchemy import select

from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, PDF, open_programme, teacher_id
from enrollment_svc.models import EnrolmentEntry, EnrolmentProgramme

HEAD = ("head-1", ["kse-head"], {"centre_id": "KSE-0001"})
ADMIN = ("admin", ["central-admin"], {})


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    return runtime


def headers(issuer, who=HEAD, **extra):
    subject, roles, claims = who
    return {**issuer.headers(subject, roles, **claims), **extra}


def enrol(client, issuer, *numbers, who=HEAD, code=CODE, **extra):
    return client.post(f"/v1/enrolment/programmes/{code}/enrolments", headers=headers(issuer, who, **extra),
                       json={"teacher_ids": [teacher_id(n) for n in numbers]})


def withdraw(client, issuer, n, content=PDF, who=HEAD, name="dilosi.pdf", mimetype="application/pdf"):
    from io import BytesIO
    return client.post(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(n)}/withdrawal",
                       headers=headers(issuer, who), content_type="multipart/form-data",
                       data={"file": (BytesIO(content), name, mimetype)})


def states(runtime) -> dict[int, str]:
    with runtime.db.session() as s:
        rows = s.scalars(select(EnrolmentEntry).where(EnrolmentEntry.programme_code == CODE)).all()
    return {int(r.teacher_id[-12:]): r.state for r in rows}


def outbox(runtime, event_type):
    table = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(table.c.envelope).where(table.c.event_type == event_type).order_by(table.c.id)).all()
    return [json.loads(row.envelope)["data"] for row in rows]


def test_the_centres_approved_programmes_with_counts(client, issuer, runtime_app):
    response = client.get("/v1/enrolment/programmes", headers=headers(issuer))
    assert response.status_code == 200, response.get_json()
    [row] = response.get_json()
    assert (row["programme"]["code"], row["capacity"], row["enrolled"]) == (CODE, 3, 0)
    assert (row["counts"]["successful"], row["counts"]["waitlisted"]) == (3, 3)


def test_several_enrolled_with_one_request_and_an_event_each(client, issuer, runtime_app):
    response = enrol(client, issuer, 1, 3)
    assert response.status_code == 200, response.get_json()
    assert states(runtime_app) == {1: "enrolled", 2: "successful", 3: "enrolled", 4: "waitlisted",
                                   5: "waitlisted", 6: "waitlisted"}
    events = outbox(runtime_app, "enrollment.trainee.enrolled.v1")
    assert sorted(e["teacher_id"] for e in events) == [teacher_id(1), teacher_id(3)]
    assert {e["enrolled_by"] for e in events} == {"head-1"}
    assert response.get_json()["programme"]["enrolled"] == 2


def test_all_or_nothing(client, issuer, runtime_app):
    response = enrol(client, issuer, 1, 4)  # 4 is waitlisted
    assert response.status_code == 409
    body = response.get_json()
    assert body["type"].endswith("not-enrollable") and body["teacher_ids"] == [teacher_id(4)]
    assert states(runtime_app)[1] == "successful"
    assert outbox(runtime_app, "enrollment.trainee.enrolled.v1") == []


def test_enrolling_twice_is_refused(client, issuer, runtime_app):
    assert enrol(client, issuer, 2).status_code == 200
    assert enrol(client, issuer, 2).status_code == 409


def test_refused_after_the_deadline_in_greek(client, issuer, runtime_app):
    runtime_app.clock.advance(days=20)
    response = enrol(client, issuer, 1)
    assert response.status_code == 409
    body = response.get_json()
    assert body["type"].endswith("enrolment-closed") and "προθεσμία" in body["detail"]
    assert response.content_type.startswith("application/problem+json")
    assert withdraw(client, issuer, 1).status_code == 409
    assert states(runtime_app)[1] == "successful"


def test_idempotency_key_replays_without_enrolling_twice(client, issuer, runtime_app):
    first = enrol(client, issuer, 1, **{"Idempotency-Key": "k-1"})
    again = enrol(client, issuer, 1, **{"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert len(outbox(runtime_app, "enrollment.trainee.enrolled.v1")) == 1


def test_withdrawal_promotes_the_first_waitlisted_strictly_in_order(client, issuer, runtime_app):
    assert enrol(client, issuer, 1).status_code == 200
    response = withdraw(client, issuer, 1)
    assert response.status_code == 200, response.get_json()
    assert states(runtime_app) == {1: "withdrawn", 2: "successful", 3: "successful", 4: "promoted",
                                   5: "waitlisted", 6: "waitlisted"}
    with runtime_app.db.session() as s:
        assert s.get(EnrolmentProgramme, CODE).enrolled == 0
    changes = outbox(runtime_app, "enrollment.candidate.status_changed.v1")
    assert [(c["teacher_id"], c["previous_state"], c["state"]) for c in changes][-2:] == [
        (teacher_id(1), "enrolled", "withdrawn"), (teacher_id(4), "waitlisted", "promoted")]
    assert withdraw(client, issuer, 2).status_code == 200
    assert states(runtime_app)[5] == "promoted" and states(runtime_app)[6] == "waitlisted"
    assert enrol(client, issuer, 4, 5).status_code == 200  # the promoted enrol as the successful do
    declaration = client.get(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(1)}/declaration",
                             headers=headers(issuer))
    assert (declaration.status_code, declaration.data) == (200, PDF)


@pytest.mark.parametrize("content, name, mimetype", [
    (b"", "empty.pdf", "application/pdf"),
    (b"GIF89a not a pdf", "dilosi.pdf", "application/pdf"),
    (PDF, "dilosi.png", "image/png"),
    (b"%PDF-1.4 truncated", "dilosi.pdf", "application/pdf"),
])
def test_the_declaration_must_be_a_pdf_by_its_content(client, issuer, runtime_app, content, name, mimetype):
    response = withdraw(client, issuer, 1, content=content, name=name, mimetype=mimetype)
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]
    assert states(runtime_app)[1] == "successful"


def test_a_waitlisted_cannot_withdraw(client, issuer, runtime_app):
    assert withdraw(client, issuer, 5).status_code == 409


def test_a_central_admin_skips_with_a_recorded_reason(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200  # 4 promoted
    url = f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(4)}/skip"
    assert client.post(url, headers=headers(issuer), json={"reason": "x"}).status_code == 403  # a head may not
    assert client.post(url, headers=headers(issuer, ADMIN), json={"reason": ""}).status_code == 422
    response = client.post(url, headers=headers(issuer, ADMIN), json={"reason": "Δεν απάντησε σε τρεις κλήσεις."})
    assert response.status_code == 200, response.get_json()
    assert (states(runtime_app)[4], states(runtime_app)[5]) == ("waitlisted", "promoted")
    history = client.get(f"/v1/enrolment/programmes/{CODE}/entries/{teacher_id(4)}/history",
                         headers=headers(issuer, ADMIN)).get_json()
    assert [(h["action"], h["state"]) for h in history] == [
        ("allocation", "waitlisted"), ("promote", "promoted"), ("skip", "waitlisted")]
    assert history[-1]["reason"] == "Δεν απάντησε σε τρεις κλήσεις." and history[-1]["actor"] == "admin"
    assert withdraw(client, issuer, 2).status_code == 200  # the skipped one is first again for the next seat
    assert states(runtime_app)[4] == "promoted"


def test_a_later_allocation_never_undoes_what_was_done(client, issuer, runtime_app):
    assert enrol(client, issuer, 2).status_code == 200
    assert withdraw(client, issuer, 1).status_code == 200  # 4 promoted
    open_programme(runtime_app, phase="B", published_at="2026-10-21T10:00:00+03:00",
                   successful=(1, 2, 3, 9), waitlisted=(4, 5, 6, 7), capacity=4)
    assert states(runtime_app) == {1: "withdrawn", 2: "enrolled", 3: "successful", 4: "promoted",
                                   5: "waitlisted", 6: "waitlisted", 7: "waitlisted", 9: "successful"}
    with runtime_app.db.session() as s:
        assert s.get(EnrolmentProgramme, CODE).enrolled == 1
