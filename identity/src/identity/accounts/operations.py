"""Use cases on the dev issuer's own accounts (its seed and login form). Each writes its
integration events to the outbox in the caller's transaction, so the account and its event commit
(or vanish) together."""
from __future__ import annotations

import uuid
from typing import Iterable

from epimorfosi_platform import Runtime
from epimorfosi_platform.errors import Invalid
from epimorfosi_platform.db import conflict_aware_insert
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .models import UserAccount, UserRole
from .rules import normalize_email, password_errors, role_errors

# Checked when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password
# and response times don't tell which e-mails have accounts.
_DUMMY_HASH = generate_password_hash("not-a-real-password-Aa1!")


def create_account(
    session: Session,
    runtime: Runtime,
    *,
    email: str,
    password: str | None,
    password_hash: str | None = None,
    first_name: str = "",
    last_name: str = "",
    roles: Iterable[str] = (),
    centre_id: str | None = None,
    afm: str | None = None,
    registry_number: str | None = None,
    email_verified: bool = False,
    correlation_id: str | None = None,
) -> uuid.UUID | None:
    """Create an account with its roles and write `identity.user.registered.v1`.

    Returns the new id, or None when an account with this e-mail already exists. The check is
    the unique constraint itself (INSERT .. ON CONFLICT DO NOTHING), so two processes creating
    the same account at once end with one account and one event. `password_hash` replaces
    `password` when the caller already holds a hash (hashing is deliberately slow).
    """
    roles = sorted(set(roles))
    errors = role_errors(roles, centre_id)
    if password is not None:
        errors += password_errors(password)
    if errors:
        raise Invalid("Τα στοιχεία του λογαριασμού δεν είναι έγκυρα.", errors=errors)
    email = normalize_email(email)
    user_id = uuid.uuid4()
    table = UserAccount.__table__
    inserted = session.execute(
        conflict_aware_insert(session, table)
        .values(
            id=user_id,
            email=email,
            password_hash=generate_password_hash(password) if password is not None else password_hash,
            first_name=first_name,
            last_name=last_name,
            centre_id=centre_id,
            afm=afm,
            registry_number=registry_number,
            email_verified=email_verified,
        )
        .on_conflict_do_nothing(index_elements=[table.c.email])
        .returning(table.c.id)
    ).scalar()
    if inserted is None:
        return None
    for role in roles:
        session.execute(UserRole.__table__.insert().values(user_id=user_id, role=role))
    runtime.outbox.add(session, _registered(runtime, user_id, first_name, last_name, roles, centre_id,
                                            email_verified, correlation_id))
    return user_id


def authenticate_password(session: Session, email: str, password: str) -> UserAccount | None:
    """The account when the e-mail and password match, else None (same cost either way)."""
    user = session.scalar(select(UserAccount).where(UserAccount.email == normalize_email(email)))
    if user is None or user.password_hash is None or not user.enabled:
        # Unknown, without a password, or registered but not yet activated by the e-mail link.
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def _registered(runtime: Runtime, user_id: uuid.UUID, first_name: str, last_name: str, roles: list[str],
                centre_id: str | None, email_verified: bool, correlation_id: str | None):
    return runtime.events.make(
        "identity.user.registered.v1",
        subject=str(user_id),
        data={
            "user_id": str(user_id),
            "first_name": first_name,
            "last_name": last_name,
            "roles": roles,
            "centre_id": centre_id,
            "email_verified": email_verified,
            "gsis_verified": False,
        },
        correlationid=correlation_id,
    )
