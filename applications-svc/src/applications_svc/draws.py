"""The procedure of every public draw (the programme lottery, the teacher allocation): a row with
the `DrawProcedure` columns goes frozen -> seeded -> drawn, each step once. Each step is decided by
a guarded UPDATE (status in the WHERE clause), never by reading the status first; the callers add
what is particular to their draw (windows, inputs, audit entries, what the result creates)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from epimorfosi_platform import Problem
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.web import session
from sqlalchemy import update

from .models import DrawProcedure
from .rules.canonical import canonical_text, loads, text_sha256


@dataclass(frozen=True)
class DrawNames:
    """How one kind of draw is named in problems: slug prefix and Greek wording."""

    slug: str        # "lottery": lottery-not-frozen, lottery-already-drawn, ...
    nominative: str  # "Η κλήρωση"
    genitive: str    # "της κλήρωσης"


LOTTERY = DrawNames("lottery", "Η κλήρωση", "της κλήρωσης")
ALLOCATION = DrawNames("allocation", "Η κατανομή", "της κατανομής")


def require(row: DrawProcedure | None, names: DrawNames) -> DrawProcedure:
    if row is None:
        raise Problem(404, slug=f"{names.slug}-not-frozen",
                      detail=f"Τα δεδομένα {names.genitive} δεν έχουν «παγώσει» ακόμη.")
    return row


def refuse_second_freeze(row: DrawProcedure | None, names: DrawNames) -> None:
    if row is not None:
        raise Problem(409, slug=f"{names.slug}-already-frozen",
                      detail=f"Τα δεδομένα {names.genitive} έχουν ήδη «παγώσει».")


def freeze(row: DrawProcedure, frozen_input: dict[str, Any], principal: Principal, moment: datetime) -> str:
    """Store the input as canonical JSON with its SHA-256 (the hash published before the seed);
    returns the hash. The row's unique key (period, phase) refuses a concurrent second freeze."""
    text = canonical_text(frozen_input)
    row.status, row.input_json, row.input_sha256 = "frozen", text, text_sha256(text)
    row.frozen_at, row.frozen_by = moment, principal.subject
    session.add(row)
    return row.input_sha256


def record_seed(row: DrawProcedure, names: DrawNames, principal: Principal, seed: str, source: str,
                moment: datetime) -> None:
    model = type(row)
    changed = session.execute(
        update(model).where(model.id == row.id, model.status == "frozen", model.seed.is_(None))
        .values(status="seeded", seed=seed, seed_source=source, seeded_at=moment, seeded_by=principal.subject)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Problem(409, slug="seed-already-recorded", detail=f"Ο σπόρος {names.genitive} έχει ήδη καταχωριστεί.")
    session.refresh(row)


def start_draw(row: DrawProcedure, names: DrawNames, principal: Principal, moment: datetime) -> dict[str, Any]:
    """Mark the row drawn (once) and give back its frozen input, checked against its hash."""
    if row.status == "frozen":
        raise Problem(409, slug="seed-missing", detail=f"Καταχωρίστε πρώτα τον δημόσιο σπόρο {names.genitive}.")
    if text_sha256(row.input_json) != row.input_sha256:  # the stored input was tampered with
        raise Problem(500, detail="Τα «παγωμένα» δεδομένα δεν αντιστοιχούν στο δημοσιευμένο αποτύπωμα.")
    model = type(row)
    changed = session.execute(
        update(model).where(model.id == row.id, model.status == "seeded")
        .values(status="drawn", drawn_at=moment, drawn_by=principal.subject)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Problem(409, slug=f"{names.slug}-already-drawn", detail=f"{names.nominative} έχει ήδη διενεργηθεί.")
    return loads(row.input_json)


def store_result(row: DrawProcedure, published: dict[str, Any]) -> str:
    """Store the published result (canonical JSON); returns its SHA-256 for the audit entry."""
    text = canonical_text(published)
    model = type(row)
    session.execute(update(model).where(model.id == row.id).values(
        algorithm=published["algorithm"], result_json=text))
    session.refresh(row)
    return text_sha256(text)


def record(row: DrawProcedure, kind: str, default_algorithm: str) -> dict[str, Any]:
    """The publishable record (what `python -m applications_svc.verify` accepts) and the
    procedure's state; `input` and `result` are the stored canonical JSON texts, sent as stored."""
    return {
        "status": row.status, "kind": kind, "algorithm": row.algorithm or default_algorithm,
        "rules_version": row.rules_version, "input": row.input_json, "input_sha256": row.input_sha256,
        "seed": row.seed, "seed_source": row.seed_source, "result": row.result_json,
        "frozen_at": row.frozen_at, "frozen_by": row.frozen_by, "seeded_at": row.seeded_at,
        "drawn_at": row.drawn_at,
    }
