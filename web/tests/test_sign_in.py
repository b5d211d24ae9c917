"""Sign-in, sessions and sign-out of the BFF: tokens stay on the server, the browser gets one strict cookie."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from web_client.models import WebSession
from web_client.oidc import SignInFailed
from web_client.sessions import digest, now

from conftest import query


def start_login(client, next_path="/periods"):
    response = client.get(f"/auth/login?next={next_path}")
    assert response.status_code == 303
    return response, query(response.headers["Location"])


def test_sign_in_sends_the_browser_to_the_issuer_with_pkce(client, web):
    response, params = start_login(client)
    assert response.headers["Location"].startswith("http://issuer.test/realms/epimorfosi/auth?")
    assert params["client_id"] == "epimorfosi-bff" and params["response_type"] == "code"
    assert params["redirect_uri"] == "https://web.test/auth/callback"
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
    assert params["state"] and params["nonce"]
    assert params["ui_locales"] == "el"  # Keycloak's page in Greek, whatever the browser's language
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


def test_callback_opens_a_server_side_session_behind_a_strict_cookie(client, web, issuer, monkeypatch):
    _, params = start_login(client)
    access = issuer.token("admin-1", ["central-admin"], name="ΑΝΤΩΝΙΟΣ ΔΗΜΗΤΡΙΟΥ")
    seen = {}

    def exchange(code, verifier, nonce):
        seen.update(code=code, verifier=verifier, nonce=nonce)
        return {"access_token": access, "expires_in": 300, "refresh_token": "refresh-token-of-this-test", "id_token": "i-1"}

    monkeypatch.setattr(web.oidc, "exchange", exchange)
    response = client.get(f"/auth/callback?code=the-code&state={params['state']}")
    assert response.status_code == 303 and response.headers["Location"] == "/periods"
    assert seen["code"] == "the-code" and seen["nonce"] == params["nonce"]
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-epi_session="))
    for flag in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/"):
        assert flag in cookie
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    assert access not in cookie and "refresh-token-of-this-test" not in cookie  # the tokens never reach the browser
    with web.sessions.db.session() as s:
        row = s.scalar(select(WebSession))
        assert row.id_hash == digest(value) and row.access_token == access  # only the hash is stored as key
        assert row.roles == "central-admin" and row.display_name == "ΑΝΤΩΝΙΟΣ ΔΗΜΗΤΡΙΟΥ"
    # The callback is used up: the same state does not open a second session.
    again = client.get(f"/auth/callback?code=the-code&state={params['state']}")
    assert again.status_code == 400  # the login cookie was cleared with the first callback


def test_a_callback_started_in_another_browser_is_refused(client, web, app):
    _, params = start_login(client)
    other = app.test_client()
    assert other.get(f"/auth/callback?code=c&state={params['state']}").status_code == 400


def test_a_refused_code_opens_no_session(client, web, monkeypatch):
    _, params = start_login(client)

    def refuse(*_args):
        raise SignInFailed("invalid_grant")

    monkeypatch.setattr(web.oidc, "exchange", refuse)
    assert client.get(f"/auth/callback?code=c&state={params['state']}").status_code == 400
    with web.sessions.db.session() as s:
        assert s.scalar(select(WebSession)) is None


def test_no_session_signs_in_and_comes_back_to_the_page(client):
    response = client.get("/centres?page=2")
    assert response.status_code == 303
    assert response.headers["Location"] == "/auth/login?next=%2Fcentres%3Fpage%3D2"
    htmx = client.get("/centres", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Redirect"] == "/auth/login?next=%2Fcentres"  # htmx cannot follow to the issuer


def test_sign_in_never_returns_to_another_site(client):
    for target in ("https://evil.test/", "//evil.test/x", "/\\evil.test"):
        _, params = start_login(client, target)
        attempt = client.application.extensions["web_client"].sessions.finish_login(params["state"])
        assert attempt.return_to == "/"


def test_an_expiring_access_token_is_refreshed_before_the_api_call(client, web, gateway, signed_in, issuer, monkeypatch):
    signed_in("central-admin", expires_in=10)  # within the refresh margin
    fresh = issuer.token("person-1", ["central-admin"])
    monkeypatch.setattr(web.oidc, "refresh", lambda token: {"access_token": fresh, "expires_in": 300,
                                                             "refresh_token": "refresh-2"})
    gateway.on("GET", "/api/applications/v1/periods", 200, [])
    assert client.get("/periods").status_code == 200
    assert gateway.calls[-1]["headers"]["Authorization"] == f"Bearer {fresh}"
    with web.sessions.db.session() as s:
        row = s.scalar(select(WebSession))
        assert row.refresh_token == "refresh-2" and row.access_token == fresh


def test_a_refused_refresh_ends_the_session_and_signs_in_again(client, web, gateway, signed_in, monkeypatch):
    signed_in("central-admin", expires_in=5)

    def refuse(_token):
        raise SignInFailed("session not active")

    monkeypatch.setattr(web.oidc, "refresh", refuse)
    response = client.get("/periods")
    assert response.status_code == 303 and response.headers["Location"] == "/auth/login?next=%2Fperiods"
    assert gateway.calls == []
    with web.sessions.db.session() as s:
        assert s.scalar(select(WebSession)) is None


def test_an_idle_session_is_over(client, web, signed_in):
    row = signed_in("central-admin")
    with web.sessions.db.session() as s, s.begin():
        s.get(WebSession, row.id_hash).last_seen_at = now() - timedelta(seconds=web.settings.session_idle_seconds + 1)
    assert client.get("/periods").status_code == 303


def test_sign_out_ends_the_session_here_and_at_the_issuer(client, web, signed_in):
    row = signed_in("kse-head", centre_id="KSE-0001")
    response = client.post("/auth/logout", data={"csrf_token": row.csrf_token})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("http://issuer.test/realms/epimorfosi/logout?")
    params = query(location)
    assert params["id_token_hint"] == "id-token-1" and params["post_logout_redirect_uri"] == "https://web.test/"
    assert any(c.startswith("__Host-epi_session=;") for c in response.headers.getlist("Set-Cookie"))
    with web.sessions.db.session() as s:
        assert s.get(WebSession, row.id_hash) is None


def test_signing_in_clears_sessions_left_idle_by_others(web, signed_in):
    from epimorfosi_platform.auth import principal_from_claims

    old = signed_in("teacher")
    with web.sessions.db.session() as s, s.begin():
        s.get(WebSession, old.id_hash).last_seen_at = now() - timedelta(seconds=web.settings.session_idle_seconds + 5)
    web.sessions.create(principal_from_claims({"sub": "p-2", "realm_access": {"roles": []}}),
                        {"access_token": "a", "expires_in": 60})
    with web.sessions.db.session() as s:
        assert s.get(WebSession, old.id_hash) is None
        assert len(s.scalars(select(WebSession)).all()) == 1
