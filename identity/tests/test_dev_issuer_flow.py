"""The dev OIDC issuer end to end: authorization code + PKCE, tokens the platform accepts,
refresh, and every way a login must fail."""
import jwt
import pytest
import requests
from epimorfosi_platform.auth import InvalidToken, TokenVerifier
from sqlalchemy import func, select

from identity.dev_issuer.seed import DEV_PASSWORD, DEV_USERS
from identity.models import AuthorizationCode, RefreshToken

from identity_helpers import AUDIENCE, CALLBACK, ISSUER, TESTS_CLIENT, OidcDriver, csrf_of, pkce_pair, query_of


def count(app, model):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_login_form_is_greek(client, oidc):
    _, challenge = pkce_pair()
    response = client.get(oidc.authorize_url(challenge=challenge))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    for text in ("Ηλεκτρονικό ταχυδρομείο", "Κωδικός πρόσβασης", "Είσοδος", 'lang="el"'):
        assert text in html
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "no-store" in response.headers["Cache-Control"]


def test_authorization_code_flow_with_pkce_gives_a_token_the_platform_accepts(client, oidc, verifier):
    response, code_verifier = oidc.login("kse1@epimorfosi.test", state="xyz", nonce="n-123")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(CALLBACK + "?")
    params = query_of(location)
    assert params["state"] == "xyz"

    token_response = oidc.exchange(params["code"], code_verifier)
    assert token_response.status_code == 200, token_response.get_json()
    assert token_response.headers["Cache-Control"] == "no-store"
    tokens = token_response.get_json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 300
    assert {"access_token", "refresh_token", "id_token"} <= set(tokens)

    principal = verifier.verify(tokens["access_token"])
    assert principal.roles == {"kse-head"}
    assert principal.centre_id == "KSE-0001"
    assert principal.email == "kse1@epimorfosi.test"
    claims = principal.claims
    assert claims["iss"] == ISSUER and claims["aud"] == AUDIENCE and claims["azp"] == TESTS_CLIENT
    assert claims["exp"] - claims["iat"] == 300
    assert claims["preferred_username"] == "kse1@epimorfosi.test"
    assert claims["name"] == "ΑΝΑΣΤΑΣΙΑ ΝΙΚΟΛΑΟΥ"
    assert claims["afm"] == "123456783"
    assert set(claims["scope"].split()) == {"openid", "profile", "email", "epimorfosi-api"}
    header = jwt.get_unverified_header(tokens["access_token"])
    assert header["alg"] == "RS256" and header["kid"] in {k["kid"] for k in client.get("/oidc/jwks").get_json()["keys"]}

    # The id_token is for the client itself, bound to the nonce and the access token.
    id_claims = jwt.decode(
        tokens["id_token"],
        jwt.PyJWKSet.from_dict(client.get("/oidc/jwks").get_json())[header["kid"]].key,
        algorithms=["RS256"],
        audience=TESTS_CLIENT,
        issuer=ISSUER,
    )
    assert id_claims["nonce"] == "n-123" and id_claims["sub"] == claims["sub"] and "at_hash" in id_claims
    assert id_claims["sid"] == claims["sid"]


@pytest.mark.parametrize("user", DEV_USERS, ids=lambda u: u.email)
def test_every_seeded_user_logs_in_with_their_role(oidc, verifier, user):
    principal = verifier.verify(oidc.tokens_for(user.email)["access_token"])
    assert principal.roles == set(user.roles)
    assert principal.centre_id == user.centre_id
    if user.centre_id is None:
        assert "centre_id" not in principal.claims


def test_refresh_token_rotates_and_works_once(oidc, verifier):
    tokens = oidc.tokens_for("teacher1@epimorfosi.test")
    refreshed = oidc.refresh(tokens["refresh_token"])
    assert refreshed.status_code == 200, refreshed.get_json()
    body = refreshed.get_json()
    assert body["refresh_token"] != tokens["refresh_token"]
    assert verifier.verify(body["access_token"]).roles == {"teacher"}
    assert "id_token" in body

    again = oidc.refresh(tokens["refresh_token"])
    assert again.status_code == 400 and again.get_json()["error"] == "invalid_grant"
    assert oidc.refresh(body["refresh_token"]).status_code == 200


def test_refresh_token_of_another_client_is_refused(oidc):
    tokens = oidc.tokens_for("teacher1@epimorfosi.test")
    response = oidc.refresh(tokens["refresh_token"], client_id="epimorfosi-mobile")
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_grant"


def test_wrong_password_shows_a_greek_error_and_issues_no_code(app, oidc):
    for email, password in (("kse1@epimorfosi.test", "Wrong-pass1!"), ("nobody@epimorfosi.test", DEV_PASSWORD)):
        response, _ = oidc.login(email, password)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "Location" not in response.headers
        assert "Λάθος ηλεκτρονικό ταχυδρομείο ή κωδικός πρόσβασης." in html
        assert email in html  # the e-mail is kept in the form, the password is not
    assert count(app, AuthorizationCode) == 0


def test_login_post_without_the_form_token_is_refused(client, oidc, app):
    verifier, challenge = pkce_pair()
    url = oidc.authorize_url(challenge=challenge)
    response = client.post(url, data={"email": "kse1@epimorfosi.test", "password": DEV_PASSWORD})
    assert response.status_code == 200 and "Location" not in response.headers
    assert "Η φόρμα έληξε" in response.get_data(as_text=True)
    assert count(app, AuthorizationCode) == 0


@pytest.mark.parametrize(
    "params",
    [
        {},  # no PKCE at all
        {"code_challenge": "x" * 43, "code_challenge_method": "plain"},
        {"code_challenge": "x" * 43},  # method defaults to plain: refused too
        {"code_challenge": "short", "code_challenge_method": "S256"},
    ],
    ids=["missing", "plain", "no-method", "malformed"],
)
def test_public_client_without_s256_pkce_is_sent_back_with_an_error(client, oidc, params):
    response = client.get(oidc.authorize_url(state="s1", **params))
    assert response.status_code == 302
    result = query_of(response.headers["Location"])
    assert response.headers["Location"].startswith(CALLBACK)
    assert result["error"] == "invalid_request" and result["state"] == "s1" and "code" not in result


def test_wrong_or_missing_code_verifier_is_refused_and_burns_the_code(oidc):
    code, code_verifier = oidc.code_for("kse1@epimorfosi.test")
    wrong = oidc.exchange(code, pkce_pair()[0])
    assert wrong.status_code == 400 and wrong.get_json()["error"] == "invalid_grant"
    # One attempt per code: even the right verifier cannot use it now.
    assert oidc.exchange(code, code_verifier).status_code == 400

    code, _ = oidc.code_for("kse1@epimorfosi.test")
    missing = oidc.exchange(code, None)
    assert missing.status_code == 400 and missing.get_json()["error"] == "invalid_request"


def test_code_reuse_is_refused_and_revokes_what_it_produced(app, oidc):
    code, code_verifier = oidc.code_for("coord1@epimorfosi.test")
    first = oidc.exchange(code, code_verifier)
    assert first.status_code == 200
    second = oidc.exchange(code, code_verifier)
    assert second.status_code == 400 and second.get_json()["error"] == "invalid_grant"
    refused = oidc.refresh(first.get_json()["refresh_token"])
    assert refused.status_code == 400, "a replayed code must revoke the refresh token it produced"


def test_expired_code_is_refused(app, oidc):
    code, code_verifier = oidc.code_for("coord1@epimorfosi.test")
    with app.extensions["epimorfosi"].db.session() as s, s.begin():
        for row in s.scalars(select(AuthorizationCode)):
            row.expires_at = row.created_at.replace(year=2000)
    assert oidc.exchange(code, code_verifier).status_code == 400


def test_code_is_bound_to_its_redirect_uri_and_client(oidc):
    code, code_verifier = oidc.code_for("kse1@epimorfosi.test")
    response = oidc.exchange(code, code_verifier, redirect_uri="http://127.0.0.1/other")
    assert response.status_code == 400
    code, code_verifier = oidc.code_for("kse1@epimorfosi.test")
    assert oidc.exchange(code, code_verifier, client_id="epimorfosi-mobile").status_code == 400


@pytest.mark.parametrize(
    "params, text",
    [
        ({"redirect_uri": "https://evil.example/callback"}, "redirect_uri"),
        ({"client_id": "epimorfosi-web", "redirect_uri": "http://127.0.0.1:9999/"}, "redirect_uri"),
        ({"client_id": "no-such-client"}, "δεν είναι γνωστή"),
    ],
    ids=["foreign", "other-port", "unknown-client"],
)
def test_unregistered_redirect_uri_or_client_is_refused_without_redirect(client, oidc, params, text):
    _, challenge = pkce_pair()
    response = client.get(oidc.authorize_url(challenge=challenge, **params))
    assert response.status_code == 400
    assert "Location" not in response.headers
    html = response.get_data(as_text=True)
    assert "Μη έγκυρο αίτημα σύνδεσης" in html and text in html


def test_web_client_wildcard_redirect_is_accepted(oidc, verifier):
    code, code_verifier = oidc.code_for(
        "admin@epimorfosi.test", client_id="epimorfosi-web", redirect_uri="http://localhost:8000/auth/callback"
    )
    response = oidc.exchange(
        code, code_verifier, client_id="epimorfosi-web", redirect_uri="http://localhost:8000/auth/callback"
    )
    assert response.status_code == 200
    assert verifier.verify(response.get_json()["access_token"]).claims["azp"] == "epimorfosi-web"


def test_password_grant_is_not_offered(client):
    response = client.post(
        "/oidc/token",
        data={"grant_type": "password", "username": "admin@epimorfosi.test", "password": DEV_PASSWORD, "client_id": TESTS_CLIENT},
    )
    assert response.status_code == 400 and response.get_json()["error"] == "unsupported_grant_type"


def test_single_sign_on_then_logout(client, oidc):
    tokens = oidc.tokens_for("trainer1@epimorfosi.test")
    # Logged in: a second authorization request gets a code without the form.
    verifier_2, challenge = pkce_pair()
    silent = client.get(oidc.authorize_url(challenge=challenge))
    assert silent.status_code == 302 and "code" in query_of(silent.headers["Location"])
    # prompt=login forces the form even so.
    assert client.get(oidc.authorize_url(challenge=challenge, prompt="login")).status_code == 200

    logout = client.get(
        "/oidc/logout",
        query_string={
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": "http://127.0.0.1:8000/",
            "client_id": "epimorfosi-web",
            "state": "bye",
        },
    )
    # id_token_hint was issued to epimorfosi-tests, not epimorfosi-web: refused, nothing ends.
    assert logout.status_code == 400

    logout = client.get("/oidc/logout", query_string={"id_token_hint": tokens["id_token"]})
    assert logout.status_code == 200 and "Έχετε αποσυνδεθεί" in logout.get_data(as_text=True)
    assert oidc.refresh(tokens["refresh_token"]).status_code == 400  # the session's tokens end with it
    # No session any more: the form again, and prompt=none says so to the client.
    assert client.get(oidc.authorize_url(challenge=challenge)).status_code == 200
    none = client.get(oidc.authorize_url(challenge=challenge, prompt="none"))
    assert query_of(none.headers["Location"])["error"] == "login_required"


def test_logout_with_redirect_back_to_the_web_client(client, oidc):
    code, code_verifier = oidc.code_for(
        "admin@epimorfosi.test", client_id="epimorfosi-web", redirect_uri="http://127.0.0.1:8000/cb"
    )
    tokens = oidc.exchange(code, code_verifier, client_id="epimorfosi-web", redirect_uri="http://127.0.0.1:8000/cb").get_json()
    response = client.get(
        "/oidc/logout",
        query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "http://127.0.0.1:8000/", "state": "bye"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "http://127.0.0.1:8000/?state=bye"


def test_logout_without_id_token_asks_for_confirmation(client, oidc):
    oidc.tokens_for("helpdesk1@epimorfosi.test")
    page = client.get("/oidc/logout", query_string={"client_id": "epimorfosi-web", "post_logout_redirect_uri": "http://127.0.0.1:8000/"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Θέλετε να αποσυνδεθείτε;" in html
    confirmed = client.post(
        "/oidc/logout?client_id=epimorfosi-web&post_logout_redirect_uri=http://127.0.0.1:8000/",
        data={"csrf_token": csrf_of(html)},
    )
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "http://127.0.0.1:8000/"
    _, challenge = pkce_pair()
    assert client.get(oidc.authorize_url(challenge=challenge)).status_code == 200  # logged out


def test_userinfo(client, oidc):
    tokens = oidc.tokens_for("kse1@epimorfosi.test")
    info = client.get("/oidc/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert info.status_code == 200
    body = info.get_json()
    assert body["email"] == "kse1@epimorfosi.test" and body["realm_access"]["roles"] == ["kse-head"]
    assert body["centre_id"] == "KSE-0001"
    assert client.get("/oidc/userinfo").status_code == 401
    assert client.get("/oidc/userinfo", headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_discovery_document(client):
    from authlib.oidc.discovery import OpenIDProviderMetadata

    response = client.get("/oidc/.well-known/openid-configuration")
    assert response.status_code == 200
    doc = response.get_json()
    assert doc["issuer"] == ISSUER
    assert doc["jwks_uri"] == f"{ISSUER}/jwks"
    assert doc["authorization_endpoint"] == f"{ISSUER}/authorize"
    assert doc["token_endpoint"] == f"{ISSUER}/token"
    assert doc["userinfo_endpoint"] == f"{ISSUER}/userinfo"
    assert doc["end_session_endpoint"] == f"{ISSUER}/logout"
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["grant_types_supported"] == ["authorization_code", "refresh_token"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    OpenIDProviderMetadata(doc).validate()
    jwks = client.get("/oidc/jwks").get_json()
    assert [k["kty"] for k in jwks["keys"]] == ["RSA"]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwks["keys"][0]), "JWKS must hold public keys only"


def test_browser_clients_get_cors_on_token_and_jwks(client):
    allowed = client.options("/oidc/token", headers={"Origin": "http://localhost:8000", "Access-Control-Request-Method": "POST"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:8000"
    other = client.get("/oidc/jwks", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_tokens_stop_verifying_for_another_audience_or_issuer(oidc, client):
    access = oidc.tokens_for("teacher1@epimorfosi.test")["access_token"]
    for issuer, audience in ((ISSUER, "other-api"), ("http://127.0.0.1:8180/realms/epimorfosi", AUDIENCE)):
        other = TokenVerifier(issuer, audience, jwks_url=f"{ISSUER}/jwks")
        other._jwks_client = jwt.PyJWKClient(f"{ISSUER}/jwks")
        other._jwks_client.fetch_data = lambda: client.get("/oidc/jwks").get_json()
        with pytest.raises(InvalidToken):
            other.verify(access)


def test_whole_flow_over_real_http(live_issuer):
    """A browser (requests.Session) and the platform's TokenVerifier discovering the JWKS itself."""
    issuer = f"{live_issuer}/oidc"
    browser = requests.Session()
    code_verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": TESTS_CLIENT,
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "state": "live",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    form = browser.get(f"{issuer}/authorize", params=params, timeout=10)
    assert form.status_code == 200 and "Είσοδος" in form.text
    login = browser.post(
        form.url,
        data={"email": "kse1@epimorfosi.test", "password": DEV_PASSWORD, "csrf_token": csrf_of(form.text)},
        allow_redirects=False,
        timeout=10,
    )
    assert login.status_code == 302, login.text
    code = query_of(login.headers["Location"])["code"]
    tokens = requests.post(
        f"{issuer}/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "client_id": TESTS_CLIENT, "code_verifier": code_verifier},
        timeout=10,
    ).json()

    verifier = TokenVerifier(issuer, AUDIENCE)  # discovery -> jwks_uri -> keys, all over HTTP
    principal = verifier.verify(tokens["access_token"])
    assert principal.roles == {"kse-head"} and principal.centre_id == "KSE-0001"
    assert verifier.signing_keys_available()

    me = requests.get(f"{live_issuer}/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10)
    assert me.status_code == 200 and me.json()["has_account"] is True
    ready = requests.get(f"{live_issuer}/readyz", timeout=10).json()
    assert ready["checks"]["signing_keys"]["ok"] is True


def test_expired_access_token_is_refused(database, tmp_path, verifier):
    from identity import create_app
    from identity_helpers import dev_settings

    # Lifetime from configuration; negative so the token is born expired (beyond the 30 s leeway).
    app = create_app(dev_settings(database, tmp_path, EPI_DEV_ISSUER_ACCESS_TOKEN_SECONDS="-120"))
    tokens = OidcDriver(app.test_client()).tokens_for("teacher1@epimorfosi.test")
    with pytest.raises(InvalidToken):
        verifier.verify(tokens["access_token"])
    app.extensions["epimorfosi"].db.dispose()


def test_refresh_tokens_are_stored_hashed(app, oidc):
    tokens = oidc.tokens_for("teacher1@epimorfosi.test")
    with app.extensions["epimorfosi"].db.session() as s:
        stored = s.scalars(select(RefreshToken.token_hash)).all()
    assert tokens["refresh_token"] not in stored and len(stored) == 1


def test_the_web_bff_is_a_confidential_client_its_secret_checked_at_the_token_endpoint(client, oidc, verifier):
    import base64

    from identity.dev_issuer.clients import BFF_CLIENT_ID, BFF_DEV_SECRET

    redirect = "http://127.0.0.1:8000/auth/callback"

    def exchange(secret):
        code, code_verifier = oidc.code_for("admin@epimorfosi.test", client_id=BFF_CLIENT_ID, redirect_uri=redirect)
        basic = base64.b64encode(f"{BFF_CLIENT_ID}:{secret}".encode()).decode()
        return client.post("/oidc/token", headers={"Authorization": f"Basic {basic}"}, data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect,
            "code_verifier": code_verifier})

    assert exchange("not-the-secret").status_code == 401
    tokens = exchange(BFF_DEV_SECRET)
    assert tokens.status_code == 200, tokens.get_json()
    assert verifier.verify(tokens.get_json()["access_token"]).claims["azp"] == BFF_CLIENT_ID
    # Without its secret (as a public client would) the BFF's code is refused too.
    code, code_verifier = oidc.code_for("admin@epimorfosi.test", client_id=BFF_CLIENT_ID, redirect_uri=redirect)
    assert oidc.exchange(code, code_verifier, client_id=BFF_CLIENT_ID, redirect_uri=redirect).status_code == 401


def test_the_bff_may_return_to_the_public_base_url_it_runs_under():
    from identity.dev_issuer.clients import BFF_CLIENT_ID, clients_for

    bff = clients_for("http://127.0.0.1:18000", None)[BFF_CLIENT_ID]
    assert bff.check_redirect_uri("http://127.0.0.1:18000/auth/callback")
    assert bff.check_redirect_uri("http://127.0.0.1:8000/auth/callback")
    assert not bff.check_redirect_uri("http://127.0.0.1:18001/auth/callback")
    assert not bff.is_public and bff.check_client_secret("epimorfosi-bff-dev-secret")
