"""CSV and XLSX: the same rows (tables.py), guarded against formula injection.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return
before one) as a formula: "=HYPERLINK(...)" in a headline could leak data or run
commands when a journalist opens the file. CSV cells like that get a leading
apostrophe (OWASP's advice); XLSX cells are written as typed text with Excel's
quote prefix, so the exact text is kept and never evaluated.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from graph.export.common import Exporter, register
from graph.export.tables import COLUMNS, rows
from graph.export.text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """A CSV cell a spreadsheet will show as text, never run."""
    return "'" + value if is_formula_like(value) else value


@register
class CsvExporter(Exporter):
    format = "csv"
    label = "Table (CSV)"
    media_type = "text/csv; charset=utf-8"
    extension = "csv"

    def render(self, records: list[dict], what: str) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS[what], lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows(records, what))
        return buffer.getvalue()


@register
class XlsxExporter(Exporter):
    format = "xlsx"
    label = "Table (Excel)"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"
    binary = True

    def render(self, records: list[dict], what: str) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = what
        sheet.append(list(COLUMNS[what]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for number, row in enumerate(rows(records, what), start=2):
            for column, value in enumerate(row.values(), start=1):
                cell = sheet.cell(row=number, column=column)
                cell.value = xml_safe(value) if isinstance(value, str) else value
                if isinstance(value, str):
                    # openpyxl stores "=..." as a formula and "#N/A" as an error: keep text as text.
                    cell.data_type = "s"
                    cell.quotePrefix = is_formula_like(value)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
