"""The web client's own small database: server-side sessions (the tokens never reach the browser)
and sign-in attempts in flight (PKCE verifier, nonce, where to go back to)."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.db import make_base
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

Base = make_base()


class WebSession(Base):
    """One signed-in browser. The cookie holds a random value; the table only its SHA-256."""

    __tablename__ = "web_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(500))  # space-separated realm roles of the access token
    centre_id: Mapped[str | None] = mapped_column(String(20))
    access_token: Mapped[str] = mapped_column(Text)
    access_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    refresh_token: Mapped[str | None] = mapped_column(Text)
    id_token: Mapped[str | None] = mapped_column(Text)  # the hint of RP-initiated logout
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)

    @property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.split())


class LoginAttempt(Base):
    """A sign-in sent to the issuer and not back yet; keyed by the SHA-256 of its `state`."""

    __tablename__ = "web_login_attempt"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    code_verifier: Mapped[str] = mapped_column(String(128))
    nonce: Mapped[str] = mapped_column(String(64))
    return_to: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
