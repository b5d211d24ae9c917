"""The rules of a programme's staff (pure: no I/O). The docstrings are the spec.

- Who assigns: the centre's head of the programme's centre (and central admins); a coordinator or
  anyone else does not (`ASSIGNERS`).
- A programme has one coordinator and one technical lead (named by ΑΦΜ, surname and name) and one
  or more trainers, each a trainer of the register (M1) who is active now; the same trainer is not
  given twice. An assignment replaces the previous one whole.
- How the staff are printed in the lists (K3, K6): `staff_text`."""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from epimorfosi_platform.roles import Role

ASSIGNERS = (Role.CENTRAL_ADMIN, Role.KSE_HEAD)
MAX_TRAINERS = 10


def trainer_problems(trainer_ids: Sequence[int], active_of: Mapping[int, bool]) -> list[str]:
    """Why the trainers asked for cannot be assigned, in Greek (empty: they can). `active_of`: the
    register's `active` of each id found (an id not in it is not in the register)."""
    problems = []
    if not trainer_ids:
        problems.append("Ορίστε τουλάχιστον έναν/μία επιμορφωτή/τρια.")
    if len(set(trainer_ids)) != len(trainer_ids):
        problems.append("Ο/Η ίδιος/α επιμορφωτής/τρια δίνεται μία φορά.")
    if len(set(trainer_ids)) > MAX_TRAINERS:
        problems.append(f"Έως {MAX_TRAINERS} επιμορφωτές ανά πρόγραμμα.")
    for trainer_id in dict.fromkeys(trainer_ids):
        if trainer_id not in active_of:
            problems.append(f"Ο/Η επιμορφωτής/τρια {trainer_id} δεν υπάρχει στο μητρώο Μ1.")
        elif not active_of[trainer_id]:
            problems.append(f"Ο/Η επιμορφωτής/τρια {trainer_id} δεν είναι ενεργός/ή στο μητρώο Μ1.")
    return problems


def person(surname: str, name: str) -> str:
    return f"{surname} {name}".strip()


def staff_text(coordinator: str | None, technical_lead: str | None, trainers: Iterable[str]) -> str:
    """«Συντονιστής/τρια: Χ · Τεχνικός υπεύθυνος: Ψ · Επιμορφωτές: Α, Β» (only the parts that are
    set; empty when nobody is assigned yet)."""
    trainers = [t for t in trainers if t]
    parts = []
    if coordinator:
        parts.append(f"Συντονιστής/τρια: {coordinator}")
    if technical_lead:
        parts.append(f"Τεχνικός υπεύθυνος: {technical_lead}")
    if trainers:
        parts.append("Επιμορφωτές: " + ", ".join(trainers))
    return " · ".join(parts)
