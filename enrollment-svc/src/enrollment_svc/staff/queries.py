"""Reads of the staff slice."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ProgrammeStaff, ProgrammeTrainer, Trainer
from .rules import person, staff_text


def trainers_page(session: Session, *, cluster: str | None, active: bool | None, first: int, size: int):
    """(how many match, the page): the register, by surname and name."""
    from sqlalchemy import func

    statement = select(Trainer)
    if cluster:
        statement = statement.where(Trainer.cluster == cluster)
    if active is not None:
        statement = statement.where(Trainer.active.is_(active))
    count = session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = session.scalars(statement.order_by(Trainer.surname, Trainer.name, Trainer.trainer_id).offset(first).limit(size))
    return count, list(rows)


def programme_staff(session: Session, code: str) -> dict | None:
    """The programme's staff with its trainers in order (None: not assigned yet)."""
    staff = session.get(ProgrammeStaff, code, populate_existing=True)
    if staff is None:
        return None
    trainers = list(session.scalars(select(Trainer).join(ProgrammeTrainer, ProgrammeTrainer.trainer_id == Trainer.trainer_id)
                                    .where(ProgrammeTrainer.programme_code == code).order_by(ProgrammeTrainer.rank)))
    return {"staff": staff, "trainers": trainers}


def staff_texts(session: Session, codes: list[str]) -> dict[str, str]:
    """`staff_text` of each programme of `codes` that has staff (one query per table)."""
    if not codes:
        return {}
    staff = {s.programme_code: s for s in session.scalars(select(ProgrammeStaff).where(ProgrammeStaff.programme_code.in_(codes)))}
    trainers: dict[str, list[str]] = {}
    for code, surname, name in session.execute(
            select(ProgrammeTrainer.programme_code, Trainer.surname, Trainer.name)
            .join(Trainer, Trainer.trainer_id == ProgrammeTrainer.trainer_id)
            .where(ProgrammeTrainer.programme_code.in_(codes)).order_by(ProgrammeTrainer.programme_code, ProgrammeTrainer.rank)):
        trainers.setdefault(code, []).append(person(surname, name))
    return {code: staff_text(person(s.coordinator_surname, s.coordinator_name),
                             person(s.technical_lead_surname, s.technical_lead_name), trainers.get(code, []))
            for code, s in staff.items()}


def coordinator_afm(session: Session, code: str) -> str | None:
    return session.scalar(select(ProgrammeStaff.coordinator_afm).where(ProgrammeStaff.programme_code == code))
