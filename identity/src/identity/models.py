"""Tables owned by identity: accounts (dev issuer's directory), the ΑΦΜ/e-mail claims that keep
one account per person, GSIS flows, single-use links, support requests and, for the dev OIDC issuer,
its keys, codes and refresh tokens."""
from __future__ import annotations

import uuid
from datetime import datetime

from epimorfosi_platform.db import make_base
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    func,
    text,
)
from epimorfosi_platform.columns import UtcDateTime
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .domain import ROLES, SUPPORT_STATUSES, SUPPORT_TOPICS

GSIS_PURPOSES = ("registration", "confirm", "reset-password", "forgot-email")
ACTION_PURPOSES = ("verify-email", "reset-password")


def _in(column: str, values) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"

Base = make_base()


class UserAccount(Base):
    """A person who logs in. The e-mail (lower case) is the username."""

    __tablename__ = "user_account"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # werkzeug.security hash (scrypt); NULL while an account has no password (e.g. GSIS-only start).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(100), server_default="")
    last_name: Mapped[str] = mapped_column(String(100), server_default="")
    centre_id: Mapped[str | None] = mapped_column(String(20))  # ΚΣΕ of a kse-head / coordinator
    afm: Mapped[str | None] = mapped_column(String(9), unique=True)  # one ΑΦΜ, one person
    registry_number: Mapped[str | None] = mapped_column(String(20))  # Α.Μ. (or the ΑΦΜ when none)
    email_verified: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)
    gsis_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # False from GSIS registration until the activation link is followed (Keycloak: `enabled`).
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"), default=True)
    gender: Mapped[str | None] = mapped_column(String(1))
    father_name: Mapped[str | None] = mapped_column(String(100))
    mother_name: Mapped[str | None] = mapped_column(String(100))
    birth_year: Mapped[int | None] = mapped_column(Integer)

    role_rows: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def roles(self) -> list[str]:
        return [r.role for r in self.role_rows]


class UserRole(Base):
    __tablename__ = "user_role"
    __table_args__ = (
        # Only realm roles: a typo here would silently grant nothing (or the wrong thing).
        CheckConstraint("role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="known_role"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)

    user: Mapped[UserAccount] = relationship(back_populates="role_rows")


class SigningKey(Base):
    """RSA keys of the dev issuer, shared by every worker and restart through the database."""

    __tablename__ = "signing_key"
    __table_args__ = (
        # At most one active key: two workers creating the first key at once cannot both win.
        Index("uq_signing_key_active", "active", unique=True, sqlite_where=text("active"), postgresql_where=text("active")),
    )

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    active: Mapped[bool] = mapped_column(Boolean)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuthorizationCode(Base):
    """A one-time code of the dev issuer; only its SHA-256 is stored."""

    __tablename__ = "oidc_authorization_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    redirect_uri: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    nonce: Mapped[str | None] = mapped_column(String(255))
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(10))
    sid: Mapped[str] = mapped_column(String(64))
    auth_time: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RefreshToken(Base):
    """A refresh token of the dev issuer (opaque; only its SHA-256 is stored). Rotated on every use."""

    __tablename__ = "oidc_refresh_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(Text)
    sid: Mapped[str] = mapped_column(String(64), index=True)
    auth_time: Mapped[int] = mapped_column(Integer)
    # The code it came from: a replayed code revokes what that code produced (RFC 6749 §4.1.2).
    code_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AccountClaim(Base):
    """One account per ΑΦΜ and per e-mail, whichever directory holds the accounts (Keycloak or the
    table above). Written in the registration's transaction before the account is created, so the
    unique constraints decide between two concurrent registrations, never a search."""

    __tablename__ = "account_claim"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    afm: Mapped[str] = mapped_column(String(9), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    account_id: Mapped[str | None] = mapped_column(String(64), index=True)  # Keycloak id or user_account.id
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class GsisFlow(Base):
    """One round trip through GSIS (Taxisnet), kept on the server: the browser only carries the
    random `state` (stored hashed) and an HttpOnly cookie that binds the flow to that browser."""

    __tablename__ = "gsis_flow"
    __table_args__ = (CheckConstraint(_in("purpose", GSIS_PURPOSES), name="known_purpose"),)

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    binding_hash: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))  # reset-password: the e-mail given first
    account_id: Mapped[str | None] = mapped_column(String(64))  # confirm: the logged-in account
    identity: Mapped[str | None] = mapped_column(Text)  # JSON of the GSIS record after the callback
    authenticated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class ActionToken(Base):
    """A single-use link sent by e-mail (activation, password reset); only its SHA-256 is stored."""

    __tablename__ = "action_token"
    __table_args__ = (CheckConstraint(_in("purpose", ACTION_PURPOSES), name="known_purpose"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[str] = mapped_column(String(64), index=True)
    email: Mapped[str] = mapped_column(String(254))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class SupportRequest(Base):
    """A request for help ("Αίτημα υποστήριξης"): the requester sees their own, helpdesk agents all."""

    __tablename__ = "support_request"
    __table_args__ = (
        CheckConstraint(_in("topic", SUPPORT_TOPICS), name="known_topic"),
        CheckConstraint(_in("status", SUPPORT_STATUSES), name="known_status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    topic: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text)
    afm: Mapped[str | None] = mapped_column(String(9))
    contact_email: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20), server_default="open", default="open")
    requester_subject: Mapped[str] = mapped_column(String(64), index=True)
    requester_name: Mapped[str] = mapped_column(String(200), server_default="")
    handled_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())
