"""The register of certified trainers read from a CSV file (pure, no I/O).

Columns (header names in Greek or English, any order, «,» or «;», UTF-8): ΑΦΜ, Επώνυμο, Όνομα,
Ειδικότητα, Επίπεδο (B1/B2), Ημερομηνία πιστοποίησης (ΗΗ/ΜΜ/ΕΕΕΕ or ΕΕΕΕ-ΜΜ-ΗΗ), Συστάδα,
Περιφέρεια, and optionally Τηλέφωνο and e-mail. Each line is checked as the edit form checks one
trainer (`TrainerCreateSchema`: the ΑΦΜ's check digit, the cluster of the level, ...), and an ΑΦΜ
given twice is refused citing the earlier line. The result is the valid rows or every error with
its line number; the caller stores nothing while there is one."""
from __future__ import annotations

import re

from epimorfosi_platform.afm import normalize_afm
from epimorfosi_platform.csv_import import read_csv
from marshmallow import ValidationError

from .schemas import TrainerCreateSchema

COLUMNS = {
    "afm": ("afm", "αφμ", "α.φ.μ."),
    "surname": ("surname", "επώνυμο", "επωνυμο"),
    "name": ("name", "όνομα", "ονομα"),
    "specialty": ("specialty", "ειδικότητα", "ειδικοτητα"),
    "level": ("level", "επίπεδο", "επιπεδο"),
    "certified_on": ("certified_on", "ημερομηνία πιστοποίησης", "ημερομηνια πιστοποιησης"),
    "cluster": ("cluster", "συστάδα", "συσταδα"),
    "region": ("region", "περιφέρεια", "περιφερεια"),
    "phone": ("phone", "τηλέφωνο", "τηλεφωνο"),
    "email": ("email", "e-mail"),
}
OPTIONAL = frozenset({"phone", "email"})
LABELS = {"afm": "ΑΦΜ", "surname": "Επώνυμο", "name": "Όνομα", "specialty": "Ειδικότητα", "level": "Επίπεδο",
          "certified_on": "Ημερομηνία πιστοποίησης", "cluster": "Συστάδα", "region": "Περιφέρεια",
          "phone": "Τηλέφωνο", "email": "e-mail"}
_GREEK_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


def iso_date(text: str) -> str:
    """«30/6/2025» → «2025-06-30»; anything else is left for the schema to judge."""
    match = _GREEK_DATE.match(text)
    return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}" if match else text


def _messages(error: ValidationError) -> str:
    parts = []
    for field, messages in error.normalized_messages().items():
        text = " ".join(messages if isinstance(messages, list) else [str(messages)]).rstrip(".")
        parts.append(f"{LABELS.get(field, field)}: {text}")
    return "· ".join(parts)


def parse_register(data: bytes) -> tuple[list[dict], list[str]]:
    """The trainers of the file (loaded values, ΑΦΜ normalised), or Greek errors citing lines."""
    table = read_csv(data, COLUMNS, optional=OPTIONAL)
    schema = TrainerCreateSchema()
    rows: list[dict] = []
    first_line_of: dict[str, int] = {}
    for line, values in table.lines:
        values["certified_on"] = iso_date(values["certified_on"])
        try:
            row = schema.load(values)
        except ValidationError as exc:
            table.refuse(line, f"{_messages(exc)}.")
            continue
        row["afm"] = normalize_afm(row["afm"])
        earlier = first_line_of.setdefault(row["afm"], line)
        if earlier != line:
            table.refuse(line, f"ο ΑΦΜ {row['afm']} υπάρχει ήδη στη γραμμή {earlier}.")
            continue
        rows.append(row)
    return rows, table.errors
