"""Staff lists per centre and period: CRUD within the staff window, unique people, the final
submission with its cross-check against the minutes, and its event."""
import pytest

from resources_svc_staff_helpers import (
    AFTER_CALL, COORDINATOR, STAFF, TECHNICAL_LEAD, outbox_events, pdf, set_clock, upload,
)

SUBMISSION = "/v1/centres/KSE-0001/periods/7/staff-submission"


pytestmark = pytest.mark.usefixtures("centres_in_open_call")


def test_head_adds_modifies_lists_and_deletes_members(client, head):
    created = client.post(STAFF, json=COORDINATOR, headers=head)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert {k: body[k] for k in COORDINATOR} == COORDINATOR
    assert (body["role_label"], body["membership_label"], body["confirmed"]) == ("Συντονιστής", "Τακτικό μέλος", False)
    assert client.post(STAFF, json=TECHNICAL_LEAD, headers=head).status_code == 201

    changed = client.put(f"{STAFF}/{body['id']}", json=dict(COORDINATOR, membership="substitute", phone="6900000000"),
                         headers=head)
    assert changed.status_code == 200 and changed.get_json()["membership"] == "substitute"
    assert changed.get_json()["updated_at"] is not None
    listed = client.get(STAFF, headers=head).get_json()
    assert [(m["role"], m["surname"]) for m in listed] == [("coordinator", "Παπαδόπουλος"), ("technical-lead", "Νικολάου")]
    only = client.get(STAFF, query_string={"role": "technical-lead"}, headers=head).get_json()
    assert [m["surname"] for m in only] == ["Νικολάου"]

    assert client.delete(f"{STAFF}/{body['id']}", headers=head).status_code == 204
    assert client.get(f"{STAFF}/{body['id']}", headers=head).status_code == 404
    assert [m["surname"] for m in client.get(STAFF, headers=head).get_json()] == ["Νικολάου"]


def test_the_same_person_twice_on_one_list_is_refused_but_may_be_on_the_other(client, head):
    assert client.post(STAFF, json=COORDINATOR, headers=head).status_code == 201
    again = client.post(STAFF, json=dict(COORDINATOR, afm="123 456 783", membership="substitute"), headers=head)
    assert again.status_code == 409
    assert again.get_json()["type"] == "urn:epimorfosi:problem:staff-member-exists"
    assert "123456783" in again.get_json()["detail"] and "Προσωπικό Συντονισμού" in again.get_json()["detail"]
    assert client.post(STAFF, json=dict(COORDINATOR, role="technical-lead"), headers=head).status_code == 201
    other = client.post(STAFF, json=TECHNICAL_LEAD, headers=head).get_json()
    moved = client.put(f"{STAFF}/{other['id']}", json=dict(TECHNICAL_LEAD, afm="123456783"), headers=head)
    assert moved.status_code == 409


def test_invalid_members_are_422_in_greek(client, app, head):
    cases = [
        (dict(COORDINATOR, afm="123456789"), "afm", "Μη έγκυρος ΑΦΜ: το ψηφίο ελέγχου δεν είναι σωστό."),
        (dict(COORDINATOR, role="trainer"), "role", "Μη αποδεκτή τιμή: επιλέξτε από τη λίστα."),
        (dict(COORDINATOR, membership="x"), "membership", "Μη αποδεκτή τιμή: επιλέξτε από τη λίστα."),
        (dict(COORDINATOR, email="όχι"), "email", "Μη έγκυρη διεύθυνση e-mail."),
        (dict(COORDINATOR, phone="12"), "phone", "Τηλέφωνο: 10 έως 15 ψηφία."),
        (dict(COORDINATOR, surname="  "), "surname", "Από 1 έως 100 χαρακτήρες."),
    ]
    for body, field, message in cases:
        response = client.post(STAFF, json=body, headers=head)
        assert response.status_code == 422, body
        assert message in response.get_json()["errors"]["json"][field]
    assert client.get(STAFF, headers=head).get_json() == []


def test_outside_the_window_the_lists_are_read_only(client, app, head):
    member = client.post(STAFF, json=COORDINATOR, headers=head).get_json()
    for moment in ("2026-09-01T08:59:59+03:00", AFTER_CALL):
        set_clock(app, moment)
        for response in (client.post(STAFF, json=TECHNICAL_LEAD, headers=head),
                         client.put(f"{STAFF}/{member['id']}", json=COORDINATOR, headers=head),
                         client.delete(f"{STAFF}/{member['id']}", headers=head),
                         client.post(SUBMISSION, headers=head),
                         upload(client, head, pdf())):
            assert response.status_code == 409
            problem = response.get_json()
            assert problem["type"] == "urn:epimorfosi:problem:staff-window-closed"
            assert "01/09/2026 09:00" in problem["detail"] and "15/09/2026 23:59" in problem["detail"]
        assert len(client.get(STAFF, headers=head).get_json()) == 1
        assert client.get(SUBMISSION, headers=head).get_json()["editable"] is False


def test_unknown_period_and_member_are_404(client, head):
    assert client.get("/v1/centres/KSE-0001/periods/99/staff", headers=head).get_json()["type"] == \
        "urn:epimorfosi:problem:period-not-found"
    assert client.put(f"{STAFF}/999", json=COORDINATOR, headers=head).status_code == 404


def test_member_of_another_centre_is_not_reached_through_this_centre(client, admin, head):
    other = client.post("/v1/centres/KSE-0002/periods/7/staff", json=COORDINATOR, headers=admin).get_json()
    assert client.get(f"{STAFF}/{other['id']}", headers=head).status_code == 404
    assert client.delete(f"{STAFF}/{other['id']}", headers=head).status_code == 404


def test_submission_is_refused_until_everyone_is_confirmed_by_the_minutes(client, app, head):
    refused = client.post(SUBMISSION, headers=head)
    assert refused.status_code == 409 and refused.get_json()["type"] == "urn:epimorfosi:problem:staff-lists-empty"
    client.post(STAFF, json=COORDINATOR, headers=head)
    client.post(STAFF, json=TECHNICAL_LEAD, headers=head)
    refused = client.post(SUBMISSION, headers=head)
    assert refused.get_json()["type"] == "urn:epimorfosi:problem:minutes-missing"

    assert upload(client, head, pdf(), afms=["123456783"]).status_code == 200
    refused = client.post(SUBMISSION, headers=head)
    problem = refused.get_json()
    assert refused.status_code == 409 and problem["type"] == "urn:epimorfosi:problem:staff-not-confirmed"
    assert problem["errors"] == ["Νικολάου Μαρία (ΑΦΜ 094259216, Τεχνικοί Υπεύθυνοι)"]
    assert "Νικολάου Μαρία" in problem["detail"] and "Παπαδόπουλος" not in problem["detail"]
    assert client.get(SUBMISSION, headers=head).get_json()["submitted_at"] is None  # the refusal froze nothing
    assert outbox_events(app, "resources.staff.submitted.v1") == []

    assert upload(client, head, pdf(b"v2"), afms=["123456783", "094259216"]).status_code == 200
    assert all(m["confirmed"] for m in client.get(STAFF, headers=head).get_json())
    submitted = client.post(SUBMISSION, headers=head)
    assert submitted.status_code == 200, submitted.get_json()
    state = submitted.get_json()
    assert (state["submitted_by"], state["editable"]) == ("head-1", False)
    assert state["submitted_at"].startswith("2026-09-10T09:00:00")
    [event] = outbox_events(app, "resources.staff.submitted.v1")
    assert event["subject"] == "KSE-0001/7"
    assert event["data"]["centre_code"] == "KSE-0001" and event["data"]["period_id"] == 7
    assert [(m["role"], m["afm"], m["membership"]) for m in event["data"]["members"]] == [
        ("coordinator", "123456783", "regular"), ("technical-lead", "094259216", "substitute")]


def test_after_the_submission_the_lists_and_minutes_are_frozen(client, app, head):
    member = client.post(STAFF, json=COORDINATOR, headers=head).get_json()
    upload(client, head, pdf(), afms=["123456783"])
    assert client.post(SUBMISSION, headers=head).status_code == 200
    for response in (client.post(STAFF, json=TECHNICAL_LEAD, headers=head),
                     client.put(f"{STAFF}/{member['id']}", json=COORDINATOR, headers=head),
                     client.delete(f"{STAFF}/{member['id']}", headers=head),
                     client.post(SUBMISSION, headers=head),
                     upload(client, head, pdf(b"late"))):
        assert response.status_code == 409
        assert response.get_json()["type"] == "urn:epimorfosi:problem:staff-submitted"
        assert "έχουν υποβληθεί οριστικά" in response.get_json()["detail"]
    assert len(outbox_events(app, "resources.staff.submitted.v1")) == 1
    assert len(client.get(STAFF, headers=head).get_json()) == 1
