"""Offers of freed seats (offers slice): the first waitlisted is offered the seat until a deadline,
accepts or declines online (own entry only), declines with the e-mail's one-click link (single use),
and an expired offer moves on to the next waitlisted, once, by the sweep (task and CLI command)."""
import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from epimorfosi_platform.clock import SettableClock
from sqlalchemy import func, select

from enrollment_svc.enrolment.models import EnrolmentEntry, EntryHistory
from enrollment_svc.offers.sweep import expire_offers_now
from enrollment_svc_helpers import ENROLMENT_CODE as CODE, NOW, open_programme, teacher_id
from test_enrolment_api import HEAD, enrol, headers, outbox, states, withdraw


@pytest.fixture
def runtime_app(app):
    runtime = app.extensions["epimorfosi"]
    runtime.clock = SettableClock(NOW)
    open_programme(runtime)
    return runtime


def teacher(issuer, n):
    return issuer.headers(teacher_id(n), ["teacher"])


def act(client, issuer, n, what, code=CODE):
    return client.post(f"/v1/enrolment/my-entries/{code}/{what}", headers=teacher(issuer, n))


def offers_made(runtime):
    return outbox(runtime, "enrollment.offer.made.v1")


def test_a_freed_seat_is_offered_with_a_deadline_and_a_decline_link(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200
    [offer] = offers_made(runtime_app)
    assert offer["teacher_id"] == teacher_id(4) and offer["waitlist_position"] == 1
    offered_at = datetime.fromisoformat(NOW)
    assert datetime.fromisoformat(offer["expires_at"]) == offered_at + timedelta(hours=48)  # the default
    assert len(offer["decline_token"]) >= 40
    with runtime_app.db.session() as s:
        stored = s.get(EnrolmentEntry, (CODE, teacher_id(4)))
        assert stored.offer_token_digest != offer["decline_token"]  # only its digest is kept
    mine = client.get("/v1/enrolment/my-entries", headers=teacher(issuer, 4)).get_json()
    assert [(e["state"], e["live_position"]) for e in mine] == [("offered", None)]
    assert datetime.fromisoformat(mine[0]["offer_expires_at"]) == offered_at + timedelta(hours=48)
    # 5 was second on the waitlist; with 4 offered the seat, 5 is now next
    assert client.get("/v1/enrolment/my-entries", headers=teacher(issuer, 5)).get_json()[0]["live_position"] == 1


def test_the_offer_never_outlasts_the_enrolment_deadline(client, issuer, runtime_app):
    runtime_app.clock.set("2026-11-10T12:00:00+02:00")  # the deadline is 23:59 that day
    assert withdraw(client, issuer, 1).status_code == 200
    [offer] = offers_made(runtime_app)
    assert datetime.fromisoformat(offer["expires_at"]) == datetime.fromisoformat("2026-11-10T23:59:00+02:00")


def test_the_offered_teacher_accepts_only_their_own_offer(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200
    assert act(client, issuer, 5, "acceptance").status_code == 409  # 5 was not offered anything
    assert client.post(f"/v1/enrolment/my-entries/{CODE}/acceptance", headers=headers(issuer, HEAD)).status_code == 403
    response = act(client, issuer, 4, "acceptance")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["state"] == "promoted"
    assert act(client, issuer, 4, "acceptance").status_code == 409  # once
    assert enrol(client, issuer, 4).status_code == 200  # the centre enrols them as a successful one
    assert states(runtime_app)[4] == "enrolled"


def test_declining_offers_the_seat_to_the_next(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200
    response = act(client, issuer, 4, "refusal")
    assert response.status_code == 200 and response.get_json()["state"] == "declined"
    assert (states(runtime_app)[4], states(runtime_app)[5]) == ("declined", "offered")
    assert act(client, issuer, 4, "refusal").status_code == 409


def test_the_decline_link_works_once_without_logging_in(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200
    token = offers_made(runtime_app)[0]["decline_token"]
    info = client.get(f"/v1/enrolment/offer-links/{token}")
    assert info.status_code == 200 and info.get_json()["state"] == "offered"
    response = client.post(f"/v1/enrolment/offer-links/{token}/decline")
    assert response.status_code == 200, response.get_json()
    assert (states(runtime_app)[4], states(runtime_app)[5]) == ("declined", "offered")
    again = client.post(f"/v1/enrolment/offer-links/{token}/decline")
    assert again.status_code == 404 and "δεν ισχύει" in again.get_json()["detail"]
    assert client.post(f"/v1/enrolment/offer-links/{'x' * 43}/decline").status_code == 404
    assert client.get(f"/v1/enrolment/offer-links/{token}").status_code == 404
    with runtime_app.db.session() as s:
        [declined] = s.scalars(select(EntryHistory).where(EntryHistory.teacher_id == teacher_id(4),
                                                          EntryHistory.action == "decline")).all()
    assert declined.actor == teacher_id(4)


def test_an_expired_offer_moves_on_once(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200
    runtime_app.clock.set(datetime.fromisoformat(NOW) + timedelta(hours=48, seconds=1))
    assert act(client, issuer, 4, "acceptance").status_code == 409  # past its deadline, even before the sweep
    assert expire_offers_now(runtime_app) == 1
    assert (states(runtime_app)[4], states(runtime_app)[5]) == ("declined", "offered")
    events = len(outbox(runtime_app, "enrollment.candidate.status_changed.v1"))
    assert expire_offers_now(runtime_app) == 0  # nothing changes twice
    assert len(outbox(runtime_app, "enrollment.candidate.status_changed.v1")) == events
    assert [o["teacher_id"] for o in offers_made(runtime_app)] == [teacher_id(4), teacher_id(5)]
    with runtime_app.db.session() as s:
        expired = s.scalar(select(func.count()).select_from(EntryHistory).where(EntryHistory.action == "expire"))
    assert expired == 1


def test_the_expire_offers_command(settings, runtime_app, client, issuer):
    assert withdraw(client, issuer, 1).status_code == 200
    env = {**os.environ, "EPI_DATABASE_URL": settings.database_url, "EPI_BROKER_URL": "filesystem://",
           "EPI_BROKER_FS_DIR": settings.broker_fs_dir, "EPI_OIDC_ISSUER": settings.oidc_issuer,
           "EPI_OIDC_JWKS_URL": settings.oidc_jwks_url}
    command = [sys.executable, "-m", "enrollment_svc", "expire-offers"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "expire-offers: 1"  # the system clock is past the offer's deadline
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert second.stdout.strip() == "expire-offers: 0"
    assert states(runtime_app)[4] == "declined"


def test_the_same_answer_twice_with_an_idempotency_key_changes_nothing_twice(client, issuer, runtime_app):
    assert withdraw(client, issuer, 1).status_code == 200
    same = {**teacher(issuer, 4), "Idempotency-Key": "answer-1"}
    first = client.post(f"/v1/enrolment/my-entries/{CODE}/refusal", headers=same)
    again = client.post(f"/v1/enrolment/my-entries/{CODE}/refusal", headers=same)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert [o["teacher_id"] for o in offers_made(runtime_app)] == [teacher_id(4), teacher_id(5)]
