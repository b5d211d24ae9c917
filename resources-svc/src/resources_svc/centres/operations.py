"""Use cases of the centres slice. Each writes its integration events to the outbox in the same
transaction; the request commits once at the end (see epimorfosi_platform.web)."""
from __future__ import annotations

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit, emit_many
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..writes import flush_or_conflict
from .models import Centre
from .queries import find_centre
from .register_file import parse_register

REGISTERED = "resources.centre.registered.v1"
UPDATED = "resources.centre.updated.v1"
REGISTERED_FIELDS = ("code", "name", "directorate", "prefecture", "region")
UPDATED_FIELDS = ("code", "name", "school", "directorate", "prefecture", "region")


def registered_data(values: dict) -> dict:
    return {name: values[name] for name in REGISTERED_FIELDS}


def updated_data(values: dict) -> dict:
    return {name: values[name] for name in UPDATED_FIELDS}


def register_centre(session: Session, principal: Principal, values: dict) -> Centre:
    conflict = Conflict(f"Υπάρχει ήδη ΚΣΕ με κωδικό {values['code']}.", slug="centre-exists")
    if session.scalar(select(Centre.id).where(Centre.code == values["code"])) is not None:
        raise conflict
    centre = Centre(**values, created_by=principal.subject)
    session.add(centre)
    flush_or_conflict(session, conflict)
    emit(session, REGISTERED, subject=centre.code, data=registered_data(values))
    return centre


def update_centre(session: Session, code: str, changes: dict) -> Centre:
    """Changes a centre's details (not its code); resources.centre.updated.v1 when any changed."""
    centre = find_centre(session, code)
    changed = {name: value for name, value in changes.items() if getattr(centre, name) != value}
    for name, value in changed.items():
        setattr(centre, name, value)
    if changed:
        emit(session, UPDATED, subject=centre.code,
             data=updated_data({name: getattr(centre, name) for name in UPDATED_FIELDS}))
    return centre


def import_register(session: Session, principal: Principal, data: bytes) -> dict:
    """The register from a CSV file, all or nothing: a new code is registered, an existing one
    updated to the file's values (importing the same file again changes nothing)."""
    rows, errors = parse_register(data)
    if errors:
        raise Invalid(f"Το αρχείο δεν εισήχθη ({len(errors)} σφάλματα· δεν άλλαξε τίποτα).",
                      slug="invalid-centres-file", errors=errors)
    existing = {centre.code: centre for centre in session.scalars(
        select(Centre).where(Centre.code.in_([row["code"] for row in rows])).with_for_update())}
    new = [row for row in rows if row["code"] not in existing]
    changed = [row for row in rows if row["code"] in existing
               and any(getattr(existing[row["code"]], name) != value for name, value in row.items())]
    if new:
        session.execute(insert(Centre), [dict(row, created_by=principal.subject) for row in new])
    for row in changed:
        for name, value in row.items():
            setattr(existing[row["code"]], name, value)
    flush_or_conflict(session, Conflict("Το μητρώο άλλαξε ταυτόχρονα από άλλη εισαγωγή· δοκιμάστε ξανά.",
                                        slug="centres-import-conflict"))
    emit_many(session, REGISTERED, [(row["code"], registered_data(row)) for row in new])
    emit_many(session, UPDATED, [(row["code"], updated_data(row)) for row in changed])
    return {"registered": len(new), "updated": len(changed), "unchanged": len(rows) - len(new) - len(changed)}
