"""What the confirmation screen after GSIS shows."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..accounts.queries import afm_claimed_by_other
from ..context import IdentityContext
from ..directory import Account
from ..gsis_flow.operations import flow_invalid
from .rules import MSG_CONFIRM_AFM_CONFLICT, compare_with_gsis, gsis_afm_conflict


def account_to_confirm(session: Session, ctx: IdentityContext, flow) -> Account:
    """The logged-in account that started the flow (it may be gone since)."""
    account = ctx.directory(session).get(flow.account_id or "")
    if account is None:
        raise flow_invalid()
    return account


def afm_conflict(session: Session, ctx: IdentityContext, account: Account, gsis_afm: str) -> bool:
    """GSIS certified another ΑΦΜ than the account's, or one another account holds."""
    return gsis_afm_conflict(account.afm, gsis_afm) or afm_claimed_by_other(
        session, ctx.directory(session), gsis_afm, account.id
    )


def confirmation_view(session: Session, ctx: IdentityContext, flow, gsis: dict[str, Any]) -> dict[str, Any]:
    account = account_to_confirm(session, ctx, flow)
    view: dict[str, Any] = {
        "account": {**account.record(), "email": account.email},
        "comparison": compare_with_gsis(account.record(), gsis),
        "support_url": ctx.settings.support_url,
    }
    if afm_conflict(session, ctx, account, gsis["afm"]):
        view["error"] = {"slug": "gsis-afm-conflict", "detail": MSG_CONFIRM_AFM_CONFLICT}
    return view
