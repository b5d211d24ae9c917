"""The account flows Keycloak lacks (issue 3), as state changes on the request's transaction:

* GSIS round trip (`start_flow` → GSIS → `finish_callback`), kept server-side by a random state;
* registration (`register`) → activation link (`verify_email`);
* one-time GSIS confirmation of an existing account (`confirm_gsis`);
* forgot password through GSIS (`reset_password_with_gsis`) and forgot e-mail (`flow_view`);
* credential recovery by ΑΦΜ or Α.Μ. with a reset link (`request_credentials`, `reset_password_with_token`).

Errors are domain errors (epimorfosi_platform.errors) with Greek texts; any of them rolls the whole request back (and a Keycloak
user created on the way is deleted again, see directory.KeycloakDirectory)."""
from __future__ import annotations

import json
import logging
import secrets
import time
import uuid
from datetime import timedelta
from typing import Any

from epimorfosi_platform.errors import Conflict, Forbidden, Invalid, Rejected, Unavailable
from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.web import emit
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from .config import IdentityContext
from .directory import Account, DirectoryUnavailable, EmailTaken, NewAccount, PasswordRejected
from .domain import (
    GENDERS,
    MSG_AFM_TAKEN,
    MSG_EMAIL_TAKEN,
    REGISTRATION_ROLE,
    compare_with_gsis,
    display_name,
    gsis_afm_conflict,
    normalize_email,
    password_errors,
    registration_errors,
    token_hash,
)
from .gsis import GsisError, GsisIdentity, GsisUnavailable
from .gsis.afm import InvalidAfm, validate_afm
from .mail import reset_mail, verification_mail
from .models import GSIS_PURPOSES, AccountClaim, ActionToken, GsisFlow

log = logging.getLogger(__name__)

MSG_FLOW_INVALID = "Η ταυτοποίηση μέσω ΓΓΠΣ έληξε ή δεν είναι έγκυρη. Παρακαλούμε ξεκινήστε ξανά."
MSG_FLOW_USED = "Η ταυτοποίηση μέσω ΓΓΠΣ έχει ήδη χρησιμοποιηθεί. Παρακαλούμε ξεκινήστε ξανά."
MSG_RESET_MISMATCH = (
    "Ο ΑΦΜ με τον οποίο συνδεθήκατε στη ΓΓΠΣ δεν αντιστοιχεί στον λογαριασμό με αυτό το e-mail. "
    "Ελέγξτε το e-mail ή χρησιμοποιήστε «Ξέχασα το Email Μητρώου»."
)
MSG_NO_ACCOUNT_FOR_AFM = (
    "Δεν βρέθηκε λογαριασμός με τον ΑΦΜ σας. Μπορείτε να εγγραφείτε με «Εγγραφή μέσω ΓΓΠΣ»."
)
MSG_CONFIRM_AFM_CONFLICT = (
    "Ο ΑΦΜ της ΓΓΠΣ διαφέρει από τον ΑΦΜ του λογαριασμού σας ή ανήκει σε άλλον λογαριασμό. "
    "Πατήστε «Επιστροφή» και υποβάλετε αίτημα στην Τεχνική Υποστήριξη περιγράφοντας το πρόβλημα."
)
MSG_LINK_INVALID = "Ο σύνδεσμος δεν είναι έγκυρος ή έχει λήξει. Ζητήστε νέο σύνδεσμο."
MSG_LINK_USED = "Ο σύνδεσμος έχει ήδη χρησιμοποιηθεί."
MSG_RECOVERY_SENT = (
    "Αν τα στοιχεία που δώσατε αντιστοιχούν σε λογαριασμό, θα λάβετε σε λίγο μήνυμα στο δηλωμένο e-mail "
    "με οδηγίες για την ανάκτηση των κωδικών σας. Αναζητήστε το και στην ανεπιθύμητη αλληλογραφία."
)
MSG_DIRECTORY_DOWN = "Η υπηρεσία λογαριασμών δεν είναι διαθέσιμη αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο."


def directory_down(exc: DirectoryUnavailable) -> Unavailable:
    return Unavailable(MSG_DIRECTORY_DOWN, slug="directory-unavailable")


def _identity_dict(identity: GsisIdentity) -> dict[str, Any]:
    return {
        "afm": identity.afm,
        "last_name": identity.last_name,
        "first_name": identity.first_name,
        "father_name": identity.father_name,
        "mother_name": identity.mother_name,
        "birth_year": identity.birth_year,
    }


# -- the GSIS round trip ---------------------------------------------------------------------------


def start_flow(
    session: Session, ctx: IdentityContext, purpose: str, *, email: str | None = None, account_id: str | None = None
) -> dict[str, Any]:
    """A new flow: returns the state, the browser-binding secret (for an HttpOnly cookie) and the
    GSIS authorisation URL to send the browser to."""
    if purpose not in GSIS_PURPOSES:
        raise Invalid("Άγνωστη διαδικασία ταυτοποίησης.", errors={"purpose": ["Μη έγκυρη τιμή."]})
    if purpose == "reset-password":
        email = normalize_email(email or "")
        if not email:
            raise Invalid("Δώστε το e-mail της εγγραφής σας.", errors={"email": ["Το πεδίο είναι υποχρεωτικό."]})
    now = ctx.clock.now()
    session.execute(delete(GsisFlow).where(GsisFlow.expires_at < now - timedelta(hours=1)))
    state, binding = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires_at = now + timedelta(minutes=ctx.config.gsis_flow_minutes)
    session.add(
        GsisFlow(
            state_hash=token_hash(state),
            binding_hash=token_hash(binding),
            purpose=purpose,
            email=email if purpose == "reset-password" else None,
            account_id=account_id,
            expires_at=expires_at,
            created_at=now,
        )
    )
    return {
        "state": state,
        "binding": binding,
        "authorize_url": ctx.gsis().authorize_url(ctx.callback_url, state),
        "expires_at": expires_at,
    }


def load_flow(
    session: Session, ctx: IdentityContext, state: str | None, binding: str | None, *,
    purpose: str | None = None, authenticated: bool = True,
) -> GsisFlow:
    flow = session.get(GsisFlow, token_hash(state)) if state else None
    if (
        flow is None
        or not binding
        or not secrets.compare_digest(flow.binding_hash, token_hash(binding))
        or flow.expires_at <= ctx.clock.now()
        or (purpose is not None and flow.purpose != purpose)
    ):
        raise Rejected(MSG_FLOW_INVALID, slug="gsis-flow-invalid")
    if authenticated and flow.identity is None:
        raise Rejected(MSG_FLOW_INVALID, slug="gsis-flow-invalid")
    if flow.completed_at is not None:
        raise Conflict(MSG_FLOW_USED, slug="gsis-flow-used")
    return flow


def gsis_identity(flow: GsisFlow) -> dict[str, Any]:
    return json.loads(flow.identity or "{}")


def finish_callback(
    session: Session, ctx: IdentityContext, *, state: str | None, binding: str | None, code: str | None, error: str | None
) -> GsisFlow:
    """GSIS sent the browser back: exchange the code, fetch the certified record, keep it in the flow."""
    flow = load_flow(session, ctx, state, binding, authenticated=False)
    if flow.identity is not None:
        raise Conflict(MSG_FLOW_USED, slug="gsis-flow-used")
    if error:
        detail = (
            "Η ταυτοποίηση στη ΓΓΠΣ ακυρώθηκε."
            if error == "access_denied"
            else "Η ΓΓΠΣ δεν ολοκλήρωσε την ταυτοποίηση. Παρακαλούμε δοκιμάστε ξανά."
        )
        raise Rejected(detail, slug="gsis-denied")
    client = ctx.gsis()
    try:
        identity = client.fetch_userinfo(client.exchange_code(code or "", ctx.callback_url))
    except GsisUnavailable as exc:
        raise Unavailable(exc.message, slug="gsis-unavailable")
    except GsisError as exc:
        log.warning("GSIS callback failed: %s", exc.code)
        raise Rejected(exc.message, slug="gsis-failed", code=exc.code)
    record = _identity_dict(identity)
    if flow.purpose == "reset-password":
        account = ctx.directory(session).find_by_email(flow.email or "")
        # Same answer whether the e-mail has no account or another person's: GSIS proved only the ΑΦΜ.
        flow.account_id = account.id if account is not None and account.afm == identity.afm else None
    claimed = session.execute(
        update(GsisFlow)
        .where(GsisFlow.state_hash == flow.state_hash, GsisFlow.identity.is_(None))
        .values(identity=json.dumps(record, ensure_ascii=False), authenticated_at=ctx.clock.now(), account_id=flow.account_id)
    ).rowcount
    if claimed != 1:
        raise Conflict(MSG_FLOW_USED, slug="gsis-flow-used")
    session.refresh(flow)
    return flow


def complete_flow(session: Session, ctx: IdentityContext, flow: GsisFlow) -> None:
    """Mark the flow used, once: of two concurrent submissions one wins (the other waits and loses)."""
    done = session.execute(
        update(GsisFlow)
        .where(GsisFlow.state_hash == flow.state_hash, GsisFlow.completed_at.is_(None))
        .values(completed_at=ctx.clock.now())
    ).rowcount
    if done != 1:
        raise Conflict(MSG_FLOW_USED, slug="gsis-flow-used")


def _afm_claimed_by_other(session: Session, ctx: IdentityContext, afm: str, account_id: str | None) -> bool:
    claim = session.scalar(select(AccountClaim).where(AccountClaim.afm == afm))
    if claim is not None and claim.account_id != account_id:
        return True
    holder = ctx.directory(session).find_by_afm(afm)
    return holder is not None and holder.id != account_id


def flow_view(session: Session, ctx: IdentityContext, flow: GsisFlow) -> dict[str, Any]:
    """What the screen after GSIS shows, per purpose (the HTML page and the JSON API use it)."""
    gsis = gsis_identity(flow)
    view: dict[str, Any] = {"purpose": flow.purpose, "gsis": gsis, "expires_at": flow.expires_at}
    directory = ctx.directory(session)
    try:
        if flow.purpose == "registration":
            if _afm_claimed_by_other(session, ctx, gsis["afm"], None):
                view["error"] = {"slug": "afm-already-registered", "detail": MSG_AFM_TAKEN}
            view["genders"] = [{"id": k, "label": v} for k, v in GENDERS.items()]
        elif flow.purpose == "confirm":
            account = directory.get(flow.account_id or "")
            if account is None:
                raise Rejected(MSG_FLOW_INVALID, slug="gsis-flow-invalid")
            view["account"] = {**account.record(), "email": account.email}
            view["comparison"] = compare_with_gsis(account.record(), gsis)
            view["support_url"] = ctx.config.support_url
            if gsis_afm_conflict(account.afm, gsis["afm"]) or _afm_claimed_by_other(
                session, ctx, gsis["afm"], account.id
            ):
                view["error"] = {"slug": "gsis-afm-conflict", "detail": MSG_CONFIRM_AFM_CONFLICT}
        elif flow.purpose == "reset-password":
            if flow.account_id:
                view["username"] = flow.email
            else:
                view["error"] = {"slug": "gsis-afm-mismatch", "detail": MSG_RESET_MISMATCH}
        elif flow.purpose == "forgot-email":
            account = directory.find_by_afm(gsis["afm"])
            if account is not None:
                view["email"] = account.email
            else:
                view["error"] = {"slug": "no-account-for-afm", "detail": MSG_NO_ACCOUNT_FOR_AFM}
    except DirectoryUnavailable as exc:
        raise directory_down(exc)
    return view


# -- registration -----------------------------------------------------------------------------------


def _issue_link(session: Session, ctx: IdentityContext, purpose: str, account: Account | str, email: str, hours: int, path: str) -> str:
    token = secrets.token_urlsafe(32)
    now = ctx.clock.now()
    session.execute(delete(ActionToken).where(ActionToken.expires_at < now - timedelta(days=7)))
    session.add(
        ActionToken(
            token_hash=token_hash(token),
            purpose=purpose,
            account_id=account if isinstance(account, str) else account.id,
            email=email,
            expires_at=now + timedelta(hours=hours),
            created_at=now,
        )
    )
    return f"{ctx.config.identity_public_url}{path}?token={token}"


def register(session: Session, ctx: IdentityContext, flow: GsisFlow, form: dict[str, Any]) -> dict[str, Any]:
    """Create the account from the GSIS record plus what the person completed; mail the activation link."""
    email = normalize_email(form.get("email") or "")
    password = form.get("password") or ""
    gender = (form.get("gender") or "").strip()
    registry_number = "".join((form.get("registry_number") or "").split())
    errors = registration_errors(email=email, password=password, gender=gender, registry_number=registry_number)
    if errors:
        raise Invalid("Ελέγξτε τα πεδία που επισημαίνονται.", errors=errors)
    gsis = gsis_identity(flow)
    afm = gsis["afm"]
    complete_flow(session, ctx, flow)
    directory = ctx.directory(session)
    try:
        if directory.find_by_afm(afm) is not None:
            raise Conflict(MSG_AFM_TAKEN, slug="afm-already-registered")
        # The database decides between concurrent registrations: one row per ΑΦΜ and per e-mail.
        claim_id = session.execute(
            conflict_aware_insert(session, AccountClaim.__table__)
            .values(id=uuid.uuid4(), afm=afm, email=email, created_at=ctx.clock.now())
            .on_conflict_do_nothing()
            .returning(AccountClaim.__table__.c.id)
        ).scalar()
        if claim_id is None:
            if session.scalar(select(AccountClaim.id).where(AccountClaim.afm == afm)) is not None:
                raise Conflict(MSG_AFM_TAKEN, slug="afm-already-registered")
            raise Conflict(MSG_EMAIL_TAKEN, slug="email-already-registered", errors={"email": [MSG_EMAIL_TAKEN]})
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
        try:
            account_id = directory.create_user(new, password)
        except EmailTaken:
            raise Conflict(MSG_EMAIL_TAKEN, slug="email-already-registered", errors={"email": [MSG_EMAIL_TAKEN]})
        except PasswordRejected:
            raise Invalid("Ελέγξτε τα πεδία που επισημαίνονται.", errors={"password": password_errors(password) or ["Ο κωδικός δεν είναι αποδεκτός."]})
    except DirectoryUnavailable as exc:
        raise directory_down(exc)
    session.execute(update(AccountClaim).where(AccountClaim.id == claim_id).values(account_id=account_id))
    emit(
        "identity.user.registered.v1",
        account_id,
        {
            "user_id": account_id,
            "first_name": new.first_name,
            "last_name": new.last_name,
            "roles": [REGISTRATION_ROLE],
            "centre_id": None,
            "email_verified": False,
            "gsis_verified": True,
        },
    )
    hours = ctx.config.verification_hours
    link = _issue_link(session, ctx, "verify-email", account_id, email, hours, "/v1/registration/verify")
    ctx.mailer.send_after_commit(session, verification_mail(email, display_name(new.first_name, new.last_name, email), link, hours))
    return {
        "email": email,
        "detail": (
            "Η εγγραφή σας έγινε με επιτυχία. Σας στείλαμε e-mail στη διεύθυνση που δώσατε· ακολουθήστε τον "
            "σύνδεσμο του μηνύματος για να ενεργοποιήσετε τον λογαριασμό σας (αναζητήστε το και στην "
            "ανεπιθύμητη αλληλογραφία)."
        ),
    }


def _consume(session: Session, ctx: IdentityContext, token: str | None, purpose: str) -> ActionToken:
    row = session.get(ActionToken, token_hash(token)) if token else None
    if row is None or row.purpose != purpose or row.expires_at <= ctx.clock.now():
        raise Rejected(MSG_LINK_INVALID, slug="link-invalid")
    if row.used_at is not None:
        raise Conflict(MSG_LINK_USED, slug="link-used")
    used = session.execute(
        update(ActionToken)
        .where(ActionToken.token_hash == row.token_hash, ActionToken.used_at.is_(None))
        .values(used_at=ctx.clock.now())
    ).rowcount
    if used != 1:
        raise Conflict(MSG_LINK_USED, slug="link-used")
    return row


def check_link(session: Session, ctx: IdentityContext, token: str | None, purpose: str) -> ActionToken:
    """The link's row, for a page that asks something before using it (not consumed)."""
    row = session.get(ActionToken, token_hash(token)) if token else None
    if row is None or row.purpose != purpose or row.expires_at <= ctx.clock.now():
        raise Rejected(MSG_LINK_INVALID, slug="link-invalid")
    if row.used_at is not None:
        raise Conflict(MSG_LINK_USED, slug="link-used")
    return row


def verify_email(session: Session, ctx: IdentityContext, token: str | None) -> dict[str, Any]:
    row = _consume(session, ctx, token, "verify-email")
    directory = ctx.directory(session)
    try:
        account = directory.get(row.account_id)
        if account is None:
            raise Rejected(MSG_LINK_INVALID, slug="link-invalid")
        directory.mark_verified(row.account_id)
    except DirectoryUnavailable as exc:
        raise directory_down(exc)
    emit(
        "identity.user.verified.v1",
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
    started = time.monotonic()
    email = normalize_email(email)
    try:
        account = ctx.directory(session).find_by_email(email)
    except DirectoryUnavailable as exc:
        raise directory_down(exc)
    if account is not None and not account.email_verified:
        hours = ctx.config.verification_hours
        link = _issue_link(session, ctx, "verify-email", account, account.email, hours, "/v1/registration/verify")
        ctx.mailer.send_after_commit(
            session, verification_mail(account.email, display_name(account.first_name, account.last_name, email), link, hours)
        )
    _pad(started, ctx.config.recovery_min_seconds)
    return {"detail": "Αν υπάρχει λογαριασμός που περιμένει ενεργοποίηση με αυτό το e-mail, στάλθηκε νέος σύνδεσμος."}


# -- one-time GSIS confirmation ---------------------------------------------------------------------


def confirm_gsis(session: Session, ctx: IdentityContext, flow: GsisFlow) -> dict[str, Any]:
    """"Πιστοποίηση και είσοδος": the account takes the GSIS record and is marked confirmed."""
    gsis = gsis_identity(flow)
    complete_flow(session, ctx, flow)
    directory = ctx.directory(session)
    try:
        account = directory.get(flow.account_id or "")
        if account is None:
            raise Rejected(MSG_FLOW_INVALID, slug="gsis-flow-invalid")
        if gsis_afm_conflict(account.afm, gsis["afm"]) or _afm_claimed_by_other(session, ctx, gsis["afm"], account.id):
            raise Conflict(MSG_CONFIRM_AFM_CONFLICT, slug="gsis-afm-conflict")
        if session.scalar(select(AccountClaim.id).where(AccountClaim.afm == gsis["afm"])) is None:
            claimed = session.execute(
                conflict_aware_insert(session, AccountClaim.__table__)
                .values(id=uuid.uuid4(), afm=gsis["afm"], email=account.email, account_id=account.id, created_at=ctx.clock.now())
                .on_conflict_do_nothing()
                .returning(AccountClaim.__table__.c.id)
            ).scalar()
            if claimed is None:
                raise Conflict(MSG_CONFIRM_AFM_CONFLICT, slug="gsis-afm-conflict")
        verified_at = ctx.clock.now()
        directory.update_profile(
            account.id,
            afm=gsis["afm"],
            first_name=gsis["first_name"],
            last_name=gsis["last_name"],
            father_name=gsis.get("father_name") or None,
            mother_name=gsis.get("mother_name") or None,
            birth_year=gsis.get("birth_year"),
            gsis_verified_at=verified_at,
        )
    except DirectoryUnavailable as exc:
        raise directory_down(exc)
    emit(
        "identity.user.verified.v1",
        account.id,
        {"user_id": account.id, "method": "gsis", "email_verified": account.email_verified, "gsis_verified": True},
    )
    return {
        "gsis_verified_at": verified_at,
        "detail": "Τα στοιχεία σας πιστοποιήθηκαν και ενημερώθηκαν από τη ΓΓΠΣ.",
        "continue_url": ctx.config.web_url,
    }


# -- recovery ---------------------------------------------------------------------------------------


def _set_password(ctx: IdentityContext, session: Session, account_id: str, password: str) -> None:
    if errors := password_errors(password):
        raise Invalid("Ο νέος κωδικός δεν πληροί την πολιτική κωδικών.", errors={"password": errors})
    directory = ctx.directory(session)
    try:
        directory.set_password(account_id, password)
        directory.clear_login_failures(account_id)  # a locked-out person gets back in with the new password
    except PasswordRejected:
        raise Invalid("Ο νέος κωδικός δεν πληροί την πολιτική κωδικών.", errors={"password": ["Ο κωδικός δεν είναι αποδεκτός."]})
    except DirectoryUnavailable as exc:
        raise directory_down(exc)


def reset_password_with_gsis(session: Session, ctx: IdentityContext, flow: GsisFlow, password: str) -> dict[str, Any]:
    """"Ξέχασα τον κωδικό πρόσβασης": the GSIS ΑΦΜ matched the account of the e-mail given."""
    if not flow.account_id:
        raise Forbidden(MSG_RESET_MISMATCH, slug="gsis-afm-mismatch")
    if errors := password_errors(password):  # before using up the flow: the person corrects and retries
        raise Invalid("Ο νέος κωδικός δεν πληροί την πολιτική κωδικών.", errors={"password": errors})
    complete_flow(session, ctx, flow)
    _set_password(ctx, session, flow.account_id, password)
    return {"username": flow.email, "detail": "Ο κωδικός πρόσβασης άλλαξε. Συνδεθείτε με το όνομα χρήστη και τον νέο κωδικό."}


def _pad(started: float, minimum: float) -> None:
    """Answer no sooner than `minimum` seconds: found and not found take the same time."""
    remaining = minimum - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)


def request_credentials(session: Session, ctx: IdentityContext, identifier: str) -> dict[str, Any]:
    """"Ανάκτηση Κωδικών" (seed 001): ΑΦΜ or Α.Μ. → a reset link to the declared e-mail.
    The answer, and its timing, is the same whether or not an account matches."""
    started = time.monotonic()
    value = "".join((identifier or "").split())
    if not value or len(value) > 20:
        raise Invalid("Δώστε τον ΑΦΜ ή τον Α.Μ. σας.", errors={"identifier": ["Δώστε τον ΑΦΜ ή τον Α.Μ. σας."]})
    directory = ctx.directory(session)
    account: Account | None = None
    try:
        try:
            account = directory.find_by_afm(validate_afm(value))
        except InvalidAfm:
            account = None
        if account is None:
            account = directory.find_by_registry_number(value)
    except DirectoryUnavailable as exc:
        raise directory_down(exc)
    if account is not None and account.enabled and account.email:
        hours = ctx.config.reset_hours
        link = _issue_link(session, ctx, "reset-password", account, account.email, hours, "/v1/recovery/reset")
        ctx.mailer.send_after_commit(
            session, reset_mail(account.email, display_name(account.first_name, account.last_name, account.email), link, hours)
        )
    _pad(started, ctx.config.recovery_min_seconds)
    return {"detail": MSG_RECOVERY_SENT}


def reset_password_with_token(session: Session, ctx: IdentityContext, token: str | None, password: str) -> dict[str, Any]:
    check_link(session, ctx, token, "reset-password")
    if errors := password_errors(password):  # the link stays usable until a valid password is set
        raise Invalid("Ο νέος κωδικός δεν πληροί την πολιτική κωδικών.", errors={"password": errors})
    row = _consume(session, ctx, token, "reset-password")
    _set_password(ctx, session, row.account_id, password)
    return {"username": row.email, "detail": "Ο κωδικός πρόσβασης άλλαξε. Συνδεθείτε με το όνομα χρήστη και τον νέο κωδικό."}
