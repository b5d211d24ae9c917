"""What the dev issuer's grants and endpoints share: the signed-in account inside an SSO session,
the claims it carries (the Keycloak realm's), and issued codes and refresh tokens as Authlib sees them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from authlib.oidc.core.models import AuthorizationCodeMixin

from ..accounts.models import UserAccount
from ..accounts.rules import display_name
from .clients import DevClient
from .models import AuthorizationCode, RefreshToken


def now() -> datetime:
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
