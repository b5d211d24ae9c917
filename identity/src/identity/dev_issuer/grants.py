"""The dev issuer's grants: authorization code with PKCE (S256) and rotating refresh tokens.
Each consumes its code or token atomically, in a short transaction of its own."""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc7636 import CodeChallenge
from sqlalchemy import update

from .claims import AuthenticatedUser, IssuedCode, IssuedRefreshToken, digest, now
from .clients import DevClient
from .models import AuthorizationCode, RefreshToken

if TYPE_CHECKING:
    from .server import DevIssuer


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


class CodeGrant(grants.AuthorizationCodeGrant):
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
                    expires_at=now() + timedelta(seconds=self.dev_issuer.lifetimes.code),
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
                    AuthorizationCode.expires_at > now(),
                )
                .values(used_at=now())
            ).rowcount
            row = s.get(AuthorizationCode, code_hash)
            if consumed == 1:
                return IssuedCode(row)
            if row is not None and row.used_at is not None:
                # A replayed code: revoke what it produced (RFC 6749 §4.1.2).
                s.execute(
                    update(RefreshToken)
                    .where(RefreshToken.code_hash == code_hash, RefreshToken.revoked_at.is_(None))
                    .values(revoked_at=now())
                )
            return None

    def delete_authorization_code(self, authorization_code: IssuedCode) -> None:
        pass  # already consumed by query_authorization_code; the row stays to detect replays

    def authenticate_user(self, authorization_code: IssuedCode) -> AuthenticatedUser | None:
        row = authorization_code.row
        return self.dev_issuer.load_user(str(row.user_id), row.sid, row.auth_time)


class RefreshGrant(grants.RefreshTokenGrant):
    dev_issuer: DevIssuer
    TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_basic"]  # public clients, and the web's BFF
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
                    RefreshToken.expires_at > now(),
                )
                .values(revoked_at=now())
            ).rowcount
            return IssuedRefreshToken(s.get(RefreshToken, token_hash)) if consumed == 1 else None

    def authenticate_user(self, refresh_token: IssuedRefreshToken) -> AuthenticatedUser | None:
        row = refresh_token.row
        # Loaded afresh: a role given or taken since login shows in the next access token.
        return self.dev_issuer.load_user(str(row.user_id), row.sid, row.auth_time)

    def revoke_old_credential(self, refresh_token: IssuedRefreshToken) -> None:
        pass  # revoked when it was consumed
