"""The dev issuer's tokens and endpoints: RFC 9068 JWT access tokens, the OpenID Connect id_token
(on code and on refresh), userinfo and RP-initiated logout."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from authlib.common.security import generate_token
from authlib.consts import default_json_headers
from authlib.oauth2.rfc6750.errors import InvalidTokenError
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator, JWTBearerTokenValidator
from authlib.oauth2.rfc9068.claims import JWTAccessTokenClaims
from authlib.oidc.core import OpenIDCode, OpenIDToken, UserInfo, UserInfoEndpoint
from authlib.oidc.rpinitiated import EndSessionEndpoint
from flask import g
from sqlalchemy import select

from .claims import AuthenticatedUser, access_claims, profile_claims
from .clients import DevClient
from .models import AuthorizationCode

if TYPE_CHECKING:
    from .server import DevIssuer


class AccessTokens(JWTBearerTokenGenerator):
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


class IdTokenForCode(_IdTokenClaims, OpenIDCode):
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


class IdToken(_IdTokenClaims, OpenIDToken):
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


class AccessTokenValidator(JWTBearerTokenValidator):
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


class IssuerUserInfo(UserInfoEndpoint):
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


class EndSession(EndSessionEndpoint):
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
