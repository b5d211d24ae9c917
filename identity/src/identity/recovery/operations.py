"""Use cases of recovery: a new password after GSIS (`reset_password_with_gsis`), a reset link
by ΑΦΜ or Α.Μ. (`request_credentials`) and a new password with that link
(`reset_password_with_token`). The forgotten e-mail needs no change: its screen is a query."""
from __future__ import annotations

from typing import Any

from epimorfosi_platform.errors import Forbidden, Invalid
from sqlalchemy.orm import Session

from ..accounts.rules import display_name, password_errors
from ..context import IdentityContext
from ..directory import Account, AccountDirectory, PasswordRejected, reachable
from epimorfosi_platform.afm import InvalidAfm, validate_afm
from ..gsis_flow.models import GsisFlow
from ..gsis_flow.operations import complete_flow
from ..links.operations import check_link, issue_link, use_link
from ..mail import reset_mail
from ..states import LinkPurpose
from ..timing import no_sooner_than
from .queries import MSG_RESET_MISMATCH

MSG_RECOVERY_SENT = (
    "Αν τα στοιχεία που δώσατε αντιστοιχούν σε λογαριασμό, θα λάβετε σε λίγο μήνυμα στο δηλωμένο e-mail "
    "με οδηγίες για την ανάκτηση των κωδικών σας. Αναζητήστε το και στην ανεπιθύμητη αλληλογραφία."
)
MSG_POLICY = "Ο νέος κωδικός δεν πληροί την πολιτική κωδικών."
MSG_PASSWORD_CHANGED = "Ο κωδικός πρόσβασης άλλαξε. Συνδεθείτε με το όνομα χρήστη και τον νέο κωδικό."


def _check_policy(password: str) -> None:
    if errors := password_errors(password):
        raise Invalid(MSG_POLICY, errors={"password": errors})


def _set_password(session: Session, ctx: IdentityContext, account_id: str, password: str) -> None:
    _check_policy(password)
    directory = ctx.directory(session)
    with reachable():
        try:
            directory.set_password(account_id, password)
            directory.clear_login_failures(account_id)  # a locked-out person gets back in with the new password
        except PasswordRejected:
            raise Invalid(MSG_POLICY, errors={"password": ["Ο κωδικός δεν είναι αποδεκτός."]})


def reset_password_with_gsis(session: Session, ctx: IdentityContext, flow: GsisFlow, password: str) -> dict[str, Any]:
    """"Ξέχασα τον κωδικό πρόσβασης": the GSIS ΑΦΜ matched the account of the e-mail given."""
    if not flow.account_id:
        raise Forbidden(MSG_RESET_MISMATCH, slug="gsis-afm-mismatch")
    _check_policy(password)  # before using up the flow: the person corrects and retries
    complete_flow(session, ctx, flow)
    _set_password(session, ctx, flow.account_id, password)
    return {"username": flow.email, "detail": MSG_PASSWORD_CHANGED}


def _find(directory: AccountDirectory, identifier: str) -> Account | None:
    """The account of an ΑΦΜ, else of an Α.Μ. (None when none, or several, match)."""
    try:
        account = directory.find_by_afm(validate_afm(identifier))
    except InvalidAfm:
        account = None
    return account if account is not None else directory.find_by_registry_number(identifier)


def request_credentials(session: Session, ctx: IdentityContext, identifier: str) -> dict[str, Any]:
    """"Ανάκτηση Κωδικών" (seed 001): ΑΦΜ or Α.Μ. → a reset link to the declared e-mail.
    The answer, and its timing, is the same whether or not an account matches."""
    with no_sooner_than(ctx.settings.recovery_min_seconds):
        value = "".join((identifier or "").split())
        if not value or len(value) > 20:
            raise Invalid("Δώστε τον ΑΦΜ ή τον Α.Μ. σας.", errors={"identifier": ["Δώστε τον ΑΦΜ ή τον Α.Μ. σας."]})
        with reachable():
            account = _find(ctx.directory(session), value)
        if account is not None and account.enabled and account.email:
            hours = ctx.settings.reset_hours
            link = issue_link(session, ctx, LinkPurpose.RESET_PASSWORD, account, account.email, hours)
            name = display_name(account.first_name, account.last_name, account.email)
            ctx.mail.queue(session, reset_mail(account.email, name, link, hours))
    return {"detail": MSG_RECOVERY_SENT}


def reset_password_with_token(session: Session, ctx: IdentityContext, token: str | None, password: str) -> dict[str, Any]:
    check_link(session, ctx, token, LinkPurpose.RESET_PASSWORD)
    _check_policy(password)  # the link stays usable until a valid password is set
    row = use_link(session, ctx, token, LinkPurpose.RESET_PASSWORD)
    _set_password(session, ctx, row.account_id, password)
    return {"username": row.email, "detail": MSG_PASSWORD_CHANGED}
