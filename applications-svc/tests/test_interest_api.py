"""Expression of interest («Επιλογή/Κατανομή συστάδων»): the two lists, «Συμφωνώ», «Καταχώριση
επιλογών», «Οριστική υποβολή» (13 clusters, certified room, final, safe against doubles)."""
import os
import threading

import pytest

from applications_svc_helpers import (
    ALL_B2, add_room, admin, interest_url, kse_head, open_period, outbox, register_centre, submit_full,
)
from epimorfosi_platform.events import validate_example


@pytest.fixture
def period_id(client, app, issuer, clock):
    register_centre(app)
    add_room(app)
    return open_period(client, issuer)


def codes(view, key="chosen"):
    return [c["code"] for c in view[key]]


def test_the_two_list_interaction(client, issuer, period_id):
    h = kse_head(issuer)
    view = client.get(interest_url(period_id), headers=h).get_json()
    assert codes(view, "available") == ALL_B2 and view["chosen"] == [] and view["status"] == "draft"
    assert view["required_clusters"] == 13 and len(view["declarations"]) >= 1
    view = client.post(interest_url(period_id, tail="/choices"), json={"cluster": "B2.4"}, headers=h).get_json()
    view = client.post(interest_url(period_id, tail="/choices"), json={"cluster": "B2.5"}, headers=h).get_json()
    view = client.post(interest_url(period_id, tail="/choices"), json={"cluster": "B2.3", "position": 1},
                       headers=h).get_json()
    assert codes(view) == ["B2.3", "B2.4", "B2.5"] and [c["rank"] for c in view["chosen"]] == [1, 2, 3]
    assert "B2.4" not in codes(view, "available")
    view = client.post(interest_url(period_id, tail="/choices/B2.5/move"), json={"direction": "up"}, headers=h).get_json()
    assert codes(view) == ["B2.3", "B2.5", "B2.4"]
    view = client.post(interest_url(period_id, tail="/choices/B2.3/move"), json={"direction": "up"}, headers=h).get_json()
    assert codes(view) == ["B2.3", "B2.5", "B2.4"]  # first stays first
    view = client.post(interest_url(period_id, tail="/choices/B2.3/move"), json={"position": 3}, headers=h).get_json()
    assert codes(view) == ["B2.5", "B2.4", "B2.3"]
    view = client.delete(interest_url(period_id, tail="/choices/B2.4"), headers=h).get_json()
    assert codes(view) == ["B2.5", "B2.3"]
    view = client.post(interest_url(period_id, tail="/choices/all"), headers=h).get_json()
    assert codes(view) == ["B2.5", "B2.3"] + [c for c in ALL_B2 if c not in ("B2.5", "B2.3")]
    assert view["available"] == []
    view = client.delete(interest_url(period_id, tail="/choices"), headers=h).get_json()
    assert view["chosen"] == [] and codes(view, "available") == ALL_B2


def test_bad_changes_are_422_in_greek(client, issuer, period_id):
    h = kse_head(issuer)
    client.post(interest_url(period_id, tail="/choices"), json={"cluster": "B2.4"}, headers=h)
    for method, tail, body, words in [
        ("post", "/choices", {"cluster": "B2.4"}, "ήδη"),
        ("post", "/choices", {"cluster": "B1.4"}, "δεν ανήκει"),  # a B1 cluster in a B2 call
        ("post", "/choices", {"cluster": "B2.1", "position": 5}, "θέση"),
        ("delete", "/choices/B2.9", None, "δεν είναι"),
        ("post", "/choices/B2.9/move", {"direction": "up"}, "δεν είναι"),
    ]:
        response = getattr(client, method)(interest_url(period_id, tail=tail), json=body, headers=h)
        assert response.status_code == 422, (tail, body)
        assert words in response.get_json()["detail"]
    response = client.post(interest_url(period_id, tail="/choices/B2.4/move"), json={}, headers=h)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"


def test_roles_and_scope(client, issuer, period_id):
    url = interest_url(period_id, tail="/choices")
    assert client.post(url, json={"cluster": "B2.1"}).status_code == 401
    assert client.post(url, json={"cluster": "B2.1"}, headers=kse_head(issuer, "KSE-0002")).status_code == 403
    assert client.post(url, json={"cluster": "B2.1"}, headers=issuer.headers("t", ["teacher"])).status_code == 403
    assert client.post(url, json={"cluster": "B2.1"}, headers=admin(issuer)).status_code == 403  # only the KSE head
    assert client.get(interest_url(period_id), headers=admin(issuer)).status_code == 200
    assert client.get(interest_url(period_id), headers=kse_head(issuer, "KSE-0002")).status_code == 403
    assert client.get(interest_url(999), headers=kse_head(issuer)).status_code == 404


def test_declarations_must_be_accepted_before_saving(client, issuer, period_id):
    h = kse_head(issuer)
    response = client.put(interest_url(period_id), json={"clusters": ALL_B2, "declarations_accepted": False}, headers=h)
    assert response.status_code == 422 and "Συμφωνώ" in response.get_json()["detail"]
    client.post(interest_url(period_id, tail="/choices/all"), headers=h)
    response = client.post(interest_url(period_id, tail="/save"), headers=h)
    assert response.status_code == 422 and "Συμφωνώ" in response.get_json()["detail"]
    view = client.put(interest_url(period_id, tail="/declarations"), json={"accepted": True}, headers=h).get_json()
    assert view["declarations_accepted"] is True and view["saved"] is False
    view = client.post(interest_url(period_id, tail="/save"), headers=h).get_json()
    assert view["saved"] is True and view["can_submit"] is True and view["submit_blockers"] == []
    # a change after «Καταχώριση επιλογών» needs saving again before the final submission
    view = client.post(interest_url(period_id, tail="/choices/B2.13/move"), json={"position": 1}, headers=h).get_json()
    assert view["saved"] is False and view["can_submit"] is False
    response = client.post(interest_url(period_id, tail="/submit"), json={"confirm": True}, headers=h)
    assert response.status_code == 422 and "Καταχώριση" in response.get_json()["detail"]


def test_final_submission_needs_the_required_number_of_clusters(client, app, issuer, period_id):
    h = kse_head(issuer)
    client.put(interest_url(period_id), json={"clusters": ALL_B2[:12], "declarations_accepted": True}, headers=h)
    response = client.post(interest_url(period_id, tail="/submit"), json={"confirm": True}, headers=h)
    assert response.status_code == 422
    assert "12" in response.get_json()["detail"] and "13" in response.get_json()["detail"]
    assert outbox(app, "applications.interest.submitted.v1") == []
    response = client.post(interest_url(period_id, tail="/submit"), json={"confirm": False}, headers=h)
    assert response.status_code == 422  # «Όχι»


def test_the_call_may_require_fewer_clusters(client, app, issuer, clock):
    register_centre(app)
    add_room(app)
    period_id = open_period(client, issuer, required_clusters=3)
    view = submit_full(client, issuer, period_id, clusters=["B2.4", "B2.5", "B2.3"])
    assert view["status"] == "submitted"


def test_final_submission_needs_a_certified_room(client, app, issuer, clock):
    register_centre(app, "KSE-0002")
    add_room(app, "KSE-0002", room_id=77, usable=False)
    period_id = open_period(client, issuer)
    h = kse_head(issuer, "KSE-0002")
    client.put(interest_url(period_id, "KSE-0002"), json={"clusters": ALL_B2, "declarations_accepted": True}, headers=h)
    response = client.post(interest_url(period_id, "KSE-0002", "/submit"), json={"confirm": True}, headers=h)
    assert response.status_code == 422 and "πιστοποιημένη αίθουσα" in response.get_json()["detail"]
    add_room(app, "KSE-0002", room_id=78, usable=True)  # resources-svc reports a certified room
    response = client.post(interest_url(period_id, "KSE-0002", "/submit"), json={"confirm": True}, headers=h)
    assert response.status_code == 200


def test_submission_is_final_and_emits_the_a2_event(client, app, issuer, period_id, clock):
    h = kse_head(issuer)
    view = submit_full(client, issuer, period_id, clusters=list(reversed(ALL_B2)))
    assert view["status"] == "submitted" and view["read_only"] is True and view["submitted_at"]
    assert view["random_number"] is None  # given by the public draw
    for method, tail, body in [("post", "/choices", {"cluster": "B2.1"}), ("delete", "/choices", None),
                               ("post", "/choices/B2.1/move", {"direction": "up"}), ("post", "/choices/all", None),
                               ("put", "/declarations", {"accepted": False}), ("post", "/save", None),
                               ("put", "", {"clusters": ALL_B2, "declarations_accepted": True}),
                               ("post", "/submit", {"confirm": True})]:
        response = getattr(client, method)(interest_url(period_id, tail=tail), json=body, headers=h)
        assert response.status_code == 409, tail
        assert response.get_json()["type"].endswith("interest-submitted")
    [event] = outbox(app, "applications.interest.submitted.v1")
    data = event["data"]
    assert data["centre_code"] == "KSE-0001" and data["centre_name"] == "ΚΣΕ KSE-0001"
    assert [c["code"] for c in data["clusters"]] == list(reversed(ALL_B2))
    assert data["clusters"][0] == {"rank": 1, "code": "B2.13", "name": "ΕΙΔΙΚΗ ΑΓΩΓΗ"}
    assert data["declarations_accepted"] is True and data["period_name"] == "7η Περίοδος Β1 - 4η Περίοδος Β2"
    audit = client.get(f"/v1/periods/{period_id}/audit", headers=admin(issuer)).get_json()
    assert [a["action"] for a in audit] == ["interest.submitted"]


def test_every_published_event_has_an_example_that_matches_its_schema():
    from applications_svc import SERVICE

    def types(suffix):
        return {p.name.removesuffix(suffix) for p in SERVICE.events_dir.glob(f"*{suffix}")}

    assert types(".schema.json") == types(".example.json") == {
        "applications.allocation.published.v1", "applications.interest.submitted.v1",
        "applications.lottery.drawn.v1", "applications.period.opened.v1", "applications.programme.created.v1",
        "applications.teacher_application.saved.v1"}
    for event_type in types(".schema.json"):
        validate_example(SERVICE.events_dir, event_type)


def test_unknown_centre_cannot_submit(client, app, issuer, clock):
    period_id = open_period(client, issuer)
    h = kse_head(issuer, "KSE-0005")
    client.put(interest_url(period_id, "KSE-0005"), json={"clusters": ALL_B2, "declarations_accepted": True}, headers=h)
    response = client.post(interest_url(period_id, "KSE-0005", "/submit"), json={"confirm": True}, headers=h)
    assert response.status_code == 409 and response.get_json()["type"].endswith("centre-unknown")


@pytest.mark.skipif(not os.environ.get("EPI_PG_URL_BASE"), reason="needs PostgreSQL (EPI_PG_URL_BASE)")
def test_double_final_submission_from_two_threads_is_safe(app, issuer, period_id):
    h = kse_head(issuer)
    client = app.test_client()
    client.put(interest_url(period_id), json={"clusters": ALL_B2, "declarations_accepted": True}, headers=h)
    barrier = threading.Barrier(2)
    statuses = []

    def submit():
        c = app.test_client()
        barrier.wait()
        statuses.append(c.post(interest_url(period_id, tail="/submit"), json={"confirm": True}, headers=h).status_code)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 409]
    assert len(outbox(app, "applications.interest.submitted.v1")) == 1


@pytest.mark.skipif(not os.environ.get("EPI_PG_URL_BASE"), reason="needs PostgreSQL (EPI_PG_URL_BASE)")
def test_a_change_racing_the_final_submission_never_slips_in(app, issuer, period_id):
    h = kse_head(issuer)
    app.test_client().put(interest_url(period_id), json={"clusters": ALL_B2, "declarations_accepted": True}, headers=h)
    barrier = threading.Barrier(2)
    results = {}

    def submit():
        c = app.test_client()
        barrier.wait()
        results["submit"] = c.post(interest_url(period_id, tail="/submit"), json={"confirm": True}, headers=h).status_code

    def change():
        c = app.test_client()
        barrier.wait()
        results["change"] = c.delete(interest_url(period_id, tail="/choices/B2.1"), headers=h).status_code

    threads = [threading.Thread(target=submit), threading.Thread(target=change)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    view = app.test_client().get(interest_url(period_id), headers=h).get_json()
    if results["submit"] == 200:
        assert results["change"] == 409 and len(view["chosen"]) == 13
    else:
        assert results["change"] == 200 and results["submit"] in (409, 422) and view["status"] == "draft"
