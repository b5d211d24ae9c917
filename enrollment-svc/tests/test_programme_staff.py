"""resources.trainer.changed.v1 -> the trainers read model; /v1/trainers and a programme's staff
(/v1/programmes/<code>/staff): who assigns, active trainers only, another centre 404."""
import pytest
from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.events import Event
from sqlalchemy import select

from enrollment_svc_helpers import (ENROLMENT_CODE as CODE, NOW, RESOURCES_EVENTS, TRAINER_CHANGED, feed_resources,
                                    open_programme, trainer_changed)
from enrollment_svc.models import ProgrammeTrainer, Trainer
from enrollment_svc.staff.rules import staff_text, trainer_problems

OTHER = "2026-B2-4-IIa-B2.4-ΑΡΚΑΔΙΑΣ-009"  # at KSE-0002
WHO = {
    "admin": ("admin", ["central-admin"], {}),
    "head": ("head-1", ["kse-head"], {"centre_id": "KSE-0001"}),
    "coordinator": ("coord-1", ["coordinator"], {"centre_id": "KSE-0001"}),
    "teacher": ("t-1", ["teacher"], {}),
}
BODY = {"coordinator": {"afm": "123456783", "surname": "ΠΑΠΑΔΟΠΟΥΛΟΣ", "name": "ΓΕΩΡΓΙΟΣ"},
        "technical_lead": {"afm": "094259216", "surname": "ΝΙΚΟΛΑΟΥ", "name": "ΜΑΡΙΑ"},
        "trainer_ids": [7, 8]}


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    open_programme(runtime, code=OTHER, centre="KSE-0002", successful=(11, 12), waitlisted=(13,))
    feed_resources(runtime, trainer_changed(trainer_id=7), trainer_changed(trainer_id=8, surname="ΑΝΤΩΝΙΟΥ", name="ΝΙΚΟΣ"),
                   trainer_changed(trainer_id=9, surname="ΖΗΣΗ", active=False, version=2))
    return runtime


def headers(issuer, who):
    subject, roles, claims = WHO[who]
    return issuer.headers(subject, roles, **claims)


def trainers(runtime):
    with runtime.db.session() as s:
        return {t.trainer_id: (t.surname, t.active, t.version) for t in s.scalars(select(Trainer))}


def test_the_trainer_event_twice_and_an_older_version_change_nothing(runtime):
    event = trainer_changed(trainer_id=7, version=3, surname="ΝΕΟ")
    assert feed_resources(runtime, event, event) == [True, False]
    feed_resources(runtime, trainer_changed(trainer_id=7, version=2, surname="ΠΑΛΙΟ", active=False))
    assert trainers(runtime) == {7: ("ΝΕΟ", True, 3)}
    feed_resources(runtime, trainer_changed(trainer_id=7, version=4, active=False))
    assert trainers(runtime)[7][1:] == (False, 4)


def test_the_producers_example_is_accepted(runtime):
    from epimorfosi_platform.events import validate_example
    assert feed_resources(runtime, Event.from_envelope(validate_example(RESOURCES_EVENTS, TRAINER_CHANGED))) == [True]
    assert trainers(runtime)[7][0] == "ΠΑΠΑΔΟΠΟΥΛΟΥ"


def test_the_head_assigns_the_staff_and_everyone_of_the_centre_reads_it(client, issuer, runtime_app):
    response = client.put(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "head"), json=BODY)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["coordinator"] == BODY["coordinator"]
    assert [t["trainer_id"] for t in body["trainers"]] == [7, 8]
    read = client.get(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "coordinator"))
    assert read.status_code == 200 and read.get_json()["technical_lead"]["surname"] == "ΝΙΚΟΛΑΟΥ"
    again = client.put(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "head"), json={**BODY, "trainer_ids": [8]})
    assert [t["trainer_id"] for t in again.get_json()["trainers"]] == [8]
    with runtime_app.db.session() as s:
        assert s.scalars(select(ProgrammeTrainer.trainer_id).where(ProgrammeTrainer.programme_code == CODE)).all() == [8]


@pytest.mark.parametrize("trainer_ids, message", [([9], "δεν είναι ενεργός"), ([7, 99], "δεν υπάρχει"),
                                                   ([7, 7], "μία φορά")])
def test_inactive_unknown_or_repeated_trainers_are_refused(client, issuer, runtime_app, trainer_ids, message):
    response = client.put(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "head"),
                          json={**BODY, "trainer_ids": trainer_ids})
    assert response.status_code == 422
    assert any(message in problem for problem in response.get_json()["errors"]["trainer_ids"])
    assert client.get(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "head")).status_code == 404


def test_an_invalid_afm_is_refused(client, issuer, runtime_app):
    body = {**BODY, "coordinator": {**BODY["coordinator"], "afm": "123456789"}}
    assert client.put(f"/v1/programmes/{CODE}/staff", headers=headers(issuer, "head"), json=body).status_code == 422


# who, programme -> PUT, GET (after the admin assigned both)
MATRIX = [("admin", CODE, 200, 200), ("admin", OTHER, 200, 200), ("head", CODE, 200, 200), ("head", OTHER, 404, 404),
          ("coordinator", CODE, 403, 200), ("coordinator", OTHER, 403, 404), ("teacher", CODE, 403, 403)]


@pytest.mark.parametrize("who, code, put, get", MATRIX)
def test_access_matrix(client, issuer, runtime_app, who, code, put, get):
    for programme in (CODE, OTHER):
        assert client.put(f"/v1/programmes/{programme}/staff", headers=headers(issuer, "admin"), json=BODY).status_code == 200
    assert client.put(f"/v1/programmes/{code}/staff", headers=headers(issuer, who), json=BODY).status_code == put
    assert client.get(f"/v1/programmes/{code}/staff", headers=headers(issuer, who)).status_code == get


def test_the_register_lists_trainers_by_cluster_and_activity(client, issuer, runtime_app):
    response = client.get("/v1/trainers?active=true", headers=headers(issuer, "head"))
    assert response.status_code == 200
    assert [t["trainer_id"] for t in response.get_json()] == [8, 7]  # by surname
    assert client.get("/v1/trainers?cluster=B2.1", headers=headers(issuer, "head")).get_json() == []
    assert client.get("/v1/trainers", headers=headers(issuer, "coordinator")).status_code == 403


def test_rules():
    assert trainer_problems([7], {7: True}) == []
    assert trainer_problems([], {}) == ["Ορίστε τουλάχιστον έναν/μία επιμορφωτή/τρια."]
    assert staff_text("Α Β", None, ["Γ Δ", "Ε Ζ"]) == "Συντονιστής/τρια: Α Β · Επιμορφωτές: Γ Δ, Ε Ζ"
    assert staff_text(None, None, []) == ""
