"""Unit tests of the BFF on SQLite (or PostgreSQL with the stack), without a browser: the issuer's
token endpoint and the gateway are replaced by fakes at the web's own seams (OidcClient, ApiClient.http)."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from epimorfosi_platform.auth import principal_from_claims
from epimorfosi_platform.testing import LocalIssuer, service_app

from web_client import SERVICE, create_app

ISSUER_METADATA = {
    "issuer": "http://issuer.test/realms/epimorfosi",
    "authorization_endpoint": "http://issuer.test/realms/epimorfosi/auth",
    "token_endpoint": "http://issuer.test/realms/epimorfosi/token",
    "jwks_uri": "http://issuer.test/jwks",
    "end_session_endpoint": "http://issuer.test/realms/epimorfosi/logout",
}


class FakeGateway:
    """Answers the BFF's API calls from a table of (method, path) -> (status, body); records them."""

    def __init__(self):
        self.routes: dict[tuple[str, str], tuple[int, object]] = {}
        self.calls: list[dict] = []

    def on(self, method: str, path: str, status: int, body, headers: dict | None = None) -> None:
        """`body` as JSON, or bytes as they are (a PDF); `headers` added to the answer."""
        self.routes[(method, path)] = (status, body, headers or {})

    def request(self, method, url, **kwargs):
        path = urlsplit(url).path
        self.calls.append({"method": method, "path": path, "body": kwargs.get("json"),
                           "params": kwargs.get("params"), "headers": kwargs.get("headers"),
                           "files": kwargs.get("files"), "data": kwargs.get("data")})
        status, body, headers = self.routes.get((method, path), (404, {"title": "Δεν βρέθηκε", "status": 404}, {}))
        response = requests.Response()
        response.status_code = status
        if isinstance(body, bytes):
            response._content, response._content_consumed = body, True  # iter_content() reads it
        else:
            response._content = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""
            response.headers["Content-Type"] = "application/problem+json" if status >= 400 else "application/json"
        response.headers.update(headers)
        return response


@pytest.fixture
def issuer():
    return LocalIssuer()


@pytest.fixture
def app(tmp_path, issuer):
    with service_app(SERVICE, create_app, tmp_path, issuer, EPI_WEB_COOKIE_SECURE="1",
                     EPI_PUBLIC_BASE_URL="https://web.test") as app:
        app.extensions["web_client"].oidc._metadata = (float("inf"), ISSUER_METADATA)  # no discovery call
        yield app


@pytest.fixture
def web(app):
    return app.extensions["web_client"]


@pytest.fixture
def gateway(web):
    fake = FakeGateway()
    web.api.http = fake
    return fake


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def signed_in(web, client, issuer):
    """signed_in(*roles, **claims) -> the session row of a person signed in on `client`."""

    def sign_in(*roles: str, expires_in: int = 300, **claims):
        access = issuer.token("person-1", roles, name="ΔΟΚΙΜΗ ΔΟΚΙΜΑΣΤΙΚΟΣ", expires_in=expires_in, **claims)
        principal = principal_from_claims({"sub": "person-1", "realm_access": {"roles": list(roles)},
                                           "name": "ΔΟΚΙΜΗ ΔΟΚΙΜΑΣΤΙΚΟΣ", **claims})
        value = web.sessions.create(principal, {"access_token": access, "expires_in": expires_in,
                                                "refresh_token": "refresh-1", "id_token": "id-token-1"})
        client.set_cookie(web.settings.cookie_name, value, domain="localhost")
        return web.sessions.load(value)

    return sign_in


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}

