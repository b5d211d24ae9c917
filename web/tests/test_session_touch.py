"""A session's last_seen_at is written about once a minute, not on every request: the idle timeout
stays right to the minute and a page view costs no database write."""
from __future__ import annotations

from datetime import timedelta

from web_client.models import WebSession
from web_client.sessions import SessionStore, now


def last_seen(web, row):
    with web.sessions.db.session() as s:
        return s.get(WebSession, row.id_hash).last_seen_at


def set_last_seen(web, row, moment):
    with web.sessions.db.session() as s, s.begin():
        s.get(WebSession, row.id_hash).last_seen_at = moment


def test_requests_within_a_minute_do_not_write_last_seen(client, web, signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods", 200, [])
    row = signed_in("central-admin")
    recent = now() - timedelta(seconds=30)
    set_last_seen(web, row, recent)
    assert client.get("/periods").status_code == 200
    assert last_seen(web, row) == recent.replace(tzinfo=last_seen(web, row).tzinfo)


def test_a_request_after_a_minute_writes_last_seen(client, web, signed_in, gateway):
    gateway.on("GET", "/api/applications/v1/periods", 200, [])
    row = signed_in("central-admin")
    set_last_seen(web, row, now() - timedelta(seconds=61))
    before = now()
    assert client.get("/periods").status_code == 200
    seen = last_seen(web, row)
    assert seen.replace(tzinfo=None) >= before.replace(tzinfo=None)


def test_a_short_idle_time_is_touched_at_half_of_it(web):
    assert SessionStore(web.sessions.db, 30).touch == timedelta(seconds=15)
    assert SessionStore(web.sessions.db, 1800).touch == timedelta(seconds=60)
