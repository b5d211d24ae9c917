"""Accounts in identity's own `user_account` table (embedded profile, dev issuer)."""
from __future__ import annotations

import uuid
from typing import Any

from epimorfosi_platform.db import conflict_aware_insert
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ..accounts.models import UserAccount, UserRole
from ..accounts.rules import normalize_email
from .interface import PROFILE_FIELDS, Account, EmailTaken, NewAccount


class LocalDirectory:
    """Accounts in identity's own `user_account` table (embedded profile, dev issuer)."""

    def __init__(self, session: Session):
        self.session = session

    @staticmethod
    def _account(row: UserAccount | None) -> Account | None:
        if row is None:
            return None
        return Account(
            id=str(row.id), email=row.email, first_name=row.first_name, last_name=row.last_name,
            enabled=row.enabled, email_verified=row.email_verified, afm=row.afm,
            registry_number=row.registry_number, gender=row.gender, father_name=row.father_name,
            mother_name=row.mother_name, birth_year=row.birth_year, centre_id=row.centre_id,
            gsis_verified_at=row.gsis_verified_at, roles=tuple(row.roles), created_at=row.created_at,
        )

    def _row(self, account_id: str) -> UserAccount | None:
        try:
            return self.session.get(UserAccount, uuid.UUID(str(account_id)))
        except ValueError:
            return None

    def create_user(self, new: NewAccount, password: str) -> str:
        user_id = uuid.uuid4()
        table = UserAccount.__table__
        inserted = self.session.execute(
            conflict_aware_insert(self.session, table)
            .values(
                id=user_id, email=normalize_email(new.email), password_hash=generate_password_hash(password),
                first_name=new.first_name, last_name=new.last_name, centre_id=new.centre_id, afm=new.afm,
                registry_number=new.registry_number, email_verified=new.email_verified, enabled=new.enabled,
                gender=new.gender, father_name=new.father_name, mother_name=new.mother_name,
                birth_year=new.birth_year, gsis_verified_at=new.gsis_verified_at,
            )
            .on_conflict_do_nothing()  # e-mail or ΑΦΜ: the unique constraints decide
            .returning(table.c.id)
        ).scalar()
        if inserted is None:
            raise EmailTaken(new.email)
        for role in sorted(set(new.roles)):
            self.session.execute(UserRole.__table__.insert().values(user_id=user_id, role=role))
        return str(user_id)

    def get(self, account_id: str) -> Account | None:
        return self._account(self._row(account_id))

    def find_by_email(self, email: str) -> Account | None:
        return self._account(
            self.session.scalar(select(UserAccount).where(UserAccount.email == normalize_email(email)))
        )

    def find_by_afm(self, afm: str) -> Account | None:
        return self._account(self.session.scalar(select(UserAccount).where(UserAccount.afm == afm)))

    def find_by_registry_number(self, registry_number: str) -> Account | None:
        rows = self.session.scalars(
            select(UserAccount).where(UserAccount.registry_number == registry_number).limit(2)
        ).all()
        return self._account(rows[0]) if len(rows) == 1 else None  # ambiguous: nobody

    def set_password(self, account_id: str, password: str) -> None:
        row = self._row(account_id)
        if row is not None:
            row.password_hash = generate_password_hash(password)

    def mark_verified(self, account_id: str) -> None:
        row = self._row(account_id)
        if row is not None:
            row.email_verified = True
            row.enabled = True

    def update_profile(self, account_id: str, **changes: Any) -> None:
        row = self._row(account_id)
        if row is None:
            return
        for name, value in changes.items():
            if name not in PROFILE_FIELDS:
                raise ValueError(f"unknown profile field {name}")
            setattr(row, name, value if value is not None or name != "first_name" else "")
        self.session.flush()

    def clear_login_failures(self, account_id: str) -> None:
        return None  # the dev issuer does not count failures

    def unactivated_registrations(self, limit: int) -> list[Account]:
        # In the same database and transaction as the claims: a crash leaves no orphan here, and
        # every row this returns has its claim (kept for the one protocol).
        rows = self.session.scalars(
            select(UserAccount).where(UserAccount.enabled.is_(False), UserAccount.email_verified.is_(False),
                                      UserAccount.gsis_verified_at.is_not(None))
            .order_by(UserAccount.created_at).limit(limit)
        ).all()
        return [self._account(row) for row in rows]

    def delete_user(self, account_id: str) -> None:
        row = self._row(account_id)
        if row is not None:
            self.session.delete(row)
