"""Signing keys of the dev issuer, kept in the service's database so every gunicorn worker and
every restart signs with (and publishes) the same keys.

Dev only: the private keys are stored unencrypted. Keycloak holds the keys in the stack profile.
"""
from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime, timedelta, timezone

from epimorfosi_platform.db import Database
from joserfc.jwk import KeySet, RSAKey
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from .models import SigningKey

KEY_PARAMETERS = {"use": "sig", "alg": "RS256"}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _load(row: SigningKey) -> RSAKey:
    return RSAKey.import_key(row.private_pem, parameters={"kid": row.kid, **KEY_PARAMETERS})


class SigningKeys:
    # Retired keys stay in the JWKS longer than any token they signed can live (refresh included).
    retired_published_for = timedelta(hours=12)
    # How long a worker keeps signing with the key it knows before looking for a rotation.
    cache_seconds = 30.0

    def __init__(self, db: Database):
        self.db = db
        self._lock = threading.Lock()
        self._cached: tuple[float, RSAKey] | None = None

    def current(self) -> RSAKey:
        """The active private key (created on first use)."""
        with self._lock:
            if self._cached and time.monotonic() - self._cached[0] < self.cache_seconds:
                return self._cached[1]
            key = _load(self._active_row() or self.create_or_join_active())
            self._cached = (time.monotonic(), key)
            return key

    def signing_keyset(self) -> KeySet:
        """Only the current key: joserfc then writes its `kid` into the JWT header."""
        return KeySet([self.current()])

    def _active_row(self) -> SigningKey | None:
        with self.db.session() as s:
            return s.scalar(select(SigningKey).where(SigningKey.active.is_(True)))

    def create_or_join_active(self) -> SigningKey:
        """Insert a new active key; when another process got there first, the partial unique
        index refuses ours and we use theirs. No "check then insert": the constraint decides."""
        key = RSAKey.generate_key(2048, parameters=KEY_PARAMETERS)
        row = SigningKey(kid=key.thumbprint(), private_pem=key.as_pem(private=True).decode(), active=True)
        try:
            with self.db.session() as s, s.begin():
                s.add(row)
        except IntegrityError:
            pass
        winner = self._active_row()
        if winner is None:  # pragma: no cover - only if someone retired it in between
            raise RuntimeError("no active signing key after creating one")
        return winner

    def rotate(self) -> str:
        """Retire the active key and activate a new one, in one transaction; returns the new kid.
        The retired key stays published for a while so tokens it signed still verify."""
        key = RSAKey.generate_key(2048, parameters=KEY_PARAMETERS)
        with self.db.session() as s, s.begin():
            s.execute(update(SigningKey).where(SigningKey.active.is_(True)).values(active=False, retired_at=_now()))
            s.add(SigningKey(kid=key.thumbprint(), private_pem=key.as_pem(private=True).decode(), active=True))
        with self._lock:
            self._cached = None
        return key.thumbprint()

    def public_jwks(self) -> dict:
        """JWKS document: the active key and recently retired ones (verifiers pick by `kid`)."""
        if self._active_row() is None:
            self.current()
        since = _now() - self.retired_published_for
        with self.db.session() as s:
            rows = s.scalars(
                select(SigningKey)
                .where(or_(SigningKey.active.is_(True), SigningKey.retired_at >= since))
                .order_by(SigningKey.active.desc(), SigningKey.created_at.desc())
            ).all()
        keys = []
        for row in rows:
            if not row.active and (row.retired_at is None or _aware(row.retired_at) < since):
                continue
            keys.append(_load(row).as_dict(private=False))
        return {"keys": keys}

    def session_secret(self) -> bytes:
        """Secret for the SSO session cookie, the same in every worker. Derived from the active
        key, so a rotation also ends the dev SSO sessions (users just log in again)."""
        pem = self.current().as_pem(private=True)
        return hashlib.sha256(b"epimorfosi-dev-issuer-sso\x00" + pem).digest()
