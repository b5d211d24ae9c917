"""The dev issuer's OAuth 2.0 / OpenID Connect machinery, built on Authlib: authorization code grant
with PKCE (S256, required for public clients), OpenID Connect id_token, rotating refresh tokens,
RFC 9068 JWT access tokens carrying the same claims as the Keycloak realm, userinfo and logout.

Persistence uses short transactions of its own (not the request's unit of work): consuming a code
or a refresh token must stick even when the request then fails, or a failed attempt could be
replayed."""
from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from authlib.common.security import generate_token
from authlib.consts import default_json_headers
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc6750.errors import InvalidTokenError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator, JWTBearerTokenValidator
from authlib.oauth2.rfc9068.claims import JWTAccessTokenClaims
from authlib.oidc.core import OpenIDCode, OpenIDToken, UserInfo, UserInfoEndpoint
from authlib.oidc.core.models import AuthorizationCodeMixin
from authlib.oidc.rpinitiated import EndSessionEndpoint
from epimorfosi_platform.db import Database
from flask import g
from sqlalchemy import select, update

from ..domain import display_name
from ..models import AuthorizationCode, RefreshToken, UserAccount
from .clients import CLIENTS, SUPPORTED_SCOPES, DevClient
from .keys import SigningKeys


@dataclass(frozen=True)
class Lifetimes:
    """Seconds; the defaults are the Keycloak realm's (accessTokenLifespan, ssoSessionIdleTimeout,
    ssoSessionMaxLifespan, accessCodeLifespan)."""

    access_token: int = 300
    session_idle: int = 1800
    session_max: int = 36000
    code: int = 60


def _now() -> datetime:
    return datetime.now(timezone.utc)


def digest(secret: str) -> str:
    """Codes and refresh tokens are stored as SHA-256: a copy of the table grants nothing."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class AuthenticatedUser:
    """An account inside one SSO session (`sid`), as Authlib's grants see the resource owner."""

    account: UserAccount
    sid: str
    auth_time: int

    def get_user_id(self) -> str:
        return str(self.account.id)


def profile_claims(account: UserAccount) -> dict:
    """The realm's mappers (profile, email, epimorfosi-api): the same names, so services can't tell
    the dev issuer from Keycloak."""
    claims = {
        "email": account.email,
        "email_verified": account.email_verified,
        "preferred_username": account.email,  # registrationEmailAsUsername
        "name": display_name(account.first_name, account.last_name, account.email),
        "given_name": account.first_name,
        "family_name": account.last_name,
    }
    if account.centre_id:
        claims["centre_id"] = account.centre_id
    if account.afm:
        claims["afm"] = account.afm
    return claims


def access_claims(user: AuthenticatedUser) -> dict:
    return {"realm_access": {"roles": list(user.account.roles)}, **profile_claims(user.account)}


@dataclass(frozen=True)
class IssuedCode(AuthorizationCodeMixin):
    row: AuthorizationCode

    # Authlib's CodeChallenge reads these two attributes.
    @property
    def code_challenge(self) -> str | None:
        return self.row.code_challenge

    @property
    def code_challenge_method(self) -> str | None:
        return self.row.code_challenge_method

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    def get_nonce(self) -> str | None:
        return self.row.nonce

    def get_auth_time(self) -> int:
        return self.row.auth_time


@dataclass(frozen=True)
class IssuedRefreshToken:
    row: RefreshToken

    def check_client(self, client: DevClient) -> bool:
        return self.row.client_id == client.client_id

    def get_scope(self) -> str:
        return self.row.scope


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
                .values(revoked_at=_now())
            )

    # -- Authlib wiring --------------------------------------------------------

    def _build_server(self) -> AuthorizationServer:
        issuer = self

        server = AuthorizationServer(query_client=lambda cid: self.clients.get(cid or ""), save_token=self._save_token)
        server.scopes_supported = list(SUPPORTED_SCOPES)
        server.register_token_generator("default", _AccessTokens(self))

        class CodeGrant(_CodeGrant):
            dev_issuer = issuer

        class RefreshGrant(_RefreshGrant):
            dev_issuer = issuer

        server.register_grant(CodeGrant, [S256Required(required=True), _IdTokenForCode(issuer, require_nonce=False)])
        server.register_grant(RefreshGrant, [_IdToken(issuer)])
        # No password grant: users type their password only into the issuer's own page.

        protector = ResourceProtector()
        protector.register_token_validator(_AccessTokenValidator(issuer))
        server.register_endpoint(_UserInfo(resource_protector=protector, dev_issuer=issuer))
        server.register_endpoint(_EndSession(dev_issuer=issuer))
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
        idle_end = _now() + timedelta(seconds=self.lifetimes.session_idle)
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
        token["refresh_expires_in"] = int((min(idle_end, max_end) - _now()).total_seconds())

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


class S256Required(CodeChallenge):
    """PKCE with S256 only; a public client that sends no challenge is refused at once (redirected
    back with `invalid_request`) instead of failing later at the token endpoint."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        client: DevClient = grant.request.client
        if client.is_public and not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: missing 'code_challenge'.")
        if data.get("code_challenge") and data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be 'S256'.")
        super().validate_code_challenge(grant, redirect_uri)


class _CodeGrant(grants.AuthorizationCodeGrant):
    dev_issuer: DevIssuer
    TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_basic"]  # public clients, and the web's BFF

    def save_authorization_code(self, code: str, request) -> None:
        user: AuthenticatedUser = request.user
        data = request.payload.data
        with self.dev_issuer.db.session() as s, s.begin():
            s.add(
                AuthorizationCode(
                    code_hash=digest(code),
                    client_id=request.client.client_id,
                    user_id=user.account.id,
                    redirect_uri=request.payload.redirect_uri,
                    scope=request.scope,
                    nonce=data.get("nonce"),
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                    sid=user.sid,
                    auth_time=user.auth_time,
                    expires_at=_now() + timedelta(seconds=self.dev_issuer.lifetimes.code),
                )
            )

    def query_authorization_code(self, code: str, client: DevClient) -> IssuedCode | None:
        """Consumes the code atomically: of two concurrent exchanges only one UPDATE matches."""
        code_hash = digest(code)
        with self.dev_issuer.db.session() as s, s.begin():
            consumed = s.execute(
                update(AuthorizationCode)
                .where(
                    AuthorizationCode.code_hash == code_hash,
                    AuthorizationCode.client_id == client.client_id,
                    AuthorizationCode.used_at.is_(None),
                    AuthorizationCode.expires_at > _now(),
                )
                .values(used_at=_now())
            ).rowcount
            row = s.get(AuthorizationCode, code_hash)
            if consumed == 1:
                return IssuedCode(row)
            if row is not None and row.used_at is not None:
                # A replayed code: revoke what it produced (RFC 6749 §4.1.2).
                s.execute(
                    update(RefreshToken)
                    .where(RefreshToken.code_hash == code_hash, RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=_now())
                )
            return None

    def delete_authorization_code(self, authorization_code: IssuedCode) -> None:
        pass  # already consumed by query_authorization_code; the row stays to detect replays

    def authenticate_user(self, authorization_code: IssuedCode) -> AuthenticatedUser | None:
        row = authorization_code.row
        return self.dev_issuer.load_user(str(row.user_id), row.sid, row.auth_time)


class _RefreshGrant(grants.RefreshTokenGrant):
    dev_issuer: DevIssuer
    TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_basic"]
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every refresh token works once

    def authenticate_refresh_token(self, refresh_token: str) -> IssuedRefreshToken | None:
        token_hash = digest(refresh_token)
        client: DevClient = self.request.client
        with self.dev_issuer.db.session() as s, s.begin():
            consumed = s.execute(
                update(RefreshToken)
                .where(
                    RefreshToken.token_hash == token_hash,
                    RefreshToken.client_id == client.client_id,
                    RefreshToken.revoked_at.is_(None),
                    RefreshToken.expires_at > _now(),
                )
                .values(revoked_at=_now())
            ).rowcount
            return IssuedRefreshToken(s.get(RefreshToken, token_hash)) if consumed == 1 else None

    def authenticate_user(self, refresh_token: IssuedRefreshToken) -> AuthenticatedUser | None:
        row = refresh_token.row
        # Loaded afresh: a role given or taken since login shows in the next access token.
        return self.dev_issuer.load_user(str(row.user_id), row.sid, row.auth_time)

    def revoke_old_credential(self, refresh_token: IssuedRefreshToken) -> None:
        pass  # revoked when it was consumed


class _AccessTokens(JWTBearerTokenGenerator):
    """RFC 9068 JWT access tokens with the realm's claims, signed with the current key."""

    def __init__(self, dev_issuer: DevIssuer):
        self.dev_issuer = dev_issuer
        super().__init__(
            dev_issuer.issuer,
            alg="RS256",
            refresh_token_generator=lambda **_: generate_token(48),
            expires_generator=lambda client, grant_type: dev_issuer.lifetimes.access_token,
        )

    def get_jwks(self):
        return self.dev_issuer.keys.signing_keyset()

    def get_audiences(self, client, user, scope):
        return self.dev_issuer.audience

    def get_auth_time(self, user: AuthenticatedUser) -> int:
        return user.auth_time

    def get_extra_claims(self, client, grant_type, user: AuthenticatedUser, scope):
        return {"azp": client.get_client_id(), "sid": user.sid, **access_claims(user)}


class _IdTokenClaims:
    dev_issuer: DevIssuer

    def resolve_client_private_key(self, client):
        return self.dev_issuer.keys.signing_keyset()

    def get_client_algorithm(self, client):
        return "RS256"

    def get_client_claims(self, client):
        now = int(time.time())
        return {
            "iss": self.dev_issuer.issuer,
            "aud": client.get_client_id(),
            "azp": client.get_client_id(),
            "iat": now,
            "exp": now + self.dev_issuer.lifetimes.access_token,
        }

    def generate_user_info(self, user: AuthenticatedUser, scope: str):
        info = UserInfo(sub=user.get_user_id(), **profile_claims(user.account)).filter(scope)
        info.update(sid=user.sid, auth_time=user.auth_time)
        return info


class _IdTokenForCode(_IdTokenClaims, OpenIDCode):
    def __init__(self, dev_issuer: DevIssuer, require_nonce: bool = False):
        self.dev_issuer = dev_issuer
        super().__init__(require_nonce=require_nonce)

    def exists_nonce(self, nonce: str, request) -> bool:
        with self.dev_issuer.db.session() as s:
            return (
                s.scalar(
                    select(AuthorizationCode.code_hash).where(
                        AuthorizationCode.client_id == request.payload.client_id, AuthorizationCode.nonce == nonce
                    )
                )
                is not None
            )


class _IdToken(_IdTokenClaims, OpenIDToken):
    """id_token on refresh too, as Keycloak does for `openid` scope."""

    def __init__(self, dev_issuer: DevIssuer):
        self.dev_issuer = dev_issuer


class _AccessTokenClaims(JWTAccessTokenClaims):
    dev_issuer: DevIssuer

    @property
    def scope(self) -> str:
        return self.get("scope", "")

    def get_client(self) -> DevClient | None:
        return self.dev_issuer.clients.get(self.get("azp") or self.get("client_id") or "")

    def get_user(self) -> AuthenticatedUser | None:
        return self.dev_issuer.load_user(self["sub"], self.get("sid", ""), int(self.get("auth_time") or 0))


class _AccessTokenValidator(JWTBearerTokenValidator):
    def __init__(self, dev_issuer: DevIssuer):
        self.dev_issuer = dev_issuer
        super().__init__(issuer=dev_issuer.issuer, resource_server=dev_issuer.audience)

    def get_jwks(self):
        from joserfc.jwk import KeySet

        return KeySet.import_key_set(self.dev_issuer.keys.public_jwks())

    def authenticate_token(self, token_string):
        claims = super().authenticate_token(token_string)
        token = _AccessTokenClaims(dict(claims), claims.header, claims.options)
        token.dev_issuer = self.dev_issuer
        return token


class _UserInfo(UserInfoEndpoint):
    def __init__(self, resource_protector, dev_issuer: DevIssuer):
        super().__init__(resource_protector=resource_protector)
        self.dev_issuer = dev_issuer

    def __call__(self, request):
        # Plain JSON only (no client registers signed userinfo); the account is read afresh.
        token = self.resource_protector.acquire_token("openid")
        user = token.get_user()
        if token.get_client() is None or user is None:
            raise InvalidTokenError()  # account deleted or SSO session over since the token was issued
        return 200, self.generate_user_info(user, token.scope), default_json_headers

    def get_issuer(self) -> str:
        return self.dev_issuer.issuer

    def generate_user_info(self, user: AuthenticatedUser, scope: str) -> UserInfo:
        info = UserInfo(sub=user.get_user_id(), **profile_claims(user.account)).filter(scope)
        # Like the realm's mappers: roles and centre travel with the person.
        info["realm_access"] = {"roles": list(user.account.roles)}
        if user.account.centre_id:
            info["centre_id"] = user.account.centre_id
        return info


class _EndSession(EndSessionEndpoint):
    def __init__(self, dev_issuer: DevIssuer):
        super().__init__()
        self.dev_issuer = dev_issuer

    def get_server_jwks(self):
        from joserfc.jwk import KeySet

        return KeySet.import_key_set(self.dev_issuer.keys.public_jwks())

    def get_algorithms(self) -> list[str]:
        return ["RS256"]

    def _is_valid_post_logout_redirect_uri(self, client, post_logout_redirect_uri: str) -> bool:
        # The realm registers wildcard URIs ("http://127.0.0.1:8000/*"); Authlib compares exactly.
        return client.check_post_logout_redirect_uri(post_logout_redirect_uri)

    def is_post_logout_redirect_uri_legitimate(self, request, post_logout_redirect_uri, client, logout_hint):
        # Without an id_token_hint the user confirms on our page first (a POST from that page).
        return request.method == "POST"

    def end_session(self, end_session_request) -> None:
        claims = end_session_request.id_token_claims or {}
        # The session named by the id_token_hint, and the one of this browser (set by the view).
        for sid in {claims.get("sid"), g.get("dev_issuer_sid")} - {None}:
            self.dev_issuer.end_session(sid)
