"""Reading an uploaded CSV register (pure, no I/O): the file's data lines as `{column: text}` with
their line numbers, or Greek errors that cite them. What every import of a register shares (UTF-8
with or without BOM, «,» or «;», header names in Greek or English, a row limit); what a line means
is the caller's rule. All-or-nothing is the caller's too: it stores nothing while there are errors.

    table = read_csv(data, {"afm": ("afm", "αφμ"), "phone": ("phone", "τηλέφωνο")}, optional={"phone"})
    for line, values in table.lines:
        ... table.refuse(line, "άγνωστη συστάδα")   # the caller's own rule
    if table.errors: raise Invalid(..., errors=table.errors)
"""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Set
from dataclasses import dataclass, field

MAX_ROWS = 20000


@dataclass
class CsvTable:
    lines: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line number, header = 1)
    problems: list[tuple[int, str]] = field(default_factory=list)  # line 0: the whole file

    def refuse(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    @property
    def errors(self) -> list[str]:
        """Every problem in the order of the file's lines, as «Γραμμή N: ...»."""
        ordered = sorted(self.problems, key=lambda problem: problem[0])
        return [f"Γραμμή {line}: {message}" if line else message for line, message in ordered]


def _decode(data: bytes) -> tuple[str | None, str | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"Το αρχείο δεν είναι σε κωδικοποίηση UTF-8 (byte {exc.start + 1})."
    if not text.strip():
        return None, "Το αρχείο είναι κενό."
    return text, None


def _column_index(header: list[str], columns: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Column -> position of the first header cell that names it (any of its aliases, any case)."""
    normalised = [h.strip().lower() for h in header]
    index: dict[str, int] = {}
    for column, aliases in columns.items():
        for position, name in enumerate(normalised):
            if name in {a.lower() for a in aliases}:
                index[column] = position
                break
    return index


def read_csv(data: bytes, columns: Mapping[str, tuple[str, ...]], *, optional: Set[str] = frozenset(),
             max_rows: int = MAX_ROWS) -> CsvTable:
    """The data lines of `data` (blank lines skipped), each with every column of `columns` present in
    the header (stripped text; an optional column missing from the header is ""), or the file's errors."""
    table = CsvTable()
    text, error = _decode(data)
    if error:
        table.refuse(0, error)
        return table
    first = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    try:
        header = next(reader)
    except csv.Error as exc:
        table.refuse(1, f"μη αναγνώσιμη γραμμή CSV ({exc}).")
        return table
    index = _column_index(header, columns)
    missing = [aliases[0] for column, aliases in columns.items() if column not in index and column not in optional]
    if missing:
        table.refuse(1, f"λείπουν οι στήλες {', '.join(missing)} "
                        f"(αναμένονται: {', '.join(a[0] for a in columns.values())}).")
        return table
    _read_lines(reader, len(header), index, columns, table, max_rows)
    if not table.lines and not table.problems:
        table.refuse(0, "Το αρχείο δεν έχει γραμμές δεδομένων.")
    return table


def _read_lines(reader, width: int, index: dict[str, int], columns, table: CsvTable, max_rows: int) -> None:
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(table.lines) + len(table.problems) >= max_rows:
                table.refuse(line, f"το αρχείο έχει περισσότερες από {max_rows} γραμμές.")
                return
            if len(values) != width:
                table.refuse(line, f"αναμένονται {width} στήλες, βρέθηκαν {len(values)}.")
                continue
            table.lines.append((line, {c: values[index[c]].strip() if c in index else "" for c in columns}))
    except csv.Error as exc:
        table.refuse(reader.line_num, f"μη αναγνώσιμη γραμμή CSV ({exc}).")
