"""Make the bad workbooks beside this script: the bundled sample, trimmed, written by the app, then one
defect each, made with openpyxl as a person editing in Excel would. The .xlsx files are committed; run
this again only to change them:

    .venv/bin/python tests/data/bad_workbooks/make_bad_workbooks.py
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from viewer.formats.inspection_file import load_inspection
from viewer.formats.workbook import write_workbook
from viewer.resource_files import sample_path

HERE = Path(__file__).resolve().parent


def trimmed_sample():
    sample = load_inspection(sample_path())
    return dataclasses.replace(sample, figures=sample.figures[:6], service_gaps=sample.service_gaps[:2],
                               recommendations=sample.recommendations[:3])


def missing_sheet(book):
    del book["figures"]


def missing_column(book):
    book["standards"].delete_cols(4)  # rating


def percent_as_text(book):
    book["key_questions"]["D7"] = "41%"


def score_as_text(book):
    book["inspections"]["M2"] = "four"


def duplicate_standard_code(book):
    book["standards"]["B5"] = "P1.1"


def duplicate_inspection_id(book):
    sheet = book["inspections"]
    sheet.append([cell.value for cell in sheet[2]])


def orphan_inspection_id(book):
    book["figures"]["A4"] = "hertfordshire-pdu-2042-07"


def unknown_rating_label(book):
    book["standards"]["D3"] = "Satisfactory"


DEFECTS = {
    "missing-sheet.xlsx": missing_sheet,
    "missing-column.xlsx": missing_column,
    "percent-as-text.xlsx": percent_as_text,
    "score-as-text.xlsx": score_as_text,
    "duplicate-standard-code.xlsx": duplicate_standard_code,
    "duplicate-inspection-id.xlsx": duplicate_inspection_id,
    "orphan-inspection-id.xlsx": orphan_inspection_id,
    "unknown-rating-label.xlsx": unknown_rating_label,
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder) / "good.xlsx"
        write_workbook([trimmed_sample()], good)
        for name, defect in DEFECTS.items():
            book = load_workbook(good)
            defect(book)
            book.save(HERE / name)
            print("wrote", HERE / name)
    (HERE / "not-a-workbook.xlsx").write_text("inspection_id,code\nhertfordshire,P1.1\n", encoding="utf-8")


if __name__ == "__main__":
    main()
