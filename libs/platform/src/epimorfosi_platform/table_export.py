"""Exporting a list as a file (CSV or XLSX): the columns' Greek headings, then one line per row.
What every list of every service shares; which rows and columns is the caller's.

    columns = [ExportColumn("code", "Κωδικός"), ExportColumn("capacity", "Δυναμικότητα")]
    return export_response("xlsx", "k3", "Κ3", columns, rows)   # a Flask response, as a download

CSV: UTF-8 with a BOM (so spreadsheet programs read Greek), «;»-separated (the Greek locale's
list separator), CRLF lines (RFC 4180). A cell that starts with «=», «+», «-» or «@» is prefixed
with «'» so a spreadsheet never runs it as a formula (CSV injection); XLSX cells are typed values
(numbers stay numbers, text is never a formula)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Sequence

FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportColumn:
    key: str
    label: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ναι" if value else "Όχι"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_csv(columns: Sequence[ExportColumn], rows: Iterable[Mapping[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.label for c in columns])
    for row in rows:
        writer.writerow([_text(row.get(c.key)) for c in columns])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return _text(value)


def table_xlsx(title: str, columns: Sequence[ExportColumn], rows: Iterable[Mapping[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = (title or "Λίστα")[:31]
    sheet.append([c.label for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = [_cell(row.get(c.key)) for c in columns]
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_bytes(fmt: str, title: str, columns: Sequence[ExportColumn], rows: Iterable[Mapping[str, Any]]) -> bytes:
    if fmt == "csv":
        return table_csv(columns, rows)
    if fmt == "xlsx":
        return table_xlsx(title, columns, rows)
    raise ValueError(f"unknown export format {fmt!r}")


def export_response(fmt: str, filename: str, title: str, columns: Sequence[ExportColumn],
                    rows: Iterable[Mapping[str, Any]]):
    """The file as a Flask download (`filename` without extension, ASCII)."""
    from flask import Response

    return Response(export_bytes(fmt, title, columns, rows), mimetype=MEDIA_TYPES[fmt].split(";")[0],
                    headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"',
                             "Content-Type": MEDIA_TYPES[fmt]})
