"""Use cases of the register of certified trainers. Every change writes
`resources.trainer.changed.v1` (the trainer's whole public state, with `version`) to the outbox in
the same transaction; the request commits once at the end."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit_many
from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from .models import Trainer
from .queries import find_trainer
from .register_file import parse_register

CHANGED = "resources.trainer.changed.v1"
FIELDS = ("surname", "name", "specialty", "level", "certified_on", "cluster", "region", "phone", "email")
CHUNK = 500  # rows per INSERT ... ON CONFLICT statement (SQLite's limit of bound values)


def event_data(trainer) -> dict:
    """The event's data: who the trainer is and what they are certified for; never contact data."""
    return {
        "trainer_id": trainer.id, "afm": trainer.afm, "surname": trainer.surname, "name": trainer.name,
        "specialty": trainer.specialty, "level": trainer.level,
        "certified_on": trainer.certified_on.isoformat(), "cluster": trainer.cluster,
        "region": trainer.region, "active": trainer.active, "version": trainer.version,
    }


def _announce(session: Session, trainers) -> None:
    emit_many(session, CHANGED, [(str(t.id), event_data(t)) for t in trainers])


def import_register(session: Session, principal: Principal, data: bytes, *, now: datetime) -> dict:
    """Insert or update (by ΑΦΜ) every trainer of the file, all or nothing. A line equal to the
    stored trainer changes nothing and announces nothing; a listed trainer is active again."""
    rows, errors = parse_register(data)
    if errors:
        raise Invalid(f"Το αρχείο δεν εισήχθη ({len(errors)} σφάλματα· δεν άλλαξε τίποτα).",
                      slug="invalid-trainer-file", errors=errors)
    table = Trainer.__table__
    changed = []
    for start in range(0, len(rows), CHUNK):
        values = [{**row, "active": True, "version": 1, "updated_by": principal.subject, "updated_at": now}
                  for row in rows[start:start + CHUNK]]
        insert = conflict_aware_insert(session, table).values(values)
        differs = [table.c[f].is_distinct_from(insert.excluded[f]) for f in (*FIELDS, "active")]
        statement = insert.on_conflict_do_update(
            index_elements=[table.c.afm],
            set_={**{f: insert.excluded[f] for f in (*FIELDS, "active", "updated_by", "updated_at")},
                  "version": table.c.version + 1},
            where=or_(*differs),
        ).returning(*table.c)
        changed.extend(session.execute(statement).all())
    _announce(session, changed)
    registered = sum(1 for t in changed if t.version == 1)
    return {"lines": len(rows), "registered": registered, "updated": len(changed) - registered,
            "unchanged": len(rows) - len(changed)}


def edit_trainer(session: Session, principal: Principal, trainer_id: int, values: dict, *,
                 now: datetime) -> Trainer:
    trainer = find_trainer(session, trainer_id, lock=True)
    if all(getattr(trainer, f) == values.get(f) for f in FIELDS):
        return trainer  # nothing changed: no new version, no event
    for field in FIELDS:
        setattr(trainer, field, values.get(field))
    trainer.version += 1
    trainer.updated_by, trainer.updated_at = principal.subject, now
    session.flush()
    _announce(session, [trainer])
    return trainer


def deactivate_trainer(session: Session, principal: Principal, trainer_id: int, *, now: datetime) -> Trainer:
    """Take a trainer off the active register (kept, with its history; a re-import lists them again).
    Decided by the database: of two concurrent requests one deactivates, the other gets 409."""
    trainer = find_trainer(session, trainer_id)
    done = session.execute(
        update(Trainer).where(Trainer.id == trainer_id, Trainer.active.is_(True))
        .values(active=False, version=Trainer.version + 1, updated_by=principal.subject, updated_at=now)
    ).rowcount
    if not done:
        raise Conflict("Ο επιμορφωτής είναι ήδη ανενεργός.", slug="trainer-inactive")
    session.refresh(trainer)
    _announce(session, [trainer])
    return trainer
