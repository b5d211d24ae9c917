"""The use case of the one-time GSIS confirmation."""
from __future__ import annotations

import uuid
from typing import Any

from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.errors import Conflict
from epimorfosi_platform.publishing import emit
from sqlalchemy.orm import Session

from ..accounts.models import AccountClaim
from ..accounts.queries import afm_claimed
from ..profile_event import emit_profile_changed
from ..context import IdentityContext
from ..directory import Account, reachable
from ..gsis_flow.models import GsisFlow
from ..gsis_flow.operations import complete_flow, gsis_record
from .queries import account_to_confirm, afm_conflict
from .rules import MSG_CONFIRM_AFM_CONFLICT


def _afm_conflict() -> Conflict:
    return Conflict(MSG_CONFIRM_AFM_CONFLICT, slug="gsis-afm-conflict")


def _claim_afm(session: Session, ctx: IdentityContext, account: Account, afm: str) -> None:
    """One account per ΑΦΜ: the claim is the account's from now on (the database decides a race)."""
    if afm_claimed(session, afm):
        return
    claimed = session.execute(
        conflict_aware_insert(session, AccountClaim.__table__)
        .values(id=uuid.uuid4(), afm=afm, email=account.email, account_id=account.id, created_at=ctx.clock.now())
        .on_conflict_do_nothing()
        .returning(AccountClaim.__table__.c.id)
    ).scalar()
    if claimed is None:
        raise _afm_conflict()


def confirm_gsis(session: Session, ctx: IdentityContext, flow: GsisFlow) -> dict[str, Any]:
    """"Πιστοποίηση και είσοδος": the account takes the GSIS record and is marked confirmed."""
    gsis = gsis_record(flow)
    complete_flow(session, ctx, flow)
    with reachable():
        account = account_to_confirm(session, ctx, flow)
        if afm_conflict(session, ctx, account, gsis["afm"]):
            raise _afm_conflict()
        _claim_afm(session, ctx, account, gsis["afm"])
        verified_at = ctx.clock.now()
        ctx.directory(session).update_profile(
            account.id,
            afm=gsis["afm"],
            first_name=gsis["first_name"],
            last_name=gsis["last_name"],
            father_name=gsis.get("father_name") or None,
            mother_name=gsis.get("mother_name") or None,
            birth_year=gsis.get("birth_year"),
            gsis_verified_at=verified_at,
        )
    emit_profile_changed(session, account.id, first_name=gsis["first_name"], last_name=gsis["last_name"],
                         father_name=gsis.get("father_name"), registry_number=account.registry_number,
                         email=account.email, changed_at=verified_at)
    emit(
        session, "identity.user.verified.v1",
        account.id,
        {"user_id": account.id, "method": "gsis", "email_verified": account.email_verified, "gsis_verified": True},
    )
    return {
        "gsis_verified_at": verified_at,
        "detail": "Τα στοιχεία σας πιστοποιήθηκαν και ενημερώθηκαν από τη ΓΓΠΣ.",
        "continue_url": ctx.settings.web_url,
    }
