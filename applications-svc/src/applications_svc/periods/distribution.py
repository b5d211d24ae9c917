"""The geographic distribution table (Παράρτημα Α) read from CSV (pure, no I/O): rows, or Greek
errors citing the file's line numbers. All-or-nothing: the caller stores the rows only when
there are no errors."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

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
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [f"Το αρχείο δεν είναι σε κωδικοποίηση UTF-8 (byte {exc.start + 1})."]
    if not text.strip():
        return [], ["Το αρχείο είναι κενό."]
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        return [], [f"Γραμμή 1: μη αναγνώσιμη γραμμή CSV ({exc})."]
    index = _column_index(header)
    missing = [CSV_COLUMNS[c][0] for c in CSV_COLUMNS if c not in index]
    if missing:
        return [], [f"Γραμμή 1: λείπουν οι στήλες {', '.join(missing)} "
                    f"(αναμένονται: {', '.join(a[0] for a in CSV_COLUMNS.values())})."]
    rows, errors = _Reader(clusters).read(reader, len(header), index)
    if not rows and not errors:
        errors.append("Το αρχείο δεν έχει γραμμές δεδομένων.")
    return rows, errors


def _column_index(header: list[str]) -> dict[str, int]:
    """Column -> position of the first header cell that names it (any of its aliases)."""
    normalised = [h.strip().lower() for h in header]
    index: dict[str, int] = {}
    for column, aliases in CSV_COLUMNS.items():
        for i, name in enumerate(normalised):
            if name in aliases:
                index[column] = i
                break
    return index


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


class _Reader:
    """The data lines, checked one by one and against the lines before them."""

    def __init__(self, clusters: set[str]):
        self.clusters = clusters
        self.rows: list[DistributionLine] = []
        self.errors: list[str] = []
        self.seen: dict[tuple[str, str, str], int] = {}
        self.area_names: dict[str, tuple[str, int]] = {}

    def read(self, reader, width: int, index: dict[str, int]) -> tuple[list[DistributionLine], list[str]]:
        try:
            for values in reader:
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(self.rows) + len(self.errors) >= MAX_CSV_ROWS:
                    self.errors.append(f"Γραμμή {line}: το αρχείο έχει περισσότερες από {MAX_CSV_ROWS} γραμμές.")
                    break
                if len(values) != width:
                    self.errors.append(f"Γραμμή {line}: αναμένονται {width} στήλες, βρέθηκαν {len(values)}.")
                    continue
                self._line(line, {c: values[i].strip() for c, i in index.items()})
        except csv.Error as exc:
            self.errors.append(f"Γραμμή {reader.line_num}: μη αναγνώσιμη γραμμή CSV ({exc}).")
        return self.rows, self.errors

    def _line(self, line: int, get: dict[str, str]) -> None:
        category, cluster, programmes, line_errors = _field_errors(get, self.clusters)
        if not line_errors:
            line_errors = self._conflicts(line, (category, get["area_code"], cluster), get["area_name"])
        if line_errors:
            self.errors.append(f"Γραμμή {line}: " + "· ".join(line_errors) + ".")
        else:
            self.rows.append(DistributionLine(line, get["area_code"], get["area_name"], category, cluster,
                                              programmes))

    def _conflicts(self, line: int, key: tuple[str, str, str], area_name: str) -> list[str]:
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
