"""The procedure of every public draw (the programme lottery, the teacher allocation) as a
state machine over one row with the ``DrawColumns``:

    (no row) --freeze--> frozen --seed--> seeded --draw--> drawn

Each transition happens once. Freezing inserts the row (its unique key refuses a concurrent
second freeze); the others are guarded UPDATEs (the state before in the WHERE clause), so the
database, not a status read first, decides which of two concurrent calls wins. The draw stores
the published result in the same transaction, so "drawn" is also "published": no committed state
has a drawn result that is not stored. The callers add what is particular to their draw
(windows, inputs, audit entries, what the result creates)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict, NotFound
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..rules import allocation as allocation_rules
from ..rules import lottery as lottery_rules
from ..rules import rng
from ..rules.canonical import canonical_text, loads, text_sha256
from .models import DrawColumns, DrawStatus

# The state each transition starts from.
_BEFORE = {DrawStatus.SEEDED: DrawStatus.FROZEN, DrawStatus.DRAWN: DrawStatus.SEEDED}


class TamperedInput(RuntimeError):
    """The stored frozen input no longer hashes to the fingerprint published at the freeze: not a
    user's mistake but a broken invariant, so it is logged and answered as an internal error."""


@dataclass(frozen=True)
class DrawProcedure:
    """The procedure of one kind of draw: its transitions, and how it is named in problems
    (slug prefix and Greek wording) and in its published record (the rule's ``kind``)."""

    slug: str        # "lottery": lottery-not-frozen, lottery-already-drawn, ...
    nominative: str  # "Η κλήρωση"
    genitive: str    # "της κλήρωσης"
    kind: str        # the rule's KIND, as `python -m applications_svc.verify` reads it

    def require(self, row: DrawColumns | None) -> DrawColumns:
        """The frozen procedure (in any state); not found when it has not been frozen."""
        if row is None:
            raise NotFound(f"Τα δεδομένα {self.genitive} δεν έχουν «παγώσει» ακόμη.", slug=f"{self.slug}-not-frozen")
        return row

    def refuse_second_freeze(self, row: DrawColumns | None) -> None:
        if row is not None:
            raise Conflict(f"Τα δεδομένα {self.genitive} έχουν ήδη «παγώσει».", slug=f"{self.slug}-already-frozen")

    def freeze(self, session: Session, row: DrawColumns, frozen_input: dict[str, Any], principal: Principal,
               moment: datetime) -> str:
        """-> frozen: store the input as canonical JSON with its SHA-256 (the hash published
        before the seed); returns the hash. The row's unique key refuses a concurrent second
        freeze."""
        text = canonical_text(frozen_input)
        row.status, row.input_json, row.input_sha256 = DrawStatus.FROZEN, text, text_sha256(text)
        row.frozen_at, row.frozen_by = moment, principal.subject
        session.add(row)
        return row.input_sha256

    def seed(self, session: Session, row: DrawColumns, principal: Principal, seed: str, source: str,
             moment: datetime) -> None:
        """frozen -> seeded: record the public seed (once)."""
        model = type(row)
        self._advance(session, row, DrawStatus.SEEDED, [model.seed.is_(None)],
                      dict(seed=seed, seed_source=source, seeded_at=moment, seeded_by=principal.subject),
                      Conflict(f"Ο σπόρος {self.genitive} έχει ήδη καταχωριστεί.", slug="seed-already-recorded"))
        session.refresh(row)

    def draw(self, session: Session, row: DrawColumns, principal: Principal, moment: datetime) -> dict[str, Any]:
        """seeded -> drawn (once); gives back the frozen input, checked against its hash. The
        caller runs the rule and stores its result with ``publish`` in the same transaction."""
        if row.status == DrawStatus.FROZEN:
            raise Conflict(f"Καταχωρίστε πρώτα τον δημόσιο σπόρο {self.genitive}.", slug="seed-missing")
        if text_sha256(row.input_json) != row.input_sha256:
            raise TamperedInput(f"{self.slug} {row.id}: the frozen input does not match its published SHA-256")
        self._advance(session, row, DrawStatus.DRAWN, [], dict(drawn_at=moment, drawn_by=principal.subject),
                      Conflict(f"{self.nominative} έχει ήδη διενεργηθεί.", slug=f"{self.slug}-already-drawn"))
        return loads(row.input_json)

    def publish(self, session: Session, row: DrawColumns, published: dict[str, Any]) -> str:
        """Store the drawn result (canonical JSON); returns its SHA-256 for the audit entry."""
        text = canonical_text(published)
        model = type(row)
        session.execute(update(model).where(model.id == row.id).values(
            algorithm=published["algorithm"], result_json=text))
        session.refresh(row)
        return text_sha256(text)

    def record(self, row: DrawColumns) -> dict[str, Any]:
        """The publishable record (what `python -m applications_svc.verify` accepts) and the
        procedure's state; `input` and `result` are the stored canonical JSON texts, sent as stored."""
        return {
            "status": row.status, "kind": self.kind, "algorithm": row.algorithm or rng.ALGORITHM_VERSION,
            "rules_version": row.rules_version, "input": row.input_json, "input_sha256": row.input_sha256,
            "seed": row.seed, "seed_source": row.seed_source, "result": row.result_json,
            "frozen_at": row.frozen_at, "frozen_by": row.frozen_by, "seeded_at": row.seeded_at,
            "drawn_at": row.drawn_at,
        }

    @staticmethod
    def _advance(session: Session, row: DrawColumns, target: DrawStatus, guards: list, values: dict[str, Any],
                 refusal: Conflict) -> None:
        """The guarded transition to ``target``: exactly one row must still be in the state
        before it (and satisfy ``guards``), or ``refusal`` is raised."""
        model = type(row)
        changed = session.execute(
            update(model).where(model.id == row.id, model.status == _BEFORE[target], *guards)
            .values(status=target, **values)
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed != 1:
            raise refusal


LOTTERY = DrawProcedure("lottery", "Η κλήρωση", "της κλήρωσης", lottery_rules.KIND)
ALLOCATION = DrawProcedure("allocation", "Η κατανομή", "της κατανομής", allocation_rules.KIND)
