"""Use cases of the periods slice. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..audit import audit
from ..lottery.queries import refuse_if_frozen
from .distribution import parse_distribution_csv
from .models import DistributionRow, TrainingPeriod
from .queries import clusters_of_level, distribution_view, get_period, require_window
from .schemas import WINDOW_FIELDS
from .windows import Action, PeriodWindows, window_errors


def open_period(session: Session, principal: Principal, values: dict) -> TrainingPeriod:
    windows = PeriodWindows(**{f: values[f] for f in WINDOW_FIELDS})
    errors = window_errors(windows)
    starts, ends = values.get("implementation_starts_on"), values.get("implementation_ends_on")
    if starts and ends and starts > ends:
        errors["implementation_ends_on"] = "Η λήξη υλοποίησης πρέπει να είναι μετά την έναρξη."
    if errors:
        raise Invalid("Οι ημερομηνίες της περιόδου δεν είναι στη σωστή σειρά.", errors=errors)
    if session.scalar(select(TrainingPeriod.id).where(TrainingPeriod.code == values["code"])) is not None:
        raise Conflict(f"Υπάρχει ήδη περίοδος με κωδικό {values['code']}.", slug="period-exists")
    period = TrainingPeriod(**values, created_by=principal.subject)
    session.add(period)
    session.flush()
    emit(
        session, "applications.period.opened.v1",
        subject=str(period.id),
        data={
            "period_id": period.id,
            "code": period.code,
            "name": period.name,
            **{f: getattr(period, f).isoformat() for f in WINDOW_FIELDS},
        },
    )
    return period


def import_distribution(session: Session, principal: Principal, period_id: int, data: bytes, *,
                        now: datetime) -> dict:
    """Replace the period's table with the file's rows (all or nothing)."""
    period = get_period(session, period_id, lock=True)
    require_window(Action.DISTRIBUTION, period, now)
    refuse_if_frozen(session, period_id, "Πίνακας γεωγραφικής κατανομής")
    allowed = {c.code for c in clusters_of_level(session, period.level)}
    rows, errors = parse_distribution_csv(data, allowed)
    if errors:
        raise Invalid(f"Το αρχείο δεν εισήχθη ({len(errors)} σφάλματα· δεν άλλαξε τίποτα).",
                      slug="invalid-distribution-file", errors=errors)
    session.execute(delete(DistributionRow).where(DistributionRow.period_id == period_id))
    session.execute(insert(DistributionRow), [
        {"period_id": period_id, "line": r.line, "area_code": r.area_code, "area_name": r.area_name,
         "category": r.category, "cluster_code": r.cluster, "programmes": r.programmes,
         "imported_by": principal.subject, "imported_at": now}
        for r in rows
    ])
    audit(session, principal, "distribution.imported", f"period:{period_id}",
          {"rows": len(rows), "programmes": sum(r.programmes for r in rows)}, period_id, now=now)
    return distribution_view(session, period_id)
