"""The register of centres read from CSV (pure, no I/O): rows, or Greek errors citing the file's
line numbers (header = line 1). All or nothing: the caller stores the rows only when there are no
errors. Columns by name, in any order, English or Greek (the register's headings); the file itself
(encoding, delimiter, header, row limit) is read by `epimorfosi_platform.csv_import.read_csv`, each
line is checked as the edit form checks one centre (`CentreCreateSchema`), and a code given twice is
refused citing the earlier line."""
from __future__ import annotations

from epimorfosi_platform.csv_import import read_csv
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
OPTIONAL = frozenset({"school", "head"})
LABELS = {"code": "Κωδικός ΚΣΕ", "name": "Επωνυμία", "school": "Σχολική μονάδα", "directorate": "Διεύθυνση Εκπαίδευσης",
          "prefecture": "Νομός", "region": "Περιφέρεια", "head": "Υπεύθυνος ΚΣΕ"}
_SCHEMA = CentreCreateSchema()


def parse_register(data: bytes) -> tuple[list[dict], list[str]]:
    """The centres of the file (as the register schema loads them), or the errors, per line."""
    table = read_csv(data, COLUMNS, optional=OPTIONAL)
    rows: list[dict] = []
    first_line_of: dict[str, int] = {}
    for line, values in table.lines:
        try:
            row = _SCHEMA.load(values)
        except ValidationError as exc:
            for column, messages in sorted(exc.messages.items(), key=lambda item: list(COLUMNS).index(item[0])):
                table.refuse(line, f"{LABELS[column]}: {' '.join(messages)}")
            continue
        earlier = first_line_of.setdefault(row["code"], line)
        if earlier != line:
            table.refuse(line, f"ο κωδικός {row['code']} υπάρχει ήδη στη γραμμή {earlier}.")
            continue
        rows.append(row)
    return rows, table.errors
