"""Writing the audit log (in the caller's transaction, so a change and its record commit together)."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from .models import AuditRecord

SYSTEM = "system"  # the actor of the deadline's sweeps (expired offers, cancellations)


def audit_rows(session: Session, rows: list[dict]) -> None:
    """Record changes; each row has at least `at`, `actor`, `action` (see AuditRecord)."""
    if rows:
        session.execute(insert(AuditRecord), [
            {**row, "details": json.dumps(row.get("details") or {}, sort_keys=True, ensure_ascii=False,
                                          separators=(",", ":"), default=str)} for row in rows])


def audit(session: Session, *, at: datetime, actor: str, action: str, **fields) -> None:
    audit_rows(session, [{"at": at, "actor": actor, "action": action, **fields}])
