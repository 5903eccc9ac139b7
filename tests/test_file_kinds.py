"""The one table of file kinds: how each path's kind is decided, and the dialogs, discovery and writers
that read the table."""

from __future__ import annotations

import zipfile

import pytest

from viewer.formats import kinds
from viewer.formats.errors import NotInspectorateTextError, UnreadableFileError
from viewer.formats.inspection_file import load_inspection
from viewer.formats.kinds import discover, kind_of, open_filter, read_path, save_filters, writer_for
from viewer.formats.workbook import write_workbook

from conftest import DATA

SEED = DATA / "hmip-hertfordshire-pdu-2024.txt"
REPORTS = DATA / "reports"


def test_kind_by_content_first_then_name(tmp_path, sample_path):
    assert kind_of(sample_path) is kinds.INSPECTION_FILE
    assert kind_of(SEED) is kinds.REPORT_TEXT
    assert kind_of(REPORTS / "hertfordshire-web.html") is kinds.REPORT_HTML
    assert kind_of(REPORTS / "hertfordshire.pdf") is kinds.REPORT_PDF
    renamed = tmp_path / "report.json"
    renamed.write_bytes((REPORTS / "hertfordshire.pdf").read_bytes())
    assert kind_of(renamed) is kinds.REPORT_PDF  # a PDF named .json is still a PDF
    page = tmp_path / "page.txt"
    page.write_bytes((REPORTS / "hertfordshire-web.html").read_bytes())
    assert kind_of(page) is kinds.REPORT_HTML
    json_as_txt = tmp_path / "inspection.txt"
    json_as_txt.write_bytes(sample_path.read_bytes())
    assert kind_of(json_as_txt) is kinds.INSPECTION_FILE
    assert kind_of(tmp_path / "missing.pdf") is kinds.REPORT_PDF
    assert kind_of(tmp_path / "missing.json") is kinds.INSPECTION_FILE


def test_workbooks_by_content_and_csv_folders(tmp_path, sample_path):
    sample = load_inspection(sample_path)
    write_workbook([sample], tmp_path / "b.xlsx")
    write_workbook([sample], tmp_path / "b.ods")
    write_workbook([sample], tmp_path / "tables")
    (tmp_path / "b.ods").rename(tmp_path / "ods-named.xlsx")
    assert kind_of(tmp_path / "b.xlsx") is kinds.XLSX
    assert kind_of(tmp_path / "ods-named.xlsx") is kinds.ODS
    assert kind_of(tmp_path / "tables") is kinds.CSV_TABLES
    kind, loaded = read_path(tmp_path / "tables" / "figures.csv")  # any one table stands for its folder
    assert kind is kinds.CSV_TABLES and [i.unit.name for i in loaded.inspections] == ["Hertfordshire PDU"]
    with pytest.raises(UnreadableFileError, match="this is a folder: open it with File ▸ Open Folder"):
        kind_of(tmp_path)


def test_word_documents_are_refused_with_advice(tmp_path):
    docx = tmp_path / "report.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert kind_of(docx) is kinds.WORD
    with pytest.raises(NotInspectorateTextError, match="Word documents are not read: save the report as PDF, web page or text"):
        read_path(docx)


def test_dialog_filters_and_writers_come_from_the_table():
    opening = open_filter().split(";;")
    assert opening[0].startswith("Inspections, workbooks and reports (")
    for suffix in (".json", ".xlsx", ".ods", ".csv", ".pdf", ".html", ".htm", ".txt", ".md"):
        assert f"*{suffix}" in opening[0]
    assert "Inspection file (*.json)" in opening and opening[-1] == "All files (*)"
    assert "*.docx" not in open_filter()
    assert list(save_filters()) == ["OpenDocument spreadsheet (*.ods)", "Excel workbook (*.xlsx)", "Inspection file (*.json)"]
    assert writer_for("x.json") is kinds.INSPECTION_FILE and writer_for("x.XLSX") is kinds.XLSX
    assert writer_for("tables", csv=True) is kinds.CSV_TABLES and writer_for("x.pdf") is None


def test_discovery_skips_hidden_and_lists_what_no_reader_takes(tmp_path, sample_path):
    (tmp_path / "deeper" / ".hidden").mkdir(parents=True)
    (tmp_path / "a.json").write_bytes(sample_path.read_bytes())
    (tmp_path / "deeper" / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "deeper" / ".hidden" / "c.json").write_text("{}")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    write_workbook([], tmp_path / "tables")
    found, passed = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.json", "deeper/b.pdf", "tables"]
    assert [p.name for p in passed] == ["photo.png"]
