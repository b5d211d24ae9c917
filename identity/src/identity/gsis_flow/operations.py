"""Use cases of the GSIS round trip (`start_flow` → GSIS → `finish_callback`), kept server-side:
the browser carries only the random state and an HttpOnly cookie binding the flow to it. The
use cases that end a flow (registration, confirmation, password reset) mark it used with
`complete_flow`, once."""
from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from epimorfosi_platform.errors import Conflict, Invalid, Rejected, Unavailable
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from ..accounts.rules import normalize_email
from ..context import IdentityContext
from ..gsis import GsisError, GsisUnavailable
from ..states import GsisPurpose
from ..tokens import new_token, same_token, token_hash
from .models import GsisFlow
from .record import record_of

log = logging.getLogger(__name__)

MSG_FLOW_INVALID = "Η ταυτοποίηση μέσω ΓΓΠΣ έληξε ή δεν είναι έγκυρη. Παρακαλούμε ξεκινήστε ξανά."
MSG_FLOW_USED = "Η ταυτοποίηση μέσω ΓΓΠΣ έχει ήδη χρησιμοποιηθεί. Παρακαλούμε ξεκινήστε ξανά."


def flow_invalid() -> Rejected:
    return Rejected(MSG_FLOW_INVALID, slug="gsis-flow-invalid")


def flow_used() -> Conflict:
    return Conflict(MSG_FLOW_USED, slug="gsis-flow-used")


def start_flow(
    session: Session, ctx: IdentityContext, purpose: str, *, email: str | None = None, account_id: str | None = None
) -> dict[str, Any]:
    """A new flow: returns the state, the browser-binding secret (for an HttpOnly cookie) and the
    GSIS authorisation URL to send the browser to."""
    if purpose not in set(GsisPurpose):
        raise Invalid("Άγνωστη διαδικασία ταυτοποίησης.", errors={"purpose": ["Μη έγκυρη τιμή."]})
    if purpose == GsisPurpose.RESET_PASSWORD:
        email = normalize_email(email or "")
        if not email:
            raise Invalid("Δώστε το e-mail της εγγραφής σας.", errors={"email": ["Το πεδίο είναι υποχρεωτικό."]})
    now = ctx.clock.now()
    session.execute(delete(GsisFlow).where(GsisFlow.expires_at < now - timedelta(hours=1)))
    state, binding = new_token(), new_token()
    expires_at = now + timedelta(minutes=ctx.settings.gsis_flow_minutes)
    session.add(
        GsisFlow(
            state_hash=token_hash(state),
            binding_hash=token_hash(binding),
            purpose=GsisPurpose(purpose),
            email=email if purpose == GsisPurpose.RESET_PASSWORD else None,
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
    purpose: GsisPurpose | None = None, authenticated: bool = True,
) -> GsisFlow:
    """The flow of this state and browser, still open (and back from GSIS unless `authenticated=False`)."""
    flow = session.get(GsisFlow, token_hash(state)) if state else None
    if (
        flow is None
        or not binding
        or not same_token(flow.binding_hash, binding)
        or flow.expires_at <= ctx.clock.now()
        or (purpose is not None and flow.purpose != purpose)
    ):
        raise flow_invalid()
    if authenticated and flow.identity is None:
        raise flow_invalid()
    if flow.completed_at is not None:
        raise flow_used()
    return flow


def gsis_record(flow: GsisFlow) -> dict[str, Any]:
    """The record GSIS certified in this flow (see record.GSIS_FIELDS)."""
    return json.loads(flow.identity or "{}")


def finish_callback(
    session: Session, ctx: IdentityContext, *, state: str | None, binding: str | None, code: str | None, error: str | None
) -> GsisFlow:
    """GSIS sent the browser back: exchange the code, fetch the certified record, keep it in the flow."""
    flow = load_flow(session, ctx, state, binding, authenticated=False)
    if flow.identity is not None:
        raise flow_used()
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
    if flow.purpose == GsisPurpose.RESET_PASSWORD:
        account = ctx.directory(session).find_by_email(flow.email or "")
        # Same answer whether the e-mail has no account or another person's: GSIS proved only the ΑΦΜ.
        flow.account_id = account.id if account is not None and account.afm == identity.afm else None
    claimed = session.execute(
        update(GsisFlow)
        .where(GsisFlow.state_hash == flow.state_hash, GsisFlow.identity.is_(None))
        .values(identity=json.dumps(record_of(identity), ensure_ascii=False), authenticated_at=ctx.clock.now(),
                account_id=flow.account_id)
    ).rowcount
    if claimed != 1:
        raise flow_used()
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
        raise flow_used()
