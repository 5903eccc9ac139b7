"""Any table the viewer shows, exported as CSV or XLSX: the one way every table leaves the viewer.

Text a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is
written as text: in CSV with a leading apostrophe, in XLSX as a string cell, never as a formula.
Written atomically; no Qt.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from viewer.formats.files import atomic_path
from viewer.formats.workbook.cells import guard_csv_text

SUFFIXES = (".csv", ".xlsx")


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def export_rows(header: Sequence[str], rows: Sequence[Sequence[Any]], path: str | os.PathLike,
                sheet: str = "Table") -> None:
    """Write ``rows`` under ``header`` as CSV (UTF-8 with a byte-order mark, so Excel reads accents and
    dashes) or XLSX, by the file's extension. Raises ValueError for another extension, OSError from the disk."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"tables export as CSV or XLSX, not '{suffix or 'no extension'}'")
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow([guard_csv_text(str(h)) for h in header])
                writer.writerows([_csv_cell(v) for v in row] for row in rows)
        else:
            _write_xlsx(header, rows, tmp, sheet)


def _csv_cell(value: Any) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return guard_csv_text(value) if isinstance(value, str) else str(value)


def _write_xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]], target: Path, sheet: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False, "nan_inf_to_errors": True})
    try:
        ws = book.add_worksheet(sheet[:31])
        bold = book.add_format({"bold": True})
        for column, name in enumerate(header):
            ws.write_string(0, column, str(name), bold)
            longest = max([len(str(name))] + [len(str(r[column])) for r in rows[:200]])
            ws.set_column(column, column, min(max(8, longest + 2), 60))
        for n, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if _is_missing(value):
                    continue
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(n, column, value)
                else:
                    ws.write_string(n, column, str(value))  # text stays text, whatever it starts with
        ws.freeze_panes(1, 1)
    finally:
        book.close()
