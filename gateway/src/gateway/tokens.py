"""The token check at the edge, with the platform's TokenVerifier (RS256 only, JWKS cached and
refetched on an unknown `kid`). The result is kept on `g` so the rate limiter's key and the proxy
view verify a token once per request."""
from __future__ import annotations

import logging

import jwt
from flask import g, request

from epimorfosi_platform.auth import InvalidToken, Principal, TokenVerifier, bearer_token
from epimorfosi_platform.clock import Clock, SystemClock
from epimorfosi_platform.problems import Problem

log = logging.getLogger(__name__)

_UNSET = object()


class VerifiedTokens:
    """TokenVerifier with a short memory: a client sends the same token with every request, and
    parsing plus an RSA check per request is the largest CPU cost of the gateway's hot path. Keyed
    by the exact token string; an entry lives until the token's `exp`, at most `max_age` seconds
    (the delay with which a signing key withdrawn from the JWKS stops being honoured)."""

    def __init__(self, verifier: TokenVerifier, max_age: float = 60.0, max_entries: int = 20000,
                 clock: Clock | None = None):
        self.verifier, self.max_age, self.max_entries = verifier, max_age, max_entries
        self.clock = clock or SystemClock()
        self._entries: dict[str, tuple[float, Principal]] = {}

    def verify(self, token: str) -> Principal:
        now = self.clock.now().timestamp()  # seconds since the epoch, as `exp`
        hit = self._entries.get(token)
        if hit is not None and hit[0] > now:
            return hit[1]
        principal = self.verifier.verify(token)  # raises InvalidToken; failures are never cached
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # crude but bounded; a refill costs one verification per user
        self._entries[token] = (min(float(principal.claims["exp"]), now + self.max_age), principal)
        return principal


def _invalid() -> Problem:
    return Problem(
        401,
        slug="invalid-token",
        detail="Η σύνδεσή σας δεν είναι έγκυρη ή έχει λήξει. Συνδεθείτε ξανά.",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def missing_token() -> Problem:
    return Problem(401, detail="Συνδεθείτε για να συνεχίσετε.", headers={"WWW-Authenticate": "Bearer"})


def _keys_unavailable() -> Problem:
    return Problem(
        503,
        slug="signing-keys-unavailable",
        detail="Δεν είναι δυνατός ο έλεγχος της σύνδεσης αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.",
        headers={"Retry-After": "5"},
    )


def request_principal(verifier: VerifiedTokens) -> Principal | Problem | None:
    """None without an Authorization header; the principal for a valid token; else the problem
    to answer with. Never raises, so the rate limiter can call it for its key."""
    cached = g.get("token_result", _UNSET)
    if cached is not _UNSET:
        return cached
    result: Principal | Problem | None
    if "Authorization" not in request.headers:
        result = None
    else:
        token = bearer_token()
        if token is None:
            result = _invalid()
        else:
            try:
                result = verifier.verify(token)
            except InvalidToken as exc:
                # The issuer could not be reached: that is our outage, not the user's bad token.
                result = _keys_unavailable() if isinstance(exc.__cause__, jwt.PyJWKClientConnectionError) else _invalid()
                log.info("token rejected", extra={"reason": str(exc)})
            except Exception:  # discovery of the JWKS URL failed (issuer down or misconfigured)
                log.warning("token check impossible", exc_info=True)
                result = _keys_unavailable()
    g.token_result = result
    return result
