"""After sign-in, a teacher whose GSIS confirmation is pending goes to identity's one-time confirmation."""
from __future__ import annotations

import pytest

from conftest import query

ME = "/api/identity/v1/me"
FLOWS = "/api/identity/v1/gsis/flows"
GSIS = "http://gsis.test/oauth2server/oauth/authorize?state=s-1"
BINDING = "epi_gsis_flow=binding-1; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax"


def sign_in(client, web, issuer, monkeypatch, *roles):
    response = client.get("/auth/login?next=/application")
    state = query(response.headers["Location"])["state"]
    access = issuer.token("teacher-1", list(roles), name="ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ")
    monkeypatch.setattr(web.oidc, "exchange", lambda code, verifier, nonce: {
        "access_token": access, "expires_in": 300, "refresh_token": "r-1", "id_token": "i-1"})
    return client.get(f"/auth/callback?code=c-1&state={state}"), access


def test_a_teacher_not_yet_confirmed_at_gsis_is_sent_to_the_confirmation(client, web, issuer, gateway, monkeypatch):
    gateway.on("GET", ME, 200, {"has_account": True, "gsis_verified_at": None})
    gateway.on("POST", FLOWS, 201, {"authorize_url": GSIS, "state": "s-1", "binding": "binding-1"},
               headers={"Set-Cookie": BINDING})
    response, access = sign_in(client, web, issuer, monkeypatch, "teacher")
    assert response.status_code == 303 and response.headers["Location"] == GSIS
    cookies = response.headers.getlist("Set-Cookie")
    assert BINDING in cookies  # identity's flow binding, for its GSIS return page on this origin
    assert any(c.startswith(web.settings.cookie_name + "=") for c in cookies)  # and signed in meanwhile
    started = next(c for c in gateway.calls if c["path"] == FLOWS)
    assert started["body"] == {"purpose": "confirm"} and started["headers"]["Authorization"] == f"Bearer {access}"


@pytest.mark.parametrize("me", [{"has_account": True, "gsis_verified_at": "2026-03-01T10:00:00+00:00"},
                                {"has_account": False, "gsis_verified_at": None}])
def test_a_confirmed_teacher_or_one_without_an_account_goes_where_they_were_going(client, web, issuer, gateway,
                                                                                monkeypatch, me):
    gateway.on("GET", ME, 200, me)
    response, _ = sign_in(client, web, issuer, monkeypatch, "teacher")
    assert response.status_code == 303 and response.headers["Location"] == "/application"
    assert [c["path"] for c in gateway.calls] == [ME]


def test_other_roles_are_not_asked_and_a_failure_to_ask_never_stops_the_sign_in(client, web, issuer, gateway,
                                                                               monkeypatch):
    response, _ = sign_in(client, web, issuer, monkeypatch, "kse-head")
    assert response.headers["Location"] == "/application" and gateway.calls == []
    gateway.on("GET", ME, 503, {"title": "Μη διαθέσιμη"})
    response, _ = sign_in(client, web, issuer, monkeypatch, "teacher")
    assert response.status_code == 303 and response.headers["Location"] == "/application"


def test_the_api_client_keeps_no_cookie_of_one_person_for_the_next(web):
    from http.client import HTTPMessage

    import requests
    from requests.cookies import MockRequest, MockResponse, RequestsCookieJar

    sent = MockRequest(requests.Request("POST", "http://127.0.0.1:8000/api/identity/v1/gsis/flows").prepare())
    answer = HTTPMessage()
    answer["Set-Cookie"] = BINDING
    ordinary = RequestsCookieJar()
    ordinary.extract_cookies(MockResponse(answer), sent)
    assert len(ordinary) == 1  # what a requests.Session would keep and send with every later call
    web.api.http.cookies.extract_cookies(MockResponse(answer), sent)
    assert len(web.api.http.cookies) == 0
