"""Helpers shared by identity's tests (`<package>_helpers.py`, see docs/development.md: a unique
module name, as `conftest` is not importable safely when several suites run in one session)."""
import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from epimorfosi_platform.testing import settings_for_tests

from identity import SERVICE
from identity.dev_issuer.seed import DEV_PASSWORD

ISSUER = "http://127.0.0.1:8101/oidc"
AUDIENCE = "epimorfosi-api"
TESTS_CLIENT = "epimorfosi-tests"
CALLBACK = "http://127.0.0.1/callback"


def dev_settings(database_url, tmp_path, *, issuer=ISSUER, dev_issuer=True, production=False, **env):
    """Embedded-profile settings with the dev issuer switched on (EPI_DEV_ISSUER=1)."""
    if dev_issuer:
        env["EPI_DEV_ISSUER"] = "1"
    return settings_for_tests(
        SERVICE, database_url, tmp_path, env=env, oidc_issuer=issuer, oidc_jwks_url=None, production=production
    )


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


class OidcDriver:
    """Plays the browser and the client application against the dev issuer (Flask test client)."""

    def __init__(self, client):
        self.client = client

    def authorize_url(self, *, client_id=TESTS_CLIENT, redirect_uri=CALLBACK, challenge=None, **extra) -> str:
        params = {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid",
            "state": secrets.token_urlsafe(8),
        }
        if challenge is not None:
            params.update(code_challenge=challenge, code_challenge_method="S256")
        params.update({k: v for k, v in extra.items() if v is not None})
        return "/oidc/authorize?" + urlencode(params)

    def login(self, email, password=DEV_PASSWORD, **params):
        """GET the form, POST the credentials; returns (POST response, code_verifier).
        prompt=login by default, so an SSO session left by an earlier login doesn't skip the form."""
        params.setdefault("prompt", "login")
        verifier, challenge = pkce_pair()
        url = self.authorize_url(challenge=challenge, **params)
        form = self.client.get(url)
        assert form.status_code == 200, form.get_data(as_text=True)
        response = self.client.post(
            url, data={"email": email, "password": password, "csrf_token": csrf_of(form.get_data(as_text=True))}
        )
        return response, verifier

    def code_for(self, email, **params) -> tuple[str, str]:
        response, verifier = self.login(email, **params)
        assert response.status_code == 302, response.get_data(as_text=True)
        return query_of(response.headers["Location"])["code"], verifier

    def exchange(self, code, verifier, *, client_id=TESTS_CLIENT, redirect_uri=CALLBACK):
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "client_id": client_id}
        if verifier is not None:
            data["code_verifier"] = verifier
        return self.client.post("/oidc/token", data=data)

    def refresh(self, refresh_token, *, client_id=TESTS_CLIENT):
        return self.client.post(
            "/oidc/token", data={"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
        )

    def tokens_for(self, email, **params) -> dict:
        code, verifier = self.code_for(email, **params)
        response = self.exchange(code, verifier)
        assert response.status_code == 200, response.get_json()
        return response.get_json()


