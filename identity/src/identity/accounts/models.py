"""Tables of accounts: the dev issuer's directory (`user_account`, `user_role`) and the ΑΦΜ/e-mail
claims that keep one account per person whichever directory holds the accounts."""
from __future__ import annotations

import uuid
from datetime import datetime

from epimorfosi_platform.columns import UtcDateTime
from epimorfosi_platform.roles import Role
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, one_of


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
        CheckConstraint(one_of("role", Role), name="known_role"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)

    user: Mapped[UserAccount] = relationship(back_populates="role_rows")


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
