"""The dev issuer's OAuth 2.0 / OpenID Connect machinery, built on Authlib: authorization code grant
with PKCE (S256, required for public clients), OpenID Connect id_token, rotating refresh tokens,
RFC 9068 JWT access tokens carrying the same claims as the Keycloak realm, userinfo and logout.

Persistence uses short transactions of its own (not the request's unit of work): consuming a code
or a refresh token must stick even when the request then fails, or a failed attempt could be
replayed. The grants are in grants.py, the tokens and endpoints in endpoints.py, what they share
in claims.py; `DevIssuer` wires them into one Authlib server."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from epimorfosi_platform.db import Database
from sqlalchemy import update

from ..accounts.models import UserAccount
from .claims import AuthenticatedUser, access_claims, digest, now, profile_claims
from .clients import CLIENTS, SUPPORTED_SCOPES, DevClient
from .endpoints import AccessTokens, AccessTokenValidator, EndSession, IdToken, IdTokenForCode, IssuerUserInfo
from .grants import CodeGrant, RefreshGrant, S256Required
from .keys import SigningKeys
from .models import RefreshToken

__all__ = ["AuthenticatedUser", "DevIssuer", "Lifetimes", "access_claims", "digest", "profile_claims"]


@dataclass(frozen=True)
class Lifetimes:
    """Seconds; the defaults are the Keycloak realm's (accessTokenLifespan, ssoSessionIdleTimeout,
    ssoSessionMaxLifespan, accessCodeLifespan)."""

    access_token: int = 300
    session_idle: int = 1800
    session_max: int = 36000
    code: int = 60


class DevIssuer:
    """One per app: owns the Authlib server, the key store and the settings of the dev issuer."""

    def __init__(self, db: Database, issuer: str, audience: str, lifetimes: Lifetimes = Lifetimes(),
                 clients: dict[str, DevClient] | None = None):
        self.db = db
        self.clients = CLIENTS if clients is None else clients
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.lifetimes = lifetimes
        self.keys = SigningKeys(db)
        self.server = self._build_server()

    # -- accounts and sessions -------------------------------------------------

    def load_user(self, user_id: str, sid: str, auth_time: int) -> AuthenticatedUser | None:
        if auth_time + self.lifetimes.session_max < time.time():
            return None  # the SSO session reached its maximum lifespan
        try:
            key = uuid.UUID(str(user_id))
        except ValueError:
            return None
        with self.db.session() as s:
            account = s.get(UserAccount, key)
            return AuthenticatedUser(account, sid, auth_time) if account is not None and account.enabled else None

    def end_session(self, sid: str) -> None:
        """Logout: every refresh token of this SSO session stops working (Keycloak does the same)."""
        with self.db.session() as s, s.begin():
            s.execute(
                update(RefreshToken)
                .where(RefreshToken.sid == sid, RefreshToken.revoked_at.is_(None))
                .values(revoked_at=now())
            )

    # -- Authlib wiring --------------------------------------------------------

    def _build_server(self) -> AuthorizationServer:
        issuer = self

        server = AuthorizationServer(query_client=lambda cid: self.clients.get(cid or ""), save_token=self._save_token)
        server.scopes_supported = list(SUPPORTED_SCOPES)
        server.register_token_generator("default", AccessTokens(self))

        class IssuerCodeGrant(CodeGrant):
            dev_issuer = issuer

        class IssuerRefreshGrant(RefreshGrant):
            dev_issuer = issuer

        server.register_grant(IssuerCodeGrant, [S256Required(required=True), IdTokenForCode(issuer, require_nonce=False)])
        server.register_grant(IssuerRefreshGrant, [IdToken(issuer)])
        # No password grant: users type their password only into the issuer's own page.

        protector = ResourceProtector()
        protector.register_token_validator(AccessTokenValidator(issuer))
        server.register_endpoint(IssuerUserInfo(resource_protector=protector, dev_issuer=issuer))
        server.register_endpoint(EndSession(dev_issuer=issuer))
        return server

    def _save_token(self, token: dict, request) -> None:
        refresh = token.get("refresh_token")
        if not refresh:
            return
        user: AuthenticatedUser = request.user
        origin = None
        if request.authorization_code is not None:
            origin = request.authorization_code.row.code_hash
        elif request.refresh_token is not None:
            origin = request.refresh_token.row.code_hash  # the whole family dies if its code is replayed
        idle_end = now() + timedelta(seconds=self.lifetimes.session_idle)
        max_end = datetime.fromtimestamp(user.auth_time + self.lifetimes.session_max, timezone.utc)
        with self.db.session() as s, s.begin():
            s.add(
                RefreshToken(
                    token_hash=digest(refresh),
                    client_id=request.client.client_id,
                    user_id=user.account.id,
                    scope=token.get("scope", ""),
                    sid=user.sid,
                    auth_time=user.auth_time,
                    code_hash=origin,
                    expires_at=min(idle_end, max_end),
                )
            )
        token["refresh_expires_in"] = int((min(idle_end, max_end) - now()).total_seconds())

    def discovery_document(self) -> dict:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/logout",
            "scopes_supported": list(SUPPORTED_SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "sid", "scope",
                "realm_access", "email", "email_verified", "name", "given_name", "family_name",
                "preferred_username", "centre_id", "afm",
            ],
            "ui_locales_supported": ["el"],
            "claims_parameter_supported": False,
            "request_parameter_supported": False,
            "request_uri_parameter_supported": False,
        }
