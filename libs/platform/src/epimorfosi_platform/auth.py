"""OIDC access-token checking (RS256 via the issuer's JWKS) and role/scope helpers."""
from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import jwt
import requests
from flask import current_app, g, request

from .problems import Problem
from .roles import Role

ALLOWED_ALGORITHMS = ("RS256",)


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str]
    scopes: frozenset[str]
    claims: dict[str, Any] = field(repr=False)

    @property
    def centre_id(self) -> str | None:
        """The centre (ΚΣΕ) a kse-head or coordinator belongs to; scopes their data."""
        return self.claims.get("centre_id")

    @property
    def email(self) -> str | None:
        return self.claims.get("email")

    @property
    def afm(self) -> str | None:
        return self.claims.get("afm")

    @property
    def display_name(self) -> str:
        return self.claims.get("name") or self.claims.get("preferred_username") or self.subject

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class TokenVerifier:
    """Checks signature (keys by `kid`, refetched on an unknown `kid` so rotation just works),
    `iss`, `aud`, `exp`/`nbf` and the algorithm allow-list."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        algorithms: Iterable[str] = ALLOWED_ALGORITHMS,
        leeway_seconds: int = 30,
        http_timeout: float = 5.0,
    ):
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.algorithms = tuple(algorithms)
        self.leeway = leeway_seconds
        self.http_timeout = http_timeout
        self._jwks_url = jwks_url
        self._jwks_client: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def _client(self) -> jwt.PyJWKClient:
        with self._lock:
            if self._jwks_client is None:
                url = self._jwks_url or self._discover_jwks_url()
                self._jwks_client = jwt.PyJWKClient(url, cache_keys=True, lifespan=300, timeout=self.http_timeout)
            return self._jwks_client

    def _discover_jwks_url(self) -> str:
        response = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=self.http_timeout)
        response.raise_for_status()
        return response.json()["jwks_uri"]

    def signing_keys_available(self) -> bool:
        return bool(self._client().get_signing_keys())

    def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token") from exc
        if header.get("alg") not in self.algorithms:
            raise InvalidToken(f"algorithm {header.get('alg')!r} not allowed")
        try:
            key = self._client().get_signing_key_from_jwt(token)
        except jwt.PyJWKClientError as exc:
            raise InvalidToken(f"no signing key: {exc}") from exc
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=list(self.algorithms),
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        return principal_from_claims(claims)


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    roles = (claims.get("realm_access") or {}).get("roles") or []
    return Principal(
        subject=str(claims["sub"]),
        roles=frozenset(roles),
        scopes=frozenset((claims.get("scope") or "").split()),
        claims=claims,
    )


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate() -> Principal:
    """The caller's principal for this request; 401 problem when there is no valid token."""
    if "principal" in g:
        return g.principal
    token = bearer_token()
    if token is None:
        raise Problem(401, detail="Συνδεθείτε για να συνεχίσετε.", headers={"WWW-Authenticate": "Bearer"})
    verifier: TokenVerifier = current_app.extensions["epimorfosi"].verifier
    try:
        g.principal = verifier.verify(token)
    except InvalidToken:
        raise Problem(
            401,
            slug="invalid-token",
            detail="Η σύνδεσή σας δεν είναι έγκυρη ή έχει λήξει. Συνδεθείτε ξανά.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return g.principal


def require_roles(*roles: Role, scopes: Iterable[str] = ()) -> Callable:
    """View decorator: a valid token (401 otherwise) with one of `roles` and all `scopes` (403 otherwise)."""
    needed_scopes = frozenset(scopes)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            principal = authenticate()
            if roles and not principal.has_role(*roles):
                raise Problem(403, detail="Ο ρόλος σας δεν επιτρέπει αυτή την ενέργεια.")
            if not needed_scopes <= principal.scopes:
                raise Problem(403, slug="insufficient-scope", detail="Η σύνδεση δεν καλύπτει αυτή την ενέργεια.")
            return view(*args, **kwargs)

        wrapper.required_roles = roles  # documented in OpenAPI
        return wrapper

    return decorator


def require_centre_scope(principal: Principal, centre_id: str) -> None:
    """Data scope: a centre's people act only on their own centre; central administrators on all."""
    if principal.has_role(Role.CENTRAL_ADMIN):
        return
    if principal.centre_id != centre_id:
        raise Problem(403, slug="out-of-scope", detail="Έχετε πρόσβαση μόνο στα στοιχεία του δικού σας ΚΣΕ.")
