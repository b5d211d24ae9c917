"""The GSIS sandbox, alone (Flask test client) and with the real GsisClient over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from defusedxml import ElementTree as safe_et
from flask import Flask
from flask.testing import FlaskClient

from identity.gsis import GsisClient, GsisIdentity, GsisProtocolError, is_valid_afm
from identity.gsis.sandbox import (
    CODE_TTL_SECONDS,
    DEFAULT_CLIENT,
    DEFAULT_TAXPAYERS,
    SANDBOX_PASSWORD,
    TOKEN_TTL_SECONDS,
    SandboxClient,
    SandboxRefused,
    SandboxTaxpayer,
    create_sandbox_app,
    serve_sandbox,
)

CALLBACK = "http://127.0.0.1:8101/identity/gsis/callback"
AUTHORIZE = "/oauth2server/oauth/authorize"
TOKEN = "/oauth2server/oauth/token"
USERINFO = "/oauth2server/userinfo"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(clock: FakeClock) -> Flask:
    return create_sandbox_app(clock=clock)


@pytest.fixture
def web(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    with serve_sandbox(app) as url:
        yield url


@pytest.fixture
def gsis(base_url: str) -> Iterator[GsisClient]:
    with GsisClient(base_url, DEFAULT_CLIENT.client_id, DEFAULT_CLIENT.client_secret, timeout=5) as c:
        yield c


def login(
    http: requests.Session, authorize_url: str, username: str = "teacher1", password: str = SANDBOX_PASSWORD
) -> dict[str, list[str]]:
    """What a browser does, minus the clicking: post the credentials, read the redirect."""
    response = http.post(authorize_url, data={"username": username, "password": password}, allow_redirects=False)
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    assert location.startswith(CALLBACK)
    return parse_qs(urlsplit(location).query)


def authorize_query(**overrides: str) -> dict[str, str]:
    query = {
        "client_id": DEFAULT_CLIENT.client_id,
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "read",
        "state": "xyz",
    }
    query.update(overrides)
    return query


def get_code(web: FlaskClient, username: str = "teacher1", **query: str) -> str:
    response = web.post(
        AUTHORIZE, query_string=authorize_query(**query), data={"username": username, "password": SANDBOX_PASSWORD}
    )
    assert response.status_code == 302
    return parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]


def token_form(code: str, **overrides: str) -> dict[str, str]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "client_id": DEFAULT_CLIENT.client_id,
        "client_secret": DEFAULT_CLIENT.client_secret,
    }
    form.update(overrides)
    return form


# -- end to end over HTTP ------------------------------------------------------------


def test_full_flow_client_and_sandbox_over_http(gsis: GsisClient, base_url: str) -> None:
    with requests.Session() as browser:
        params = login(browser, gsis.authorize_url(CALLBACK, state="s-123"), "teacher1")
    assert params["state"] == ["s-123"]
    token = gsis.exchange_code(params["code"][0], CALLBACK)
    identity = gsis.fetch_userinfo(token)
    assert identity == GsisIdentity(
        userid="teacher1",
        afm="100000015",
        last_name="ΠΑΠΑΔΟΠΟΥΛΟΣ",
        first_name="ΓΕΩΡΓΙΟΣ",
        father_name="ΙΩΑΝΝΗΣ",
        mother_name="ΜΑΡΙΑ",
        birth_year=1980,
    )
    logout = requests.get(gsis.logout_url("http://127.0.0.1:8101/"), allow_redirects=False, timeout=5)
    assert logout.status_code == 302 and logout.headers["Location"] == "http://127.0.0.1:8101/"


def test_code_reuse_is_refused_and_revokes_the_token(gsis: GsisClient) -> None:
    with requests.Session() as browser:
        code = login(browser, gsis.authorize_url(CALLBACK, state="s"))["code"][0]
    token = gsis.exchange_code(code, CALLBACK)
    with pytest.raises(GsisProtocolError) as info:
        gsis.exchange_code(code, CALLBACK)
    assert info.value.code == "gsis.code_rejected"
    with pytest.raises(GsisProtocolError) as revoked:
        gsis.fetch_userinfo(token)
    assert revoked.value.code == "gsis.token_rejected"


def test_wrong_secret_is_refused_without_burning_the_code(base_url: str, gsis: GsisClient) -> None:
    with requests.Session() as browser:
        code = login(browser, gsis.authorize_url(CALLBACK, state="s"))["code"][0]
    with GsisClient(base_url, DEFAULT_CLIENT.client_id, "wrong-secret") as impostor:
        with pytest.raises(GsisProtocolError) as info:
            impostor.exchange_code(code, CALLBACK)
    assert info.value.code == "gsis.client_rejected"
    assert gsis.exchange_code(code, CALLBACK)


def test_redirect_uri_mismatch_is_refused(gsis: GsisClient) -> None:
    with requests.Session() as browser:
        code = login(browser, gsis.authorize_url(CALLBACK, state="s"))["code"][0]
    with pytest.raises(GsisProtocolError) as info:
        gsis.exchange_code(code, CALLBACK + "/other")
    assert info.value.code == "gsis.code_rejected"


def test_runtime_taxpayer_over_http(base_url: str, gsis: GsisClient) -> None:
    created = requests.post(
        f"{base_url}/sandbox/taxpayers",
        json={"username": "subst1", "afm": "044499990", "last_name": "ΒΛΑΧΟΥ", "first_name": "ΜΑΡΙΝΑ"},
        timeout=5,
    )
    assert created.status_code == 201 and "password" not in created.json()
    with requests.Session() as browser:
        code = login(browser, gsis.authorize_url(CALLBACK, state="s"), "subst1")["code"][0]
    identity = gsis.fetch_userinfo(gsis.exchange_code(code, CALLBACK))
    assert (identity.afm, identity.last_name, identity.birth_year, identity.father_name) == (
        "044499990",
        "ΒΛΑΧΟΥ",
        None,
        "",
    )


# -- authorize -----------------------------------------------------------------------


def test_login_page_has_the_taxisnet_labels(web: FlaskClient) -> None:
    response = web.get(AUTHORIZE, query_string=authorize_query())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for label in ("Χρήστης", "Κωδικός", "Σύνδεση", 'name="username"', 'name="password"'):
        assert label in html


def test_interactive_login_goes_through_the_consent_page(web: FlaskClient) -> None:
    query = authorize_query()
    page = web.post(
        AUTHORIZE, query_string=query, data={"interactive": "1", "username": "kse1", "password": SANDBOX_PASSWORD}
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Συνέχεια" in html and "Αποστολή" in html
    match = re.search(r'name="ticket" value="([^"]+)"', html)
    assert match
    ticket = match.group(1)
    done = web.post(AUTHORIZE, query_string=query, data={"ticket": ticket, "user_oauth_approval": "true"})
    assert done.status_code == 302
    params = parse_qs(urlsplit(done.headers["Location"]).query)
    assert params["state"] == ["xyz"] and params["code"]
    replay = web.post(AUTHORIZE, query_string=query, data={"ticket": ticket, "user_oauth_approval": "true"})
    assert replay.status_code == 400


def test_declining_consent_redirects_with_access_denied(web: FlaskClient) -> None:
    response = web.post(
        AUTHORIZE,
        query_string=authorize_query(),
        data={"username": "teacher2", "password": SANDBOX_PASSWORD, "user_oauth_approval": "false"},
    )
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {"error": ["access_denied"], "state": ["xyz"]}


@pytest.mark.parametrize("username, password", [("teacher1", "wrong"), ("nobody", SANDBOX_PASSWORD), ("", "")])
def test_bad_credentials_show_the_form_again(web: FlaskClient, username: str, password: str) -> None:
    response = web.post(AUTHORIZE, query_string=authorize_query(), data={"username": username, "password": password})
    assert response.status_code == 401
    assert "Λανθασμένο όνομα χρήστη ή κωδικός πρόσβασης" in response.get_data(as_text=True)


def test_unknown_client_and_bad_redirect_uri_do_not_redirect(web: FlaskClient) -> None:
    assert web.get(AUTHORIZE, query_string=authorize_query(client_id="nope")).status_code == 400
    assert web.get(AUTHORIZE, query_string=authorize_query(redirect_uri="javascript:alert(1)")).status_code == 400
    assert web.get(AUTHORIZE, query_string=authorize_query(redirect_uri="/relative")).status_code == 400


def test_registered_redirect_uris_are_enforced() -> None:
    strict = create_sandbox_app(clients=[SandboxClient("c", "s", (CALLBACK,))]).test_client()
    assert strict.get(AUTHORIZE, query_string=authorize_query(client_id="c")).status_code == 200
    other = authorize_query(client_id="c", redirect_uri="https://evil.example/cb")
    assert strict.get(AUTHORIZE, query_string=other).status_code == 400
    assert strict.get("/oauth2server/logout/c/", query_string={"url": "https://evil.example/"}).status_code == 400
    assert strict.get("/oauth2server/logout/c/", query_string={"url": "http://127.0.0.1:8101/"}).status_code == 302


def test_unsupported_response_type(web: FlaskClient) -> None:
    response = web.get(AUTHORIZE, query_string=authorize_query(response_type="token"))
    assert response.status_code == 302
    assert "error=unsupported_response_type" in response.headers["Location"]


def test_redirect_keeps_the_callback_query(web: FlaskClient) -> None:
    response = web.post(
        AUTHORIZE,
        query_string=authorize_query(redirect_uri=CALLBACK + "?next=%2Fprofile"),
        data={"username": "teacher1", "password": SANDBOX_PASSWORD},
    )
    params = parse_qs(urlsplit(response.headers["Location"]).query)
    assert params["next"] == ["/profile"] and params["state"] == ["xyz"] and params["code"]


def test_html_is_escaped(web: FlaskClient) -> None:
    response = web.post(
        AUTHORIZE, query_string=authorize_query(), data={"username": '<script>x</script>', "password": "x"}
    )
    assert "<script>x</script>" not in response.get_data(as_text=True)


# -- token ---------------------------------------------------------------------------


def test_token_response_shape(web: FlaskClient) -> None:
    response = web.post(TOKEN, data=token_form(get_code(web)))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["token_type"] == "bearer" and body["scope"] == "read"
    assert body["expires_in"] == TOKEN_TTL_SECONDS and body["access_token"]


def test_http_basic_client_authentication(web: FlaskClient) -> None:
    form = token_form(get_code(web))
    del form["client_id"], form["client_secret"]
    response = web.post(TOKEN, data=form, auth=(DEFAULT_CLIENT.client_id, DEFAULT_CLIENT.client_secret))
    assert response.status_code == 200


def test_code_expires_after_five_minutes(web: FlaskClient, clock: FakeClock) -> None:
    code = get_code(web)
    clock.now += CODE_TTL_SECONDS + 1
    response = web.post(TOKEN, data=token_form(code))
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_grant"


def test_code_just_before_expiry_works(web: FlaskClient, clock: FakeClock) -> None:
    code = get_code(web)
    clock.now += CODE_TTL_SECONDS - 1
    assert web.post(TOKEN, data=token_form(code)).status_code == 200


def test_code_of_another_client_is_refused(clock: FakeClock) -> None:
    web = create_sandbox_app(clients=[DEFAULT_CLIENT, SandboxClient("other", "pw")], clock=clock).test_client()
    code = get_code(web)
    response = web.post(TOKEN, data=token_form(code, client_id="other", client_secret="pw"))
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "overrides, status, error",
    [
        ({"client_secret": "nope"}, 401, "invalid_client"),
        ({"client_id": "nope"}, 401, "invalid_client"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"code": ""}, 400, "invalid_request"),
        ({"code": "made-up"}, 400, "invalid_grant"),
    ],
)
def test_token_errors(web: FlaskClient, overrides: dict[str, str], status: int, error: str) -> None:
    form = {**token_form(get_code(web)), **overrides}
    response = web.post(TOKEN, data=form)
    assert response.status_code == status
    assert response.get_json()["error"] == error


# -- userinfo ------------------------------------------------------------------------


def access_token(web: FlaskClient, username: str = "teacher1") -> str:
    return str(web.post(TOKEN, data=token_form(get_code(web, username))).get_json()["access_token"])


def test_userinfo_xml_matches_gsis(web: FlaskClient) -> None:
    response = web.get(
        USERINFO, query_string={"format": "xml"}, headers={"Authorization": f"Bearer {access_token(web, 'admin1')}"}
    )
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = safe_et.fromstring(response.data)
    assert root.tag == "root"
    (record,) = list(root)
    assert record.tag == "userinfo"
    assert set(record.attrib) == {"userid", "taxid", "lastname", "firstname", "fathername", "mothername", "birthyear"}
    assert record.attrib["taxid"].strip() == "070000005"
    assert record.attrib["lastname"] == "ΔΗΜΗΤΡΙΟΥ"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic dXNlcjpwdw=="}, {"Authorization": "Bearer"}],
)
def test_userinfo_without_valid_token_is_401(web: FlaskClient, headers: dict[str, str]) -> None:
    response = web.get(USERINFO, query_string={"format": "xml"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_userinfo_token_expires(web: FlaskClient, clock: FakeClock) -> None:
    token = access_token(web)
    clock.now += TOKEN_TTL_SECONDS + 1
    response = web.get(USERINFO, query_string={"format": "xml"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_userinfo_other_formats_are_refused(web: FlaskClient) -> None:
    response = web.get(USERINFO, query_string={"format": "json"}, headers={"Authorization": f"Bearer {access_token(web)}"})
    assert response.status_code == 400


# -- logout --------------------------------------------------------------------------


def test_logout(web: FlaskClient) -> None:
    path = f"/oauth2server/logout/{DEFAULT_CLIENT.client_id}/"
    response = web.get(path, query_string={"url": "http://127.0.0.1:8101/"})
    assert response.status_code == 302 and response.headers["Location"] == "http://127.0.0.1:8101/"
    assert web.get(path).status_code == 200
    assert web.get(path, query_string={"url": "javascript:alert(1)"}).status_code == 400
    assert web.get("/oauth2server/logout/unknown/", query_string={"url": "http://127.0.0.1/"}).status_code == 400


# -- sandbox administration and data -------------------------------------------------


def test_seeded_taxpayers_are_valid_and_unique() -> None:
    assert len(DEFAULT_TAXPAYERS) >= 6
    assert all(is_valid_afm(t.afm) for t in DEFAULT_TAXPAYERS)
    assert len({t.afm for t in DEFAULT_TAXPAYERS}) == len(DEFAULT_TAXPAYERS)
    assert {"teacher1", "kse1", "admin1"} <= {t.username for t in DEFAULT_TAXPAYERS}
    assert all(t.password == SANDBOX_PASSWORD for t in DEFAULT_TAXPAYERS)
    assert all(t.last_name == t.last_name.upper() and t.first_name == t.first_name.upper() for t in DEFAULT_TAXPAYERS)


def test_list_taxpayers_hides_passwords(web: FlaskClient) -> None:
    listed = web.get("/sandbox/taxpayers").get_json()
    assert len(listed) == len(DEFAULT_TAXPAYERS)
    assert all("password" not in t for t in listed)


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "x1", "afm": "100000016", "last_name": "Α", "first_name": "Β"},  # bad check digit
        {"username": "x1", "afm": "10000001", "last_name": "Α", "first_name": "Β"},
        {"username": "x1", "afm": "100000015", "last_name": "", "first_name": "Β"},
        {"username": "x 1", "afm": "100000015", "last_name": "Α", "first_name": "Β"},
        {"username": "x1", "afm": "100000015", "last_name": "Α", "first_name": "Β", "birth_year": "1980"},
        {"username": "x1", "afm": "100000015", "last_name": "Α", "first_name": "Β", "role": "admin"},
        {"username": "x1"},
        ["not", "an", "object"],
    ],
)
def test_invalid_runtime_taxpayers_are_refused(web: FlaskClient, payload: object) -> None:
    response = web.post("/sandbox/taxpayers", json=payload)
    assert response.status_code == 400
    assert response.get_json()["message"]


def test_duplicate_and_delete_taxpayer(web: FlaskClient) -> None:
    payload = {"username": "teacher1", "afm": "100000015", "last_name": "Α", "first_name": "Β"}
    assert web.post("/sandbox/taxpayers", json=payload).status_code == 409
    assert web.delete("/sandbox/taxpayers/teacher1").status_code == 204
    assert web.delete("/sandbox/taxpayers/teacher1").status_code == 404


def test_custom_taxpayers_and_password() -> None:
    app = create_sandbox_app(
        [{"username": "only", "afm": "090000045", "last_name": "ΔΗΜΟΣΙΟ", "first_name": "ΕΛΛΗΝΙΚΟ", "password": "pw"}]
    )
    web = app.test_client()
    assert [t["username"] for t in web.get("/sandbox/taxpayers").get_json()] == ["only"]
    response = web.post(AUTHORIZE, query_string=authorize_query(), data={"username": "only", "password": "pw"})
    assert response.status_code == 302


def test_taxpayer_with_invalid_afm_cannot_be_seeded() -> None:
    with pytest.raises(ValueError):
        SandboxTaxpayer("x", "123456789", "Α", "Β")
    with pytest.raises(ValueError):
        create_sandbox_app([SandboxTaxpayer("x", "100000015", "Α", "Β"), SandboxTaxpayer("x", "100000027", "Γ", "Δ")])


def test_health(web: FlaskClient) -> None:
    assert web.get("/sandbox/health").get_json() == {"status": "ok"}


# -- never in production -------------------------------------------------------------


def test_production_is_refused() -> None:
    with pytest.raises(SandboxRefused):
        create_sandbox_app(production=True)


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_production_environment_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("EPI_PRODUCTION", value)
    with pytest.raises(SandboxRefused):
        create_sandbox_app()


def test_production_flag_off_is_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EPI_PRODUCTION", "0")
    assert create_sandbox_app()


def test_package_import_does_not_load_the_sandbox() -> None:
    import os
    import subprocess
    import sys

    code = "import sys, identity.gsis; print('identity.gsis.sandbox' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"
