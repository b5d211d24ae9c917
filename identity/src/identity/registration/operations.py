"""Use cases of registration: `register` (GSIS record + form → a disabled account and an
activation link), `verify_email` (the link activates it) and `resend_verification`. Errors are
domain errors with Greek texts; any of them rolls the whole request back (and a Keycloak user
created on the way is deleted again, see directory.KeycloakDirectory)."""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..accounts.models import AccountClaim
from ..accounts.queries import afm_claimed
from ..profile_event import emit_profile_changed
from ..accounts.rules import display_name, normalize_email, password_errors
from ..context import IdentityContext
from ..directory import AccountDirectory, EmailTaken, NewAccount, PasswordRejected, reachable
from ..gsis_flow.models import GsisFlow
from ..gsis_flow.operations import complete_flow, gsis_record
from ..links.operations import issue_link, link_invalid, use_link
from ..mail import verification_mail
from ..states import LinkPurpose
from ..timing import no_sooner_than
from .rules import (
    MSG_AFM_TAKEN,
    MSG_CHECK_FIELDS,
    MSG_EMAIL_TAKEN,
    REGISTRATION_ROLE,
    is_orphan_registration,
    registration_errors,
)

log = logging.getLogger(__name__)

MSG_REGISTERED = (
    "Η εγγραφή σας έγινε με επιτυχία. Σας στείλαμε e-mail στη διεύθυνση που δώσατε· ακολουθήστε τον "
    "σύνδεσμο του μηνύματος για να ενεργοποιήσετε τον λογαριασμό σας (αναζητήστε το και στην "
    "ανεπιθύμητη αλληλογραφία)."
)


def _email_taken() -> Conflict:
    return Conflict(MSG_EMAIL_TAKEN, slug="email-already-registered", errors={"email": [MSG_EMAIL_TAKEN]})


def _form(form: dict[str, Any]) -> tuple[str, str, str, str]:
    """The form's values, normalised and checked: e-mail, password, gender, Α.Μ."""
    email = normalize_email(form.get("email") or "")
    password = form.get("password") or ""
    gender = (form.get("gender") or "").strip()
    registry_number = "".join((form.get("registry_number") or "").split())
    errors = registration_errors(email=email, password=password, gender=gender, registry_number=registry_number)
    if errors:
        raise Invalid(MSG_CHECK_FIELDS, errors=errors)
    return email, password, gender, registry_number


def _claim(session: Session, ctx: IdentityContext, afm: str, email: str) -> uuid.UUID:
    """The database decides between concurrent registrations: one claim per ΑΦΜ and per e-mail."""
    claim_id = session.execute(
        conflict_aware_insert(session, AccountClaim.__table__)
        .values(id=uuid.uuid4(), afm=afm, email=email, created_at=ctx.clock.now())
        .on_conflict_do_nothing()
        .returning(AccountClaim.__table__.c.id)
    ).scalar()
    if claim_id is None:
        if afm_claimed(session, afm):
            raise Conflict(MSG_AFM_TAKEN, slug="afm-already-registered")
        raise _email_taken()
    return claim_id


def _create(directory: AccountDirectory, new: NewAccount, password: str) -> str:
    try:
        return directory.create_user(new, password)
    except EmailTaken:
        raise _email_taken()
    except PasswordRejected:
        raise Invalid(MSG_CHECK_FIELDS, errors={"password": password_errors(password) or ["Ο κωδικός δεν είναι αποδεκτός."]})


def register(session: Session, ctx: IdentityContext, flow: GsisFlow, form: dict[str, Any]) -> dict[str, Any]:
    """Create the account from the GSIS record plus what the person completed; mail the activation link."""
    email, password, gender, registry_number = _form(form)
    gsis = gsis_record(flow)
    afm = gsis["afm"]
    complete_flow(session, ctx, flow)
    directory = ctx.directory(session)
    new = NewAccount(
        email=email,
        first_name=gsis["first_name"],
        last_name=gsis["last_name"],
        afm=afm,
        registry_number=registry_number or afm,  # the manual: no Α.Μ. → the ΑΦΜ
        gender=gender,
        father_name=gsis.get("father_name") or None,
        mother_name=gsis.get("mother_name") or None,
        birth_year=gsis.get("birth_year"),
        gsis_verified_at=ctx.clock.now(),  # certified by GSIS just now
        roles=(REGISTRATION_ROLE,),
        enabled=False,  # until the activation link
        email_verified=False,
    )
    with reachable():
        release_orphan_afm(session, ctx, directory, afm)
        if directory.find_by_afm(afm) is not None:
            raise Conflict(MSG_AFM_TAKEN, slug="afm-already-registered")
        claim_id = _claim(session, ctx, afm, email)
        account_id = _create(directory, new, password)
    session.execute(update(AccountClaim).where(AccountClaim.id == claim_id).values(account_id=account_id))
    emit(session, "identity.user.registered.v1", account_id, {
        "user_id": account_id, "first_name": new.first_name, "last_name": new.last_name,
        "roles": [REGISTRATION_ROLE], "centre_id": None, "email_verified": False, "gsis_verified": True,
    })
    emit_profile_changed(session, account_id, first_name=new.first_name, last_name=new.last_name,
                         father_name=new.father_name, registry_number=new.registry_number, email=email,
                         changed_at=new.gsis_verified_at)
    _mail_activation(session, ctx, account_id, email, display_name(new.first_name, new.last_name, email))
    return {"email": email, "detail": MSG_REGISTERED}


def _mail_activation(session: Session, ctx: IdentityContext, account_id: str, email: str, name: str) -> None:
    hours = ctx.settings.verification_hours
    link = issue_link(session, ctx, LinkPurpose.VERIFY_EMAIL, account_id, email, hours)
    ctx.mail.queue(session, verification_mail(email, name, link, hours))


def verify_email(session: Session, ctx: IdentityContext, token: str | None) -> dict[str, Any]:
    row = use_link(session, ctx, token, LinkPurpose.VERIFY_EMAIL)
    directory = ctx.directory(session)
    with reachable():
        account = directory.get(row.account_id)
        if account is None:
            raise link_invalid()
        directory.mark_verified(row.account_id)
    emit(
        session, "identity.user.verified.v1",
        row.account_id,
        {"user_id": row.account_id, "method": "email", "email_verified": True,
         "gsis_verified": account.gsis_verified_at is not None},
    )
    return {
        "email": row.email,
        "detail": "Ο λογαριασμός σας ενεργοποιήθηκε. Μπορείτε να συνδεθείτε με το e-mail και τον κωδικό σας.",
    }


def resend_verification(session: Session, ctx: IdentityContext, email: str) -> dict[str, Any]:
    """A new activation link for an account not yet activated; the same answer for any e-mail."""
    with no_sooner_than(ctx.settings.recovery_min_seconds):
        email = normalize_email(email)
        with reachable():
            account = ctx.directory(session).find_by_email(email)
        if account is not None and not account.email_verified:
            name = display_name(account.first_name, account.last_name, email)
            _mail_activation(session, ctx, account.id, account.email, name)
    return {"detail": "Αν υπάρχει λογαριασμός που περιμένει ενεργοποίηση με αυτό το e-mail, στάλθηκε νέος σύνδεσμος."}


# -- orphans of crashed registrations (rules.is_orphan_registration) -------------------------------
def _claimed(session: Session, account_ids: list[str]) -> set[str]:
    if not account_ids:
        return set()
    return set(session.scalars(select(AccountClaim.account_id).where(AccountClaim.account_id.in_(account_ids))))


def _orphan_grace(ctx: IdentityContext) -> timedelta:
    return timedelta(minutes=ctx.settings.orphan_registration_minutes)


def release_orphan_afm(session: Session, ctx: IdentityContext, directory: AccountDirectory, afm: str) -> None:
    """Before a registration checks the ΑΦΜ: an orphan holding it is removed, so the person who
    registered when the process crashed can register again at once."""
    holder = directory.find_by_afm(afm)
    if holder is not None and is_orphan_registration(
            holder, claimed=bool(_claimed(session, [holder.id])), now=ctx.clock.now(), grace=_orphan_grace(ctx)):
        directory.delete_user(holder.id)
        log.warning("removed the directory account of a registration that never committed (found by its ΑΦΜ)")


def remove_orphan_registrations(session: Session, ctx: IdentityContext, limit: int = 500) -> int:
    """The reconciliation job (`python -m identity reconcile-registrations`, and every few minutes
    in the worker): delete the directory accounts that crashed registrations left; returns how many."""
    directory = ctx.directory(session)
    with reachable():
        candidates = directory.unactivated_registrations(limit)
        claimed = _claimed(session, [a.id for a in candidates])
        now, grace = ctx.clock.now(), _orphan_grace(ctx)
        orphans = [a for a in candidates if is_orphan_registration(a, claimed=a.id in claimed, now=now, grace=grace)]
        for account in orphans:
            directory.delete_user(account.id)
    if orphans:
        log.warning("removed %d directory account(s) of registrations that never committed", len(orphans))
    return len(orphans)
