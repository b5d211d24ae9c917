"""What the recovery screens after GSIS show."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..context import IdentityContext

MSG_RESET_MISMATCH = (
    "Ο ΑΦΜ με τον οποίο συνδεθήκατε στη ΓΓΠΣ δεν αντιστοιχεί στον λογαριασμό με αυτό το e-mail. "
    "Ελέγξτε το e-mail ή χρησιμοποιήστε «Ξέχασα το Email Μητρώου»."
)
MSG_NO_ACCOUNT_FOR_AFM = (
    "Δεν βρέθηκε λογαριασμός με τον ΑΦΜ σας. Μπορείτε να εγγραφείτε με «Εγγραφή μέσω ΓΓΠΣ»."
)


def reset_password_view(session: Session, ctx: IdentityContext, flow, gsis: dict[str, Any]) -> dict[str, Any]:
    """The GSIS callback kept the account of the e-mail given only when its ΑΦΜ is the person's."""
    if flow.account_id:
        return {"username": flow.email}
    return {"error": {"slug": "gsis-afm-mismatch", "detail": MSG_RESET_MISMATCH}}


def forgot_email_view(session: Session, ctx: IdentityContext, flow, gsis: dict[str, Any]) -> dict[str, Any]:
    account = ctx.directory(session).find_by_afm(gsis["afm"])
    if account is not None:
        return {"email": account.email}
    return {"error": {"slug": "no-account-for-afm", "detail": MSG_NO_ACCOUNT_FOR_AFM}}
