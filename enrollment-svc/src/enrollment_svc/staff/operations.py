"""Use cases of the staff slice."""
from __future__ import annotations

from datetime import datetime

from epimorfosi_platform.db import conflict_aware_insert
from epimorfosi_platform.errors import Invalid
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from .models import ProgrammeStaff, ProgrammeTrainer, Trainer
from .rules import trainer_problems

PEOPLE = ("coordinator", "technical_lead")


def assign_staff(session: Session, actor: str, code: str, values: dict, *, now: datetime) -> None:
    """Set the programme's coordinator, technical lead and trainers, replacing what was set.

    The trainers' register rows are read FOR UPDATE: a deactivation arriving meanwhile waits for
    this transaction (and the next assignment sees it), so an inactive trainer is never assigned.
    The upsert of the programme's staff row locks it: two assignments of a programme run one after
    the other, and the last one's trainers are the programme's."""
    trainer_ids = list(values["trainer_ids"])
    active_of = dict(session.execute(select(Trainer.trainer_id, Trainer.active)
                                     .where(Trainer.trainer_id.in_(sorted(set(trainer_ids))))
                                     .with_for_update()).all())
    problems = trainer_problems(trainer_ids, active_of)
    if problems:
        raise Invalid(problems[0], slug="invalid-trainers", errors={"trainer_ids": problems})
    row = {"assigned_by": actor, "assigned_at": now}
    for role in PEOPLE:
        given = values[role]
        row.update({f"{role}_afm": given["afm"], f"{role}_surname": given["surname"], f"{role}_name": given["name"]})
    table = ProgrammeStaff.__table__
    upsert = conflict_aware_insert(session, table).values(programme_code=code, **row)
    session.execute(upsert.on_conflict_do_update(index_elements=[table.c.programme_code],
                                                 set_={name: upsert.excluded[name] for name in row}))
    session.execute(delete(ProgrammeTrainer).where(ProgrammeTrainer.programme_code == code)
                    .execution_options(synchronize_session=False))
    session.execute(insert(ProgrammeTrainer), [{"programme_code": code, "trainer_id": t, "rank": n}
                                               for n, t in enumerate(trainer_ids, 1)])
