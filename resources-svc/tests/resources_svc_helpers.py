"""Functions and constants shared by several test modules of resources-svc."""
from __future__ import annotations

import json

from epimorfosi_platform.afm import afm_check_digit
from sqlalchemy import select


def afm(n: int) -> str:
    """A valid ΑΦΜ (its check digit computed, never hard-coded)."""
    first = f"{10000000 + n:08d}"
    return first + str(afm_check_digit(first))


HEADER = "ΑΦΜ;Επώνυμο;Όνομα;Ειδικότητα;Επίπεδο;Ημερομηνία πιστοποίησης;Συστάδα;Περιφέρεια;Τηλέφωνο;e-mail"


def register_csv(*lines: str) -> bytes:
    return ("\ufeff" + "\n".join((HEADER, *lines)) + "\n").encode("utf-8")


def trainer_line(n: int, surname: str = "ΠΑΠΑΔΟΠΟΥΛΟΥ", cluster: str = "B1.4", level: str = "B1",
                 region: str = "ΠΕΛΟΠΟΝΝΗΣΟΥ") -> str:
    return (f"{afm(n)};{surname};ΜΑΡΙΑ;ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ;{level};30/6/2025;{cluster};{region};"
            f"2721012345;t{n}@sch.gr")


def outbox_events(app, event_type: str) -> list[dict]:
    runtime = app.extensions["epimorfosi"]
    outbox = runtime.tables.outbox
    with runtime.db.session() as s:
        rows = s.execute(select(outbox).where(outbox.c.event_type == event_type).order_by(outbox.c.id)).all()
    return [json.loads(r.envelope) for r in rows]
