"""The geographic distribution table (Παράρτημα Α) read from CSV (pure, no I/O): rows, or Greek
errors citing the file's line numbers. All-or-nothing: the caller stores the rows only when
there are no errors."""
from __future__ import annotations

from dataclasses import dataclass

from epimorfosi_platform.csv_import import read_csv

CSV_COLUMNS = {
    "area_code": ("area_code", "κωδικός περιοχής", "κωδικος περιοχης"),
    "area_name": ("area_name", "περιοχή", "περιοχη"),
    "category": ("category", "κατηγορία", "κατηγορια"),
    "cluster": ("cluster", "συστάδα", "συσταδα"),
    "programmes": ("programmes", "προγράμματα", "προγραμματα", "διαθέσιμα προγράμματα"),
}
_CATEGORY_ALIASES = {"iia": "IIa", "iib": "IIb", "ιια": "IIa", "ιιβ": "IIb", "iiα": "IIa", "iiβ": "IIb"}
MAX_CSV_ROWS = 20000


@dataclass(frozen=True)
class DistributionLine:
    line: int
    area_code: str
    area_name: str
    category: str
    cluster: str
    programmes: int


def parse_distribution_csv(data: bytes, clusters: set[str]) -> tuple[list[DistributionLine], list[str]]:
    """Rows of the table, or Greek errors citing line numbers (the file's lines, header = 1)."""
    table = read_csv(data, CSV_COLUMNS, max_rows=MAX_CSV_ROWS)
    rows: list[DistributionLine] = []
    checker = _Conflicts()
    for line, get in table.lines:
        category, cluster, programmes, line_errors = _field_errors(get, clusters)
        if not line_errors:
            line_errors = checker.check(line, (category, get["area_code"], cluster), get["area_name"])
        if line_errors:
            table.refuse(line, "· ".join(line_errors) + ".")
        else:
            rows.append(DistributionLine(line, get["area_code"], get["area_name"], category, cluster, programmes))
    return (rows, []) if not table.errors else ([], table.errors)


def _field_errors(get: dict[str, str], clusters: set[str]) -> tuple[str | None, str, int, list[str]]:
    """One line's category, cluster and programmes, and what is wrong with its fields."""
    errors = []
    if not get["area_code"]:
        errors.append("ο κωδικός περιοχής είναι κενός")
    if not get["area_name"]:
        errors.append("η ονομασία περιοχής είναι κενή")
    if len(get["area_code"]) > 100 or len(get["area_name"]) > 200:
        errors.append("πολύ μεγάλος κωδικός ή ονομασία περιοχής")
    category = _CATEGORY_ALIASES.get(get["category"].lower())
    if category is None:
        errors.append(f"άγνωστη κατηγορία «{get['category']}» (IIa ή IIb)")
    cluster = get["cluster"].replace("Β", "B").split(" ")[0]
    if cluster not in clusters:
        errors.append(f"άγνωστη συστάδα «{get['cluster']}» για την περίοδο")
    try:
        programmes = int(get["programmes"])
        if programmes < 0 or programmes > 10000:
            raise ValueError
    except ValueError:
        programmes = -1
        errors.append(f"το πλήθος προγραμμάτων «{get['programmes']}» πρέπει να είναι ακέραιος από 0 έως 10000")
    return category, cluster, programmes, errors


class _Conflicts:
    """What a line may not repeat of the lines before it."""

    def __init__(self):
        self.seen: dict[tuple[str, str, str], int] = {}
        self.area_names: dict[str, tuple[str, int]] = {}

    def check(self, line: int, key: tuple[str, str, str], area_name: str) -> list[str]:
        """A (category, area, cluster) given twice, or an area code with two names."""
        errors = []
        if key in self.seen:
            errors.append(f"η ίδια περιοχή, κατηγορία και συστάδα υπάρχει ήδη στη γραμμή {self.seen[key]}")
        else:
            self.seen[key] = line
        area_code = key[1]
        named = self.area_names.setdefault(area_code, (area_name, line))
        if named[0] != area_name:
            errors.append(f"ο κωδικός περιοχής {area_code} έχει άλλη ονομασία στη γραμμή {named[1]} "
                          f"(«{named[0]}»)")
        return errors
