"""Bulk import of rooms with their workstations (central administrators), all or nothing: a room
is known by its centre and name; a new one is added, an existing one takes the batch's values and
its workstations are replaced by the batch's (importing the same batch again changes nothing but
the workstations' ids). Set-based: a few statements whatever the size (workstations by COPY on
PostgreSQL), never one ORM object per row."""
from __future__ import annotations

from types import SimpleNamespace

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.db import insert_rows
from epimorfosi_platform.errors import Conflict, Invalid
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..centres.models import Centre
from ..workstations.models import Workstation
from .announcements import announce_added, announce_capacity_changes
from .models import Room
from .rooms_file import parse_rooms
from .usability import usable_capacity

ROOM_FIELDS = ("name", "certified", "capacity", "specs", "evaluation")


def _batch_errors(rooms: list[dict], centre_ids: dict[str, int]) -> list[str]:
    errors, seen = [], {}
    for n, room in enumerate(rooms, start=1):
        key = (room["centre_code"], room["name"])
        if room["centre_code"] not in centre_ids:
            errors.append(f"Αίθουσα {n}: το ΚΣΕ με κωδικό {room['centre_code']} δεν βρέθηκε.")
        if key in seen:
            errors.append(f"Αίθουσα {n}: η αίθουσα «{room['name']}» του {key[0]} υπάρχει ήδη ως αίθουσα {seen[key]}.")
        seen.setdefault(key, n)
        labels = [w["label"] for w in room["workstations"]]
        if len(set(labels)) != len(labels):
            errors.append(f"Αίθουσα {n}: δύο σταθμοί εργασίας έχουν την ίδια ονομασία.")
    return errors


def _counted(room: dict) -> dict:
    certified = sum(1 for w in room["workstations"] if w["certified"])
    return {**{name: room[name] for name in ROOM_FIELDS}, "certified_workstations": certified,
            "uncertified_workstations": len(room["workstations"]) - certified}


def import_rooms(session: Session, principal: Principal, rooms: list[dict]) -> dict:
    codes = {room["centre_code"] for room in rooms}
    centre_ids = dict(session.execute(select(Centre.code, Centre.id).where(Centre.code.in_(codes))).all())
    errors = _batch_errors(rooms, centre_ids)
    if errors:
        raise Invalid(f"Οι αίθουσες δεν εισήχθησαν ({len(errors)} σφάλματα· δεν άλλαξε τίποτα).",
                      slug="invalid-rooms-batch", errors=errors)
    existing = {(r.centre_id, r.name): r for r in session.scalars(
        select(Room).where(Room.centre_id.in_(list(centre_ids.values()))).with_for_update())}
    new, kept, ids = [], [], {}
    for room in rooms:
        key = (centre_ids[room["centre_code"]], room["name"])
        (kept if key in existing else new).append(room)
    try:
        added = _insert_new(session, principal, new, centre_ids, ids)
        previous = _update_existing(session, kept, existing, centre_ids, ids)
        _replace_workstations(session, principal, rooms, centre_ids, ids, [existing[k].id for k in previous])
    except IntegrityError as exc:
        raise Conflict("Οι αίθουσες άλλαξαν ταυτόχρονα από άλλη εισαγωγή· δοκιμάστε ξανά.",
                       slug="rooms-import-conflict") from exc
    code_of = {centre_id: code for code, centre_id in centre_ids.items()}
    announce_added(session, [(room, code_of[room.centre_id]) for room in added])
    announce_capacity_changes(session, [(existing[k], code_of[k[0]], before) for k, before in previous.items()])
    return {"added": len(added), "updated": len(kept),
            "workstations": sum(len(room["workstations"]) for room in rooms)}


def import_rooms_file(session: Session, principal: Principal, data: bytes) -> dict:
    """The rooms of a CSV file, a workstation per line (`rooms_file`), imported as a batch is: all
    or nothing, the errors citing the file's lines."""
    rooms, errors = parse_rooms(data)
    if not errors:
        codes = {room["centre_code"] for _line, room in rooms}
        known = set(session.scalars(select(Centre.code).where(Centre.code.in_(codes))))
        errors = [f"Γραμμή {line}: το ΚΣΕ με κωδικό {room['centre_code']} δεν βρέθηκε."
                  for line, room in rooms if room["centre_code"] not in known]
    if errors:
        raise Invalid(f"Το αρχείο δεν εισήχθη ({len(errors)} σφάλματα· δεν άλλαξε τίποτα).",
                      slug="invalid-rooms-file", errors=errors)
    return import_rooms(session, principal, [room for _line, room in rooms])


def _insert_new(session, principal, new, centre_ids, ids) -> list[SimpleNamespace]:
    if not new:
        return []
    values = [dict(_counted(room), centre_id=centre_ids[room["centre_code"]], created_by=principal.subject,
                   version=1) for room in new]
    returned = session.execute(insert(Room).returning(Room.id, Room.centre_id, Room.name), values).all()
    by_key = {(row.centre_id, row.name): row.id for row in returned}
    added = []
    for value in values:
        room_id = ids[(value["centre_id"], value["name"])] = by_key[(value["centre_id"], value["name"])]
        added.append(SimpleNamespace(id=room_id, **value))
    return added


def _update_existing(session, kept, existing, centre_ids, ids) -> dict:
    """The kept rooms take the batch's values; returns their usable capacity before."""
    previous = {}
    for room in kept:
        key = (centre_ids[room["centre_code"]], room["name"])
        target = existing[key]
        previous[key] = usable_capacity(target)
        for name, value in _counted(room).items():
            setattr(target, name, value)
        ids[key] = target.id
    session.flush()
    return previous


def _replace_workstations(session, principal, rooms, centre_ids, ids, replaced_room_ids) -> None:
    if replaced_room_ids:
        session.execute(delete(Workstation).where(Workstation.room_id.in_(replaced_room_ids)))
    insert_rows(session, Workstation, [
        dict(w, room_id=ids[(centre_ids[room["centre_code"]], room["name"])], created_by=principal.subject)
        for room in rooms for w in room["workstations"]
    ])
