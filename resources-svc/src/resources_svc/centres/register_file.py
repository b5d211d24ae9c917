"""The register of centres read from CSV (pure, no I/O): rows, or Greek errors citing the file's
line numbers (header = line 1). All or nothing: the caller stores the rows only when there are no
errors. Columns by name, in any order, English or Greek (the register's headings)."""
from __future__ import annotations

import csv
import io

from marshmallow import ValidationError

from .schemas import CentreCreateSchema

COLUMNS = {
    "code": ("code", "κωδικός", "κωδικός κσε"),
    "name": ("name", "επωνυμία", "επωνυμία κσε"),
    "school": ("school", "σχολική μονάδα"),
    "directorate": ("directorate", "διεύθυνση", "διεύθυνση εκπαίδευσης"),
    "prefecture": ("prefecture", "νομός"),
    "region": ("region", "περιφέρεια"),
    "head": ("head", "υπεύθυνος", "υπεύθυνος κσε"),
}
OPTIONAL = ("school", "head")
LABELS = {"code": "Κωδικός ΚΣΕ", "name": "Επωνυμία", "school": "Σχολική μονάδα", "directorate": "Διεύθυνση Εκπαίδευσης",
          "prefecture": "Νομός", "region": "Περιφέρεια", "head": "Υπεύθυνος ΚΣΕ"}
MAX_ROWS = 20000
_SCHEMA = CentreCreateSchema()


def _text(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"Το αρχείο δεν είναι σε κωδικοποίηση UTF-8 (byte {exc.start + 1})."
    return (text, None) if text.strip() else (None, "Το αρχείο είναι κενό.")


def _index(header: list[str]) -> dict[str, int]:
    cells = [cell.strip().lower() for cell in header]
    return {column: cells.index(alias) for column, aliases in COLUMNS.items()
            for alias in reversed(aliases) if alias in cells}


def parse_register(data: bytes) -> tuple[list[dict], list[str]]:
    """The centres of the file (as the register schema loads them), or the errors, per line."""
    text, problem = _text(data)
    if problem:
        return [], [problem]
    first = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    index = _index(next(reader))
    missing = [column for column in COLUMNS if column not in index and column not in OPTIONAL]
    if missing:
        return [], [f"Γραμμή 1: λείπουν οι στήλες {', '.join(missing)} (αναμένονται: {', '.join(COLUMNS)})."]
    rows, errors, seen = [], [], {}
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) + len(errors) >= MAX_ROWS:
                return [], [f"Το αρχείο έχει περισσότερες από {MAX_ROWS} γραμμές."]
            _read_line(line, cells, index, rows, errors, seen)
    except csv.Error as exc:
        errors.append(f"Γραμμή {reader.line_num}: μη αναγνώσιμη γραμμή CSV ({exc}).")
    if not rows and not errors:
        errors.append("Το αρχείο δεν έχει γραμμές δεδομένων.")
    return rows, errors


def _read_line(line: int, cells: list[str], index: dict[str, int], rows: list, errors: list, seen: dict) -> None:
    raw = {column: cells[i] if i < len(cells) else "" for column, i in index.items()}
    try:
        row = _SCHEMA.load(raw)
    except ValidationError as exc:
        for column, messages in sorted(exc.messages.items(), key=lambda item: list(COLUMNS).index(item[0])):
            errors.append(f"Γραμμή {line}: {LABELS[column]}: {' '.join(messages)}")
        return
    if row["code"] in seen:
        errors.append(f"Γραμμή {line}: ο κωδικός {row['code']} υπάρχει ήδη στη γραμμή {seen[row['code']]}.")
        return
    seen[row["code"]] = line
    rows.append(row)
