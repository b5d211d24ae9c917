"""Use cases of single-use e-mail links. Only a link's SHA-256 is stored; using one is a
conditional UPDATE, so of two concurrent uses one wins."""
from __future__ import annotations

from datetime import timedelta

from epimorfosi_platform.errors import Conflict, Rejected
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from ..context import IdentityContext
from ..directory import Account
from ..states import LinkPurpose
from ..tokens import new_token, token_hash
from .models import ActionToken

MSG_LINK_INVALID = "Ο σύνδεσμος δεν είναι έγκυρος ή έχει λήξει. Ζητήστε νέο σύνδεσμο."
MSG_LINK_USED = "Ο σύνδεσμος έχει ήδη χρησιμοποιηθεί."

# Where each link lands (identity's HTML pages).
LINK_PATHS = {LinkPurpose.VERIFY_EMAIL: "/v1/registration/verify", LinkPurpose.RESET_PASSWORD: "/v1/recovery/reset"}


def link_invalid() -> Rejected:
    return Rejected(MSG_LINK_INVALID, slug="link-invalid")


def issue_link(
    session: Session, ctx: IdentityContext, purpose: LinkPurpose, account: Account | str, email: str, hours: int
) -> str:
    """A new link for the account, valid `hours`; returns its absolute URL."""
    token = new_token()
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
    return f"{ctx.public_url(LINK_PATHS[purpose])}?token={token}"


def check_link(session: Session, ctx: IdentityContext, token: str | None, purpose: LinkPurpose) -> ActionToken:
    """The link's row, for a page that asks something before using it (not consumed)."""
    row = session.get(ActionToken, token_hash(token)) if token else None
    if row is None or row.purpose != purpose or row.expires_at <= ctx.clock.now():
        raise link_invalid()
    if row.used_at is not None:
        raise Conflict(MSG_LINK_USED, slug="link-used")
    return row


def use_link(session: Session, ctx: IdentityContext, token: str | None, purpose: LinkPurpose) -> ActionToken:
    """The link's row, marked used (once)."""
    row = check_link(session, ctx, token, purpose)
    used = session.execute(
        update(ActionToken)
        .where(ActionToken.token_hash == row.token_hash, ActionToken.used_at.is_(None))
        .values(used_at=ctx.clock.now())
    ).rowcount
    if used != 1:
        raise Conflict(MSG_LINK_USED, slug="link-used")
    return row
