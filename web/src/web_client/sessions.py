"""Server-side sessions: the browser holds a random value in an HttpOnly cookie, this table holds
the SHA-256 of it and the person's tokens. Also the sign-in attempts between login and callback."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import Database
from sqlalchemy import bindparam, delete, select, update

from .models import LoginAttempt, WebSession

SESSIONS = WebSession.__table__

LOGIN_ATTEMPT_SECONDS = 600  # time a person has on the issuer's page before the attempt is void
TOUCH_SECONDS = 60  # last_seen_at is written at most this often: not a database write per request


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(timezone.utc)


class SessionStore:
    def __init__(self, db: Database, idle_seconds: int):
        self.db, self.idle = db, timedelta(seconds=idle_seconds)
        # A session may end up to `touch` early; never more than half of a (short) idle time.
        self.touch = min(timedelta(seconds=TOUCH_SECONDS), self.idle / 2)
        self.by_key = select(SESSIONS).where(SESSIONS.c.id_hash == bindparam("id_hash"))

    def create(self, principal: Principal, tokens: dict) -> str:
        """A new session for a person just signed in; returns the cookie value."""
        value = secrets.token_urlsafe(32)
        moment = now()
        with self.db.session() as s, s.begin():
            # Sessions nobody came back to are cleared here: the web has no worker to do it.
            s.execute(delete(WebSession).where(WebSession.last_seen_at < moment - self.idle))
            s.add(WebSession(
                id_hash=digest(value), subject=principal.subject, display_name=principal.display_name[:200],
                roles=" ".join(sorted(principal.roles)), centre_id=principal.centre_id,
                access_token=tokens["access_token"], access_expires_at=expires_at(tokens),
                refresh_token=tokens.get("refresh_token"), id_token=tokens.get("id_token"),
                csrf_token=secrets.token_urlsafe(32), created_at=moment, last_seen_at=moment,
            ))
        return value

    def load(self, value: str | None) -> WebSession | None:
        """The live session of this cookie, or None (unknown, or idle too long: then it is deleted).
        Every page asks: one primary-key SELECT on a pooled connection (no ORM unit of work); a
        write only when the session is idle-expired or `touch` is due."""
        if not value:
            return None
        key = digest(value)
        with self.db.engine.connect() as connection:
            found = connection.execute(self.by_key, {"id_hash": key}).mappings().first()
            if found is None:
                return None
            row, moment = WebSession(**found), now()
            if moment - row.last_seen_at > self.idle:
                connection.execute(delete(SESSIONS).where(SESSIONS.c.id_hash == key))
                connection.commit()
                return None
            if moment - row.last_seen_at >= self.touch:
                connection.execute(update(SESSIONS).where(SESSIONS.c.id_hash == key).values(last_seen_at=moment))
                connection.commit()
                row.last_seen_at = moment
            return row

    def replace_tokens(self, row: WebSession, tokens: dict) -> None:
        with self.db.session() as s, s.begin():
            stored = s.get(WebSession, row.id_hash)
            if stored is None:
                return
            stored.access_token = row.access_token = tokens["access_token"]
            stored.access_expires_at = row.access_expires_at = expires_at(tokens)
            # Rotating issuers send a new refresh token; others keep the old one valid.
            stored.refresh_token = row.refresh_token = tokens.get("refresh_token") or row.refresh_token
            if tokens.get("id_token"):
                stored.id_token = row.id_token = tokens["id_token"]

    def delete(self, row: WebSession) -> None:
        with self.db.session() as s, s.begin():
            s.execute(delete(WebSession).where(WebSession.id_hash == row.id_hash))

    # -- sign-in attempts ---------------------------------------------------------------------
    def begin_login(self, return_to: str) -> tuple[str, str, str]:
        """(state, nonce, code_verifier) of a new attempt; old attempts are cleared on the way."""
        state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(64)
        moment = now()
        with self.db.session() as s, s.begin():
            s.execute(delete(LoginAttempt).where(
                LoginAttempt.created_at < moment - timedelta(seconds=LOGIN_ATTEMPT_SECONDS)))
            s.add(LoginAttempt(state_hash=digest(state), code_verifier=verifier, nonce=nonce,
                               return_to=return_to, created_at=moment))
        return state, nonce, verifier

    def finish_login(self, state: str) -> LoginAttempt | None:
        """The attempt of this state, used up (a replayed callback finds nothing)."""
        with self.db.session() as s, s.begin():
            row = s.scalar(select(LoginAttempt).where(LoginAttempt.state_hash == digest(state)))
            if row is None:
                return None
            s.delete(row)
            if now() - row.created_at > timedelta(seconds=LOGIN_ATTEMPT_SECONDS):
                return None
            s.flush()
            s.expunge(row)
            return row


def expires_at(tokens: dict) -> datetime:
    return now() + timedelta(seconds=int(tokens.get("expires_in") or 60))
