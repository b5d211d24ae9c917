"""table_export: the CSV and XLSX files of a list."""
import io
from datetime import date

from openpyxl import load_workbook

from epimorfosi_platform.table_export import ExportColumn, export_bytes, table_csv, table_xlsx

COLUMNS = [ExportColumn("code", "Κωδικός"), ExportColumn("capacity", "Δυναμικότητα"), ExportColumn("starts", "Έναρξη")]
ROWS = [{"code": "Β1.4-001", "capacity": 15, "starts": date(2026, 11, 2)},
        {"code": "=HYPERLINK(\"x\")", "capacity": None, "starts": None}]


def test_csv_has_a_bom_greek_headings_semicolons_and_defused_formulas():
    data = table_csv(COLUMNS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "Κωδικός;Δυναμικότητα;Έναρξη"
    assert lines[1] == "Β1.4-001;15;02/11/2026"
    assert lines[2] == '"\'=HYPERLINK(""x"")";;'
    assert lines[3] == ""


def test_xlsx_keeps_numbers_as_numbers_and_text_as_text():
    book = load_workbook(io.BytesIO(table_xlsx("Κ3 λίστα", COLUMNS, ROWS)))
    sheet = book.active
    assert sheet.title == "Κ3 λίστα"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Κωδικός", "Δυναμικότητα", "Έναρξη")
    assert rows[1] == ("Β1.4-001", 15, "02/11/2026")
    assert rows[2][0] == "'=HYPERLINK(\"x\")"
    assert sheet.cell(row=3, column=1).data_type == "s"


def test_unknown_format_is_refused():
    import pytest
    with pytest.raises(ValueError):
        export_bytes("pdf", "x", COLUMNS, ROWS)
