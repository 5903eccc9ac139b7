"""Workbooks (.xlsx, .ods, a folder of CSV files): exact round trips, and a message naming the sheet, row
and column for every defect."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from viewer.formats.errors import LoadError, SchemaError, UnknownFrameworkError, UnreadableFileError
from viewer.formats.inspection_file import load_inspection
from viewer.formats.inspection_file.write import inspection_to_dict
from viewer.formats.workbook import WorkbookError, WorkbookWriteError, inspection_ids, read_workbook, write_workbook
from viewer.formats.workbook.cells import decode_ids, decode_texts, encode_list
from viewer.formats.workbook.layout import SHEET_NAMES, SHEETS
from viewer.model.inspection import Figure, Inspection, KeyQuestion, Recommendation, ServiceGap, Standard, Unit
from viewer.model.ratings import Rating
from viewer.resource_files import resource_path

from conftest import DATA

BAD_BOOKS = DATA / "bad_workbooks"
FORMATS = ["book.xlsx", "book.ods", "book-csv"]


def bare(inspection: Inspection) -> Inspection:
    return dataclasses.replace(inspection, source_path=None, source_part=None, warnings=())


def assert_same(got: Inspection, expected: Inspection) -> None:
    assert bare(got) == bare(expected)
    # equality says 59 == 59.0; the JSON text tells them apart, so ints must come back as ints
    assert json.dumps(inspection_to_dict(got)) == json.dumps(inspection_to_dict(expected))


@pytest.fixture
def sample(sample_path) -> Inspection:
    return load_inspection(sample_path)


@pytest.mark.parametrize("name", FORMATS)
def test_sample_reads_back_equal(tmp_path, sample, name):
    path = tmp_path / name
    write_workbook([sample], path)
    [got] = read_workbook(path)
    assert_same(got, sample)
    assert (got.source_path, got.source_part) == (str(path), "hertfordshire-pdu-2024-07")
    assert got.warnings == ()


def tricky_inspection() -> Inspection:
    """Everything a naive spreadsheet writer gets wrong."""
    return Inspection(
        framework_id="hmip-probation-pdu-2023",
        unit=Unit("=HYPERLINK(\"x\") Ünit, with “quotes”", kind="+PDU", region="  two  spaces\tand a tab "),
        standards=(
            Standard("P1.1", name="-1", rating=Rating.GOOD, statement="'=already quoted", summary="[not a list]",
                     strengths=("first", "second line\nof the same item", "third"),
                     areas_for_improvement=(" leading space", "[\"looks\", \"like json\"]")),
            Standard("P2.1", strengths=('["json"]',), areas_for_improvement=("", "after an empty item"),
                     key_questions=(KeyQuestion("Q?", 59), KeyQuestion("Q2", 49.6, "safety", 3, 7),
                                    KeyQuestion("Q3", 0))),
        ),
        figures=(
            Figure("a,b", "staffing", "9.6 FTE", 9.6, "FTE"), Figure("big", "context", "population", 1204588),
            Figure("tiny", "outcomes", "tiny", 1e-07), Figure("neg", "outcomes", "minus", -3.25, "percent"),
            Figure("x", "staff_survey", "count", None, "staff", 32, 35, "P1.2", "Staffing", "32 out of 35."),
        ),
        service_gaps=(ServiceGap("women", "Women", "line one\nline two", ("e1", "e2"), "P1.3", ("a,b", "big")),),
        recommendations=(Recommendation(1, "@mention", ("P1.1", "P2.1"), ("women",)),
                         Recommendation(2, "plain", (), ())),
    )


@pytest.mark.parametrize("name", FORMATS)
def test_tricky_values_read_back_equal(tmp_path, name):
    tricky = tricky_inspection()
    path = tmp_path / name
    write_workbook([tricky], path)
    [got] = read_workbook(path)
    assert_same(got, tricky)


@pytest.mark.parametrize("name", FORMATS)
def test_many_inspections_keep_their_order_and_get_unique_ids(tmp_path, sample, name):
    second = dataclasses.replace(sample, report=dataclasses.replace(sample.report, published=None))
    books = [sample, sample, second, tricky_inspection()]
    path = tmp_path / name
    write_workbook(books, path)
    got = read_workbook(path)
    for read, written in zip(got, books, strict=True):
        assert_same(read, written)
    assert [g.source_part for g in got] == [
        "hertfordshire-pdu-2024-07", "hertfordshire-pdu-2024-07-2", "hertfordshire-pdu", "hyperlink-x-unit-with-quotes"]


def test_ids_are_slugs_made_unique():
    unit = Inspection("f", Unit("Ørsted / Hull PDU"))
    assert inspection_ids([unit, unit, Inspection("f", Unit("!!!"))]) == ["orsted-hull-pdu", "orsted-hull-pdu-2",
                                                                            "inspection"]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n ,[]\"'"))))
def test_list_cells_read_back_equal(items):
    for kind, decode in (("texts", decode_texts), ("ids", decode_ids)):
        cell = encode_list(tuple(items), kind)
        assert (decode(cell) if cell is not None else ()) == tuple(items)


def test_list_cells_are_plain_when_they_can_be():
    assert encode_list(("one", "two"), "texts") == "one\ntwo"
    assert encode_list(("P1.1", "P2.1"), "ids") == "P1.1, P2.1"
    assert encode_list(("one\nstill one", "two"), "texts") == '["one\\nstill one", "two"]'
    assert decode_texts(" one \n\n two\n") == ("one", "two")  # as typed by hand, Alt+Enter between items
    assert decode_ids("a,b\nc , ") == ("a", "b", "c")


def test_csv_files_have_a_bom_and_guard_formulas(tmp_path):
    write_workbook([tricky_inspection()], tmp_path / "csv")
    raw = (tmp_path / "csv" / "inspections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,format_version,framework,unit_name,")
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")  # Excel shows it as text instead of running it
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        [f"{n}.csv" for n in SHEET_NAMES] + ["README.txt"])


def test_xlsx_text_starting_with_equals_is_text_not_a_formula(tmp_path):
    write_workbook([tricky_inspection()], tmp_path / "b.xlsx")
    cell = load_workbook(tmp_path / "b.xlsx")["inspections"]["D2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_written_workbook_has_readme_and_headers(tmp_path, sample):
    write_workbook([sample], tmp_path / "b.xlsx")
    book = load_workbook(tmp_path / "b.xlsx")
    assert book.sheetnames == ["README", *SHEET_NAMES]
    assert "one row per inspection" in book["README"]["A2"].value
    for sheet in SHEETS:
        assert [c.value for c in book[sheet.name][1]] == list(sheet.column_names)


def test_template_matches_the_layout_and_reads_as_empty():
    template = resource_path("templates", "inspections-template.xlsx")
    assert read_workbook(template) == []
    book = load_workbook(template)
    assert book.sheetnames == ["README", *SHEET_NAMES]
    for sheet in SHEETS:
        assert [c.value for c in book[sheet.name][1]] == list(sheet.column_names)
        assert book[sheet.name].max_row == 1


def test_a_workbook_of_no_inspections_reads_back_empty(tmp_path):
    write_workbook([], tmp_path / "t.ods")  # how `make template` builds the bundled template (as .xlsx)
    assert read_workbook(tmp_path / "t.ods") == []


# ---- bad workbooks: one defect each, the message a user sees -----------------------------------------

BAD_BOOK_CASES = [
    ("missing-sheet.xlsx", WorkbookError, "sheet 'figures'",
     "the sheet is missing; a workbook has the sheets inspections, standards, key_questions, figures, "
     "service_gaps, recommendations"),
    ("missing-column.xlsx", WorkbookError, "sheet 'standards', column 'rating'",
     "the column is missing from the header row (row 1); the sheet needs the columns inspection_id, code, name, "
     "rating, statement, summary, strengths, areas_for_improvement"),
    ("percent-as-text.xlsx", WorkbookError, "sheet 'key_questions', row 7, column 'percent_yes'",
     'expected a number (a percentage), found text "41%"'),
    ("score-as-text.xlsx", WorkbookError, "sheet 'inspections', row 2, column 'overall_score'",
     'expected a whole number for a score, found text "four"'),
    ("duplicate-standard-code.xlsx", WorkbookError, "sheet 'standards', row 5, column 'code'",
     "code 'P1.1' of inspection 'hertfordshire-pdu-2024-07' appears twice (first in row 2)"),
    ("duplicate-inspection-id.xlsx", WorkbookError, "sheet 'inspections', row 3, column 'id'",
     "id 'hertfordshire-pdu-2024-07' appears twice (first in row 2)"),
    ("orphan-inspection-id.xlsx", WorkbookError, "sheet 'figures', row 4, column 'inspection_id'",
     "inspection 'hertfordshire-pdu-2042-07' is not in sheet 'inspections' (column 'id')"),
    ("unknown-rating-label.xlsx", WorkbookError, "sheet 'standards', row 3, column 'rating'",
     "unknown rating label 'Satisfactory' (expected one of 'Inadequate', 'Requires improvement', 'Good', "
     "'Outstanding')"),
    ("not-a-workbook.xlsx", UnreadableFileError, "",
     "not an .xlsx or .ods workbook (the file is not a zip archive); old .xls files must be saved as .xlsx first"),
]


def test_every_bad_workbook_has_a_case():
    assert sorted(p.name for p in BAD_BOOKS.glob("*.xlsx")) == sorted(name for name, *_ in BAD_BOOK_CASES)


@pytest.mark.parametrize("name, kind, place, message", BAD_BOOK_CASES, ids=[c[0] for c in BAD_BOOK_CASES])
def test_bad_workbook_message(name, kind, place, message):
    path = BAD_BOOKS / name
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(kind) as caught:
        read_workbook(path)
    err = caught.value
    assert isinstance(err, LoadError) and err.path == str(path)
    assert (err.place, err.message) == (place, message)
    assert str(err) == f"{path}: {place}: {message}" if place else f"{path}: {message}"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "a reader must never write to its input"


# ---- hand-made workbooks: what people type in Excel --------------------------------------------------

def hand_made(path, **sheets) -> None:
    """A workbook with the given rows per sheet (header included); other sheets get just their header."""
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name)
        for row in sheets.get(sheet.name, [list(sheet.column_names)]):
            ws.append(row)
    book.save(path)


HEAD = ["id", "format_version", "framework", "unit_name", "unit_kind", "region", "report_title", "published",
        "fieldwork_start", "url", "lead_inspector", "overall_rating", "overall_score", "community_orders",
        "licences", "interviews"]


def row(**values):
    return [values.get(name) for name in HEAD]


def test_hand_made_workbook_is_read_tolerantly(tmp_path):
    path = tmp_path / "hand.xlsx"
    standards = [["Inspection_ID", "code", "name", "rating", "statement", "summary", "strengths",
                  "areas_for_improvement", "my notes"],
                 ["u", "P 2.1.", "Assessment", "requires improvement", None, None, " one \n\ntwo ", None, "x"],
                 [None] * 9,  # a blank row is skipped; row numbers still count it
                 ["u", "P1.1", None, "GOOD", None, None, None, None, None]]
    key_questions = [list(SHEETS[2].column_names), ["u", "P2.1", "Engaging?", 0.59, "engagement", "3", 5]]
    hand_made(path, inspections=[HEAD, row(id="u", framework="hmip-probation-pdu-2023", unit_name=2024,
                                           published=datetime(2024, 7, 1), fieldwork_start=date(2024, 4, 15),
                                           overall_score=4.0, region="   ")],
              standards=standards, key_questions=key_questions)
    [got] = read_workbook(path)
    assert got.unit == Unit("2024") and got.unit.region is None
    assert (got.report.published, got.report.fieldwork_start, got.overall.score) == ("2024-07", "2024-04-15", 4)
    assert [s.code for s in got.standards] == ["P2.1", "P1.1"]
    assert got.standards[0].strengths == ("one", "two")
    assert got.standards[0].key_questions == (KeyQuestion("Engaging?", 0.59, "engagement", 3, 5),)
    assert got.warnings == (
        "sheet 'standards': column 'my_notes' is not part of the workbook layout; ignored",
        "sheet 'standards', row 2, column 'rating': rating 'requires improvement' read as 'Requires improvement'; "
        "please use that spelling",
        "sheet 'standards', row 4, column 'rating': rating 'GOOD' read as 'Good'; please use that spelling",
        "sheet 'key_questions', row 2, column 'percent_yes': 0.59 read as 0.59%; if the cell shows 59%, type 59 "
        "instead",
    )


@pytest.mark.parametrize("rows, place, message", [
    ({"inspections": [HEAD, row(id="u", framework="hmip-youth-2099", unit_name="U")]},
     "sheet 'inspections', row 2, column 'framework'", "unknown framework 'hmip-youth-2099'"),
    ({"inspections": [HEAD, row(id="u", framework="hmip-probation-pdu-2023", unit_name="U", overall_score=25)]},
     "sheet 'inspections', row 2, column 'overall_score'", "25 is outside the range 0 to 21 for a score in"),
    ({"inspections": [HEAD, row(id="u", framework="hmip-probation-pdu-2023", unit_name="U", licences=True)]},
     "sheet 'inspections', row 2, column 'licences'", "expected a whole number, found TRUE (a true/false cell)"),
    ({"inspections": [HEAD, row(framework="hmip-probation-pdu-2023", unit_name="U")]},
     "sheet 'inspections', row 2, column 'id'", "required column 'id' is empty"),
    ({"inspections": [HEAD, row(id="u", framework="hmip-probation-pdu-2023", unit_name="U")],
      "key_questions": [list(SHEETS[2].column_names), ["u", "P2.1", "Q", 50]]},
     "sheet 'key_questions', row 2, column 'standard_code'",
     "standard 'P2.1' of inspection 'u' is not in sheet 'standards'"),
    ({"inspections": [HEAD, row(id="u", framework="hmip-probation-pdu-2023", unit_name="U")],
      "figures": [list(SHEETS[3].column_names), ["u", "f", "caseload", "L", None, None, 5, 4]]},
     "sheet 'figures', row 2, column 'count'", "count 5 is larger than total 4"),
    ({"inspections": [HEAD, row(id="u", framework="hmip-probation-pdu-2023", unit_name="U")],
      "figures": [list(SHEETS[3].column_names), ["u", "f", "weather", "L"]]},
     "sheet 'figures', row 2, column 'topic'", "unknown topic 'weather' (expected one of caseload,"),
    ({"inspections": [HEAD + ["unit_name"]]}, "sheet 'inspections', row 1, column 'unit_name'",
     "column 'unit_name' appears twice in the header row"),
    ({"inspections": []}, "sheet 'inspections'", "the sheet is empty; row 1 must hold the column names id, "),
])
def test_hand_made_defects(tmp_path, rows, place, message):
    hand_made(tmp_path / "hand.xlsx", **rows)
    with pytest.raises(SchemaError) as caught:
        read_workbook(tmp_path / "hand.xlsx")
    assert caught.value.place == place and caught.value.message.startswith(message)
    assert type(caught.value) is (UnknownFrameworkError if "framework" in place else WorkbookError)


# ---- CSV folders ---------------------------------------------------------------------------------------

def test_csv_folder_by_any_of_its_files_and_hand_made_csv(tmp_path, sample):
    folder = tmp_path / "csv"
    write_workbook([sample], folder)
    (folder / "standards.csv").rename(folder / "Standards.CSV")
    [got] = read_workbook(folder / "Standards.CSV")
    assert (got.source_path, got.source_part) == (str(folder), "hertfordshire-pdu-2024-07")
    assert_same(got, sample)
    # as saved by Excel in a locale that uses ';' (no BOM): numbers are text, and read as numbers
    (folder / "key_questions.csv").write_text(
        "inspection_id;standard_code;question;percent_yes;theme;cases_yes;cases_total\n"
        "hertfordshire-pdu-2024-07;P2.1;Q?;59;;3;5\n", encoding="utf-8")
    [got] = read_workbook(folder)
    assert got.standard("P2.1").key_questions == (KeyQuestion("Q?", 59, None, 3, 5),)
    (folder / "key_questions.csv").write_text(
        "inspection_id;standard_code;question;percent_yes;theme;cases_yes;cases_total\n"
        "hertfordshire-pdu-2024-07;P2.1;Q?;59%;;;\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_workbook(folder)
    assert str(caught.value) == (f"{folder}: file 'key_questions.csv', row 2, column 'percent_yes': "
                                 'expected a number (a percentage), found text "59%"')


def test_csv_folder_defects(tmp_path, sample):
    folder = tmp_path / "csv"
    write_workbook([sample], folder)
    (folder / "figures.csv").write_bytes("inspection_id,figure_id\n\xe9\n".encode("latin-1"))
    with pytest.raises(UnreadableFileError, match="file 'figures.csv': not UTF-8 text; in Excel save as 'CSV UTF-8"):
        read_workbook(folder)
    (folder / "figures.csv").unlink()
    with pytest.raises(WorkbookError, match=r"file 'figures.csv': the file is missing; a CSV workbook is a folder"):
        read_workbook(folder)


# ---- files, paths and atomic writes --------------------------------------------------------------------

def test_unreadable_files(tmp_path):
    with pytest.raises(UnreadableFileError, match="file not found"):
        read_workbook(tmp_path / "nope.xlsx")
    with zipfile.ZipFile(tmp_path / "zip.xlsx", "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(UnreadableFileError, match=r"cannot be read as a \.xlsx workbook"):
        read_workbook(tmp_path / "zip.xlsx")


def test_write_errors_name_the_cell(tmp_path, sample):
    bad = dataclasses.replace(sample, figures=(Figure("f", "context", "bell\x07"),))
    with pytest.raises(WorkbookWriteError, match=r"inspection 'hertfordshire-pdu-2024-07', sheet 'figures', "
                                                 r"column 'label': holds a character \(U\+0007\) that "
                                                 r"spreadsheets cannot store"):
        write_workbook([bad], tmp_path / "b.xlsx")
    with pytest.raises(WorkbookWriteError, match="a workbook is an .xlsx or .ods file, or a folder name"):
        write_workbook([sample], tmp_path / "b.csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", FORMATS)
def test_failed_write_leaves_the_old_workbook_and_no_temporary_files(tmp_path, sample, monkeypatch, name):
    from viewer.formats.workbook import write as workbook_write

    target = tmp_path / name
    write_workbook([sample], target)
    before = sorted(p.name for p in tmp_path.rglob("*"))

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(workbook_write, "_write_xlsx", broken)
    monkeypatch.setattr(workbook_write, "_write_ods", broken)
    monkeypatch.setattr(workbook_write.csv, "writer", broken)
    with pytest.raises(OSError, match="disk full"):
        write_workbook([sample, sample], target)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert len(read_workbook(target)) == 1


def test_rewriting_a_csv_folder_keeps_other_files(tmp_path, sample):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    write_workbook([sample, sample], folder)
    assert (folder / "notes.txt").read_text() == "mine" and len(read_workbook(folder)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


# ---- provenance: the sources and quotations of published outcomes ----------------------------------

LIBRARY_ENTRY = resource_path("outcomes", "library", "kirklees-pdu-2023.json")


def test_sources_and_quotations_round_trip_through_a_workbook(tmp_path):
    outcome = load_inspection(LIBRARY_ENTRY)
    assert outcome.sources and outcome.quotes
    for target in (tmp_path / "outcome.xlsx", tmp_path / "outcome.ods", tmp_path / "outcome-csv"):
        write_workbook([outcome], target)
        back = read_workbook(target)[0]
        assert back.sources == outcome.sources and back.quotes == outcome.quotes


def test_a_workbook_written_before_the_provenance_sheets_still_reads(tmp_path, sample):
    folder = tmp_path / "old"
    write_workbook([sample], folder)
    (folder / "sources.csv").unlink()
    (folder / "quotes.csv").unlink()
    inspection = read_workbook(folder)[0]
    assert inspection.sources == () and inspection.quotes == ()
    assert inspection.standards == sample.standards


def test_a_quotation_of_a_source_the_inspection_does_not_have_is_refused(tmp_path):
    folder = tmp_path / "book"
    write_workbook([load_inspection(LIBRARY_ENTRY)], folder)
    text = (folder / "quotes.csv").read_text(encoding="utf-8")
    (folder / "quotes.csv").write_text(text.replace(",kirklees-pdu-2023-press-release,", ",nowhere,", 1),
                                       encoding="utf-8")
    with pytest.raises(WorkbookError) as refused:
        read_workbook(folder)
    assert refused.value.place.startswith("file 'quotes.csv', row ")
    assert "source 'nowhere' of inspection" in refused.value.message
