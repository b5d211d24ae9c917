"""The web's OIDC client: authorization code + PKCE (S256) as a confidential client, with Authlib.
Talks to the issuer of the profile (the dev issuer embedded, Keycloak on the stack)."""
from __future__ import annotations

import threading
import time
from urllib.parse import urlencode

import jwt
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc6749.errors import OAuth2Error

from .settings import WebSettings


class SignInFailed(Exception):
    """The issuer refused the code or the refresh token, or sent an id_token we cannot trust."""


class OidcClient:
    def __init__(self, settings: WebSettings, http_timeout: float = 10.0):
        self.settings = settings
        self.issuer = settings.oidc_issuer.rstrip("/")
        self.timeout = http_timeout
        self._metadata: tuple[float, dict] | None = None
        self._jwks: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def metadata(self) -> dict:
        """The issuer's discovery document, kept for five minutes."""
        with self._lock:
            if self._metadata is None or time.monotonic() - self._metadata[0] > 300:
                response = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=self.timeout)
                response.raise_for_status()
                self._metadata = (time.monotonic(), response.json())
            return self._metadata[1]

    def _session(self) -> OAuth2Session:
        return OAuth2Session(
            self.settings.client_id, self.settings.client_secret, scope="openid profile email",
            redirect_uri=self.settings.redirect_uri, token_endpoint_auth_method="client_secret_basic",
            code_challenge_method="S256",
        )

    def authorization_url(self, state: str, nonce: str, code_verifier: str) -> str:
        url, _ = self._session().create_authorization_url(
            self.metadata()["authorization_endpoint"], state=state, nonce=nonce, code_verifier=code_verifier,
            ui_locales="el",
        )
        return url

    def exchange(self, code: str, code_verifier: str, nonce: str) -> dict:
        try:
            tokens = self._session().fetch_token(
                self.metadata()["token_endpoint"], grant_type="authorization_code", code=code,
                code_verifier=code_verifier, timeout=self.timeout,
            )
        except (OAuth2Error, requests.RequestException) as exc:
            raise SignInFailed(str(exc)) from exc
        self.verify_id_token(tokens.get("id_token"), nonce)
        return dict(tokens)

    def refresh(self, refresh_token: str) -> dict:
        try:
            tokens = self._session().refresh_token(
                self.metadata()["token_endpoint"], refresh_token=refresh_token, timeout=self.timeout)
        except (OAuth2Error, requests.RequestException) as exc:
            raise SignInFailed(str(exc)) from exc
        return dict(tokens)

    def verify_id_token(self, id_token: str | None, nonce: str) -> dict:
        if not id_token:
            raise SignInFailed("no id_token")
        if self._jwks is None:
            self._jwks = jwt.PyJWKClient(self.metadata()["jwks_uri"], cache_keys=True, lifespan=300,
                                         timeout=self.timeout)
        try:
            key = self._jwks.get_signing_key_from_jwt(id_token)
            claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience=self.settings.client_id,
                                issuer=self.issuer, leeway=30)
        except jwt.PyJWTError as exc:
            raise SignInFailed(f"id_token: {exc}") from exc
        if claims.get("nonce") != nonce:
            raise SignInFailed("id_token: nonce does not match")
        return claims

    def end_session_url(self, id_token: str | None, post_logout_redirect_uri: str) -> str | None:
        """RP-initiated logout: the issuer ends the SSO session and sends the browser back."""
        endpoint = self.metadata().get("end_session_endpoint")
        if not endpoint:
            return None
        query = {"client_id": self.settings.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
        if id_token:
            query["id_token_hint"] = id_token
        return f"{endpoint}?{urlencode(query)}"
