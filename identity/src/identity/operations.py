"""State changes of identity. Each writes its integration events to the outbox in the caller's
transaction, so the account and its event commit (or vanish) together."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Iterable

from epimorfosi_platform import Runtime
from epimorfosi_platform.errors import Conflict, Invalid, NotFound
from epimorfosi_platform.db import conflict_aware_insert
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .domain import is_plausible_email, normalize_email, password_errors, role_errors, support_transition_error
from .gsis.afm import InvalidAfm, validate_afm
from .models import SupportRequest, UserAccount, UserRole

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
    event = runtime.events.make(
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
    runtime.outbox.add(session, event)
    return user_id


def authenticate_password(session: Session, email: str, password: str) -> UserAccount | None:
    """The account when the e-mail and password match, else None (same cost either way)."""
    user = session.scalar(select(UserAccount).where(UserAccount.email == normalize_email(email)))
    if user is None or user.password_hash is None or not user.enabled:
        # Unknown, without a password, or registered but not yet activated by the e-mail link.
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


# -- support requests ------------------------------------------------------------------------------


def create_support_request(session: Session, principal, data: dict, *, now: datetime) -> SupportRequest:
    """A new request by the logged-in person; the ΑΦΜ is optional but, when given, must be valid."""
    errors: dict[str, list[str]] = {}
    afm = None
    if (data.get("afm") or "").strip():
        try:
            afm = validate_afm(data["afm"])
        except InvalidAfm as exc:
            errors["afm"] = [exc.message]
    contact = normalize_email(data.get("contact_email") or principal.email or "")
    if not is_plausible_email(contact):
        errors["contact_email"] = ["Δώστε ένα e-mail επικοινωνίας."]
    if errors:
        raise Invalid("Ελέγξτε τα πεδία που επισημαίνονται.", errors=errors)
    request_row = SupportRequest(
        id=uuid.uuid4(),
        topic=data["topic"],
        description=data["description"].strip(),
        afm=afm,
        contact_email=contact,
        status="open",
        requester_subject=principal.subject,
        requester_name=principal.display_name[:200],
        created_at=now,
        updated_at=now,
    )
    session.add(request_row)
    session.flush()
    return request_row


def change_support_status(
    session: Session, principal, request_id: uuid.UUID, status: str, *, now: datetime
) -> SupportRequest:
    """Helpdesk only (checked by the caller); the allowed transitions are domain rules."""
    row = session.get(SupportRequest, request_id, with_for_update=True)
    if row is None:
        raise NotFound("Το αίτημα υποστήριξης δεν βρέθηκε.")
    if error := support_transition_error(row.status, status):
        raise Conflict(error, slug="invalid-status-change")
    row.status = status
    row.handled_by = principal.subject
    row.updated_at = now
    session.flush()
    return row
