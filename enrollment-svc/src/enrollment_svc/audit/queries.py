"""Reads of the audit log: filtered, newest first, paged; and the same as CSV."""
from __future__ import annotations

import csv
import io
import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import AuditRecord

FILTERS = ("period_id", "centre_code", "programme_code", "teacher_id", "actor", "action")
CSV_COLUMNS = [("at", "Πότε"), ("actor", "Ποιος"), ("action", "Ενέργεια"), ("period_id", "Περίοδος"),
               ("centre_code", "ΚΣΕ"), ("programme_code", "Πρόγραμμα"), ("teacher_id", "Εκπαιδευτικός"),
               ("previous_state", "Προηγούμενη κατάσταση"), ("state", "Νέα κατάσταση"), ("reason", "Αιτιολογία"),
               ("details", "Λεπτομέρειες")]


def _where(query: dict) -> list:
    return [getattr(AuditRecord, name) == query[name] for name in FILTERS if query.get(name) not in (None, "")]


def page(session: Session, query: dict, *, first: int, size: int) -> tuple[int, list[dict]]:
    where = _where(query)
    count = session.scalar(select(func.count()).select_from(AuditRecord).where(*where))
    rows = session.scalars(select(AuditRecord).where(*where).order_by(AuditRecord.id.desc()).offset(first).limit(size))
    return count, [_view(r) for r in rows]


def as_csv(session: Session, query: dict) -> str:
    """The whole filtered log, oldest first, as CSV with Greek headings (UTF-8 with BOM for Excel)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([title for _, title in CSV_COLUMNS])
    for row in session.scalars(select(AuditRecord).where(*_where(query)).order_by(AuditRecord.id)
                               .execution_options(yield_per=1000)):
        writer.writerow(["" if getattr(row, name) is None else
                         (getattr(row, name).isoformat() if name == "at" else getattr(row, name))
                         for name, _ in CSV_COLUMNS])
    return out.getvalue()


def _view(row: AuditRecord) -> dict:
    return {**{c: getattr(row, c) for c in ("id", "at", "actor", "action", "period_id", "centre_code", "programme_code",
                                            "teacher_id", "previous_state", "state", "reason")},
            "details": json.loads(row.details or "{}")}
