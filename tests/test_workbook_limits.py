"""Hostile and broken workbooks: refused before the engine allocates them, with the limit and the place.

Every file is made here from the sample (a few KB each); a limit is lowered with monkeypatch where
reaching the real one would take a large file, which tests the same mechanism.
"""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import pytest

from viewer.formats.errors import LoadError, UnreadableFileError
from viewer.formats.inspection_file import load_inspection
from viewer.formats.workbook import WorkbookError, read_workbook, write_workbook
from viewer.formats.workbook import limits
from viewer.formats.workbook import read as workbook_read
from viewer.formats.workbook import scan, scan_xlsx
from viewer.formats.workbook.layout import SHEET
from viewer.formats.workbook.limits import column_letters
from viewer.resource_files import sample_path

FIGURES = "xl/worksheets/sheet5.xml"  # README is sheet1, then the sheets in layout order
KEY_QUESTIONS = "xl/worksheets/sheet4.xml"


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    sample = load_inspection(sample_path())
    for name in ("book.xlsx", "book.ods", "csv"):
        write_workbook([sample], folder / name)
    return {"xlsx": folder / "book.xlsx", "ods": folder / "book.ods", "csv": folder / "csv"}


@pytest.fixture
def no_engine(monkeypatch):
    """The engine must never be reached: every refusal here comes before it allocates anything."""
    import python_calamine

    class Refused:
        @staticmethod
        def from_path(*args, **kwargs):
            raise AssertionError("the engine was called for a file the checks should have refused")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Refused)


def patched(source: Path, target: Path, part: str, edit) -> Path:
    """A copy of a workbook with one zip entry's text changed by ``edit``."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, edit(data) if info.filename == part else data)
    return target


def add_rows(xml: bytes, rows: bytes) -> bytes:
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def refused(path: Path, kind: type[LoadError] = WorkbookError) -> LoadError:
    with pytest.raises(kind) as caught:
        read_workbook(path)
    assert caught.value.path == str(path)
    return caught.value


# ---- .xlsx: a sheet's extent, checked before the engine builds it -----------------------------------

@pytest.mark.parametrize("rows, place, message", [
    # 31 KB with one cell at the last place of a sheet: the engine asked for 512 GB
    (b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "sheet 'figures', cell XFD1048576",
     "the sheet reaches row 1,048,576; a sheet may have at most 500,000 rows"),
    (b'<row r="1048576"><c r="Z1048576"><v>1</v></c></row>', "sheet 'figures', cell Z1048576",
     "the sheet reaches row 1,048,576; a sheet may have at most 500,000 rows"),
    (b'<row r="97"><c r="XFD97"><v>1</v></c></row>', "sheet 'figures', cell XFD97",
     "the sheet reaches column XFD (column 16,384); a sheet may have at most 1,024 columns (A to AMJ)"),
    # the reference not first, a quoted '>' before it, a namespace prefix, a row number out of order
    (b'<row r="97"><c t="n" r="XFD97"><v>1</v></c></row>', "sheet 'figures', cell XFD97", "column XFD"),
    (b'<row r="97"><c s=">" r="XFD97"><v>1</v></c></row>', "sheet 'figures', cell XFD97", "column XFD"),
    (b'<row r="97"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="XFD97">'
     b'<x:v>1</x:v></x:c></row>', "sheet 'figures', cell XFD97", "column XFD"),
    (b'<row r="3"><c r="A700000"><v>1</v></c></row>', "sheet 'figures', cell A700000", "row 700,000"),
    # no references at all: 2,000 cells in a row are 2,000 columns
    (b'<row>' + b'<c><v>1</v></c>' * 2000 + b'</row>', "sheet 'figures', cell AMK97", "column AMK (column 1,025)"),
    # one cell far down and to the right of a small sheet: 10 million empty cells for 30 KB
    (b'<row r="400000"><c r="Z400000"><v>1</v></c></row>', "sheet 'figures'",
     "its cells span A1:Z400000 (10,400,000 cells, mostly empty) in"),
])
def test_xlsx_cells_beyond_the_limits_are_refused_before_the_engine(tmp_path, books, no_engine, rows, place, message):
    path = patched(books["xlsx"], tmp_path / "hostile.xlsx", FIGURES, lambda xml: add_rows(xml, rows))
    assert path.stat().st_size < 40_000
    err = refused(path)
    assert err.place == place and message in err.message, str(err)


def test_xlsx_declared_dimension_is_checked_first(tmp_path, books, no_engine):
    path = patched(books["xlsx"], tmp_path / "dim.xlsx", FIGURES,
                   lambda xml: xml.replace(b'<dimension ref="A1:K96"/>', b'<dimension ref="A1:XFD1048576"/>'))
    err = refused(path)
    assert err.place == "sheet 'figures' (its <dimension>)"
    assert err.message == ("the sheet declares that its cells span A1:XFD1048576: 1,048,576 rows and 16,384 "
                           "columns; a sheet may have at most 500,000 rows and 1,024 columns")


def test_xlsx_rows_are_counted_while_streaming(tmp_path, books, no_engine, monkeypatch):
    """The row limit, lowered: the sheet's own rows (95 figures) pass it, in any chunk size."""
    monkeypatch.setattr(limits, "MAX_ROWS", 90)  # the README sheet has 77 rows
    monkeypatch.setattr(scan, "CHUNK_BYTES", 1000)  # many chunks: the limit holds across them
    err = refused(books["xlsx"])
    assert (err.place, err.message) == ("sheet 'figures' (its <dimension>)",
                                        "the sheet declares that its cells span A1:K96: 96 rows and 11 columns; "
                                        "a sheet may have at most 90 rows and 1,024 columns")
    no_dimension = patched(books["xlsx"], tmp_path / "nodim.xlsx", FIGURES,
                           lambda xml: xml.replace(b'<dimension ref="A1:K96"/>', b""))
    err = refused(no_dimension)
    assert err.place == "sheet 'figures', cell A91" and err.message == (
        "the sheet reaches row 91; a sheet may have at most 90 rows")


def test_xlsx_quick_and_exact_scans_agree(tmp_path, books):
    """The quick scan (regular expressions) and the exact one (expat) find the same extent, in chunks of
    any size, for an ordinary sheet and for one with out-of-order and reference-less cells."""
    odd = patched(books["xlsx"], tmp_path / "odd.xlsx", FIGURES,
                  lambda xml: add_rows(xml.replace(b'<dimension ref="A1:K96"/>', b""),
                                       b'<row r="120"><c t="s" r="M120"><v>0</v></c></row>'
                                       b'<row r="2"><c r="B2"><v>1</v></c></row>'))
    for path in (books["xlsx"], odd):
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(FIGURES)
            exact = scan.Extent(str(path), "x", info.file_size)
            scan_xlsx._ExactXlsxSheet(exact).run(archive, info)
            for chunk_bytes in (200, 5000, 1 << 20):
                scan.CHUNK_BYTES, before = chunk_bytes, scan.CHUNK_BYTES
                try:
                    quick = scan.Extent(str(path), "x", info.file_size)
                    scan_xlsx._quick_xlsx_sheet(archive, info, quick)
                finally:
                    scan.CHUNK_BYTES = before
                assert (quick.rows, quick.columns) == (exact.rows, exact.columns)
    assert (exact.rows, exact.columns) == (120, 13)
    no_reference = patched(books["xlsx"], tmp_path / "noref.xlsx", FIGURES,
                           lambda xml: add_rows(xml, b'<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c></row>'))
    with zipfile.ZipFile(no_reference) as archive, pytest.raises(scan_xlsx._NeedsExactScan):
        info = archive.getinfo(FIGURES)
        scan_xlsx._quick_xlsx_sheet(archive, info, scan.Extent(str(no_reference), "x", info.file_size))


def test_xlsx_limits_accept_the_workbooks_people_make(books):
    assert len(read_workbook(books["xlsx"])) == 1


# ---- .ods: repeated rows and cells, expanded as the engine expands them ---------------------------------

VALUE = b'<table:table-cell office:value-type="float" office:value="1"'


def in_figures(extra: bytes):
    """Put rows into the sheet 'figures' of content.xml, after its header row."""
    def edit(xml: bytes) -> bytes:
        start = xml.index(b'<table:table table:name="figures">')
        header_end = xml.index(b"</table:table-row>", start) + len(b"</table:table-row>")
        return xml[:header_end] + extra + xml[header_end:]
    return edit


@pytest.mark.parametrize("extra, place, message", [
    # a row of 99 numbers repeated a million times: 10 GB in the engine
    (b'<table:table-row table:number-rows-repeated="1000000">' + VALUE + b' table:number-columns-repeated="99"/>'
     b"</table:table-row>", "sheet 'figures', row 2",
     "the row is repeated 1,000,000 times (table:number-rows-repeated), which makes the sheet 1,000,001 rows long; "
     "a sheet may have at most 500,000 rows"),
    (b"<table:table-row>" + VALUE + b' table:number-columns-repeated="100000"/></table:table-row>',
     "sheet 'figures', row 2", "a cell repeated 100,000 times (table:number-columns-repeated) makes the row "
                               "100,000 cells wide; a sheet may have at most 1,024 columns (A to AMJ)"),
    # empty rows count when a row with a value follows them
    (b'<table:table-row table:number-rows-repeated="900000"><table:table-cell/></table:table-row>'
     b"<table:table-row>" + VALUE + b"/></table:table-row>", "sheet 'figures', row 900002",
     "the sheet reaches row 900,002; a sheet may have at most 500,000 rows"),
    (b'<table:table-row table:number-rows-repeated="300000">' + VALUE + b' table:number-columns-repeated="60"/>'
     b"</table:table-row>", "sheet 'figures', row 2", "its cells span A1:BH300001 (18,000,060 cells)"),
])
def test_ods_repeats_beyond_the_limits_are_refused_before_the_engine(tmp_path, books, no_engine, extra, place,
                                                                      message):
    path = patched(books["ods"], tmp_path / "hostile.ods", "content.xml", in_figures(extra))
    err = refused(path)
    assert err.place == place and message in err.message, str(err)


def test_ods_trailing_empty_rows_and_cells_are_not_counted(tmp_path, books):
    """LibreOffice ends a sheet with its empty rows to the last one, and rows with their empty cells."""
    def edit(xml: bytes) -> bytes:
        xml = xml.replace(b"</table:table-row>", b'<table:table-cell table:number-columns-repeated="16000"/>'
                                                 b"</table:table-row>")
        return xml.replace(b"</table:table>", b'<table:table-row table:number-rows-repeated="1048000">'
                                              b'<table:table-cell table:number-columns-repeated="16384"/>'
                                              b"</table:table-row></table:table>")
    path = patched(books["ods"], tmp_path / "libreoffice.ods", "content.xml", edit)
    assert len(read_workbook(path)) == 1


def test_ods_row_limit_lowered(books, no_engine, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 90)
    monkeypatch.setattr(scan, "CHUNK_BYTES", 1000)  # rows that span chunks are kept whole
    err = refused(books["ods"])
    assert (err.place, err.message) == ("sheet 'figures', row 91", "the sheet reaches row 91; a sheet may have at "
                                                                   "most 90 rows")


# ---- characters in a cell --------------------------------------------------------------------------

LONG = "x" * 40_000  # Excel and openpyxl cut text at 32,767 characters: such cells come from elsewhere
INSPECTIONS = "xl/worksheets/sheet2.xml"
_HEADERS = SHEET["inspections"].column_names


def letter(column: str | None = None) -> str:
    """The column letter of a column of the sheet 'inspections' (None: the first column after them)."""
    return column_letters(_HEADERS.index(column) + 1 if column else len(_HEADERS) + 1)


FREE = letter()


def inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def replace_cell(ref: str, cell: bytes):
    """Put ``cell`` in place of the cell at ``ref`` (the sheet 'inspections' of the sample workbook)."""
    def edit(xml: bytes) -> bytes:
        start = xml.index(f'<c r="{ref}"'.encode())
        end = xml.index(b"</c>", start) + 4
        return xml[:start] + cell + xml[end:]
    return edit


def add_to_row(number: int, cells: bytes):
    def edit(xml: bytes) -> bytes:
        end = xml.index(b"</row>", xml.index(f'<row r="{number}"'.encode()))
        return xml[:end] + cells + xml[end:]
    return edit


@pytest.mark.parametrize("edit, place", [
    (replace_cell(f"{letter('unit_name')}2", inline(f"{letter('unit_name')}2", LONG)),
     "sheet 'inspections', row 2, column 'unit_name'"),  # text
    (replace_cell(f"{letter('overall_rating')}2", inline(f"{letter('overall_rating')}2", LONG)),
     "sheet 'inspections', row 2, column 'overall_rating'"),  # a rating
    (lambda xml: add_to_row(2, inline(f"{FREE}2", LONG))(add_to_row(1, inline(f"{FREE}1", "notes"))(xml)),
     "sheet 'inspections', row 2, column 'notes'"),  # a column the layout does not have
    (add_to_row(1, inline(f"{FREE}1", LONG)), f"sheet 'inspections', row 1, column {FREE}"),  # a column's name
])
def test_a_cell_longer_than_a_cell_may_be_is_refused(tmp_path, books, edit, place):
    path = patched(books["xlsx"], tmp_path / "long.xlsx", INSPECTIONS, edit)
    err = refused(path)
    assert (err.place, err.message) == (place, "the cell holds 40,000 characters; a cell may hold at most 32,767")


def test_a_long_cell_in_ods(tmp_path, books):
    name = load_inspection(sample_path()).unit.name
    path = patched(books["ods"], tmp_path / "long.ods", "content.xml",
                   lambda xml: xml.replace(f"<text:p>{name}</text:p>".encode(), f"<text:p>{LONG}</text:p>".encode(), 1))
    err = refused(path)
    assert (err.place, err.message) == ("sheet 'inspections', row 2, column 'unit_name'",
                                        "the cell holds 40,000 characters; a cell may hold at most 32,767")

# ---- NaN and infinity ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, found", [(b"NaN", "NaN (not a number)"), (b"inf", "infinity"),
                                          (b"1e999", "infinity"), (b"-inf", "minus infinity")])
def test_xlsx_nan_and_infinity_are_refused_at_their_cell(tmp_path, books, value, found):
    def edit(xml: bytes) -> bytes:  # the first percent_yes (column D of key_questions)
        start = xml.index(b'<c r="D2"')
        end = xml.index(b"</c>", start)
        return xml[:start] + b'<c r="D2"><v>' + value + b"</v>" + xml[end:]
    path = patched(books["xlsx"], tmp_path / "nan.xlsx", KEY_QUESTIONS, edit)
    err = refused(path)
    assert (err.place, err.message) == ("sheet 'key_questions', row 2, column 'percent_yes'",
                                        f"expected a number (a percentage), found {found}")


def test_nan_in_a_text_column_and_in_ods_and_csv(tmp_path, books):
    def edit(xml: bytes) -> bytes:
        start = xml.index(b'<table:table table:name="figures">')
        cell = xml.index(b'office:value="', start)
        end = xml.index(b'"', cell + 14)
        return xml[:cell] + b'office:value="NaN' + xml[end:]
    err = refused(patched(books["ods"], tmp_path / "nan.ods", "content.xml", edit))
    assert err.place.startswith("sheet 'figures', row ") and err.message.endswith("found NaN (not a number)")
    folder = tmp_path / "csv"
    write_workbook(read_workbook(books["csv"]), folder)
    text = (folder / "key_questions.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = next(csv.reader([text[1]]))
    cells[3] = "1e999"
    text[1] = ",".join(f'"{c}"' for c in cells)
    (folder / "key_questions.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    err = refused(folder)
    assert (err.place, err.message) == ("file 'key_questions.csv', row 2, column 'percent_yes'",
                                        'expected a number (a percentage), found text "1e999"')
    err = refused(patched(books["xlsx"], tmp_path / "nan-text.xlsx", INSPECTIONS,
                          replace_cell("D2", b'<c r="D2"><v>NaN</v></c>')))
    assert (err.place, err.message) == ("sheet 'inspections', row 2, column 'unit_name'",
                                        "expected text, found NaN (not a number)")


# ---- CSV tables: read as streams, with the same limits ----------------------------------------------

def test_csv_limits(tmp_path, books, monkeypatch):
    folder = tmp_path / "csv"
    write_workbook(read_workbook(books["csv"]), folder)
    figures = folder / "figures.csv"
    original = figures.read_text(encoding="utf-8-sig")
    others = max(p.stat().st_size for p in folder.glob("*.csv") if p != figures)
    figures.write_bytes(figures.read_bytes() + figures.read_bytes().split(b"\n", 1)[1] * 2)  # larger than any
    monkeypatch.setattr(workbook_read, "MAX_CSV_BYTES", others)
    err = refused(folder, UnreadableFileError)
    assert err.place == "file 'figures.csv'" and err.message.startswith("the file is ")
    assert err.message.endswith(f"bytes; a CSV table is limited to {others:,} bytes")
    monkeypatch.undo()
    figures.write_text(original, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_ROWS", 60)
    err = refused(folder)
    assert (err.place, err.message) == ("file 'figures.csv', row 61",
                                        "the file has more than 60 rows; a sheet may have at most 60 rows")
    monkeypatch.undo()
    figures.write_text(original + "x," * 2000 + "\n", encoding="utf-8")
    err = refused(folder)
    assert err.place == "file 'figures.csv', row 97" and err.message.startswith("the row has 2,001 cells; a sheet")
    figures.write_text(original + "u," + "x" * 40_000 + "\n", encoding="utf-8")
    err = refused(folder)
    assert (err.place, err.message) == ("file 'figures.csv', row 97, column 2",
                                        "the cell holds 40,000 characters; a cell may hold at most 32,767")
    figures.write_text(original + 'u,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    err = refused(folder)
    assert err.place == "file 'figures.csv', line 97" and err.message.startswith("a cell holds more than 131,072")


def test_a_workbook_is_checked_as_what_it_holds_whatever_its_name(tmp_path, books, no_engine):
    """The engine picks its reader by the suffix, or tries each: a hostile .ods named otherwise is checked."""
    extra = (b'<table:table-row table:number-rows-repeated="1000000">' + VALUE
             + b' table:number-columns-repeated="99"/></table:table-row>')
    for name in ("hostile.xlsx", "hostile.data"):
        path = patched(books["ods"], tmp_path / name, "content.xml", in_figures(extra))
        assert refused(path).place == "sheet 'figures', row 2"
    binary = tmp_path / "binary.xlsx"
    with zipfile.ZipFile(binary, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00")
    assert refused(binary, UnreadableFileError).message == "an Excel binary workbook (.xlsb); save it as .xlsx first"


def test_a_sheet_kept_outside_xl_worksheets_is_checked(tmp_path, books, no_engine):
    path = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(books["xlsx"]) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == FIGURES:
                dst.writestr("data/f.xml", add_rows(data, b'<row r="97"><c r="XFD97"><v>1</v></c></row>'))
            elif info.filename == "xl/_rels/workbook.xml.rels":
                dst.writestr(info.filename, data.replace(b'Target="worksheets/sheet5.xml"', b'Target="/data/f.xml"'))
            else:
                dst.writestr(info.filename, data)
    assert refused(path).place == "sheet 'figures', cell XFD97"


# ---- zip archives that say one thing and hold another ------------------------------------------------

def test_an_entry_holding_more_than_it_declares_is_refused(tmp_path, books, no_engine):
    """zipfile stops at the size an entry declares; the engine's zip reader might not: the check reads the
    compressed stream itself."""
    data = bytearray(books["xlsx"].read_bytes())
    name = FIGURES.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while data[at + name_at:at + name_at + len(name)] != name:
            at = data.find(signature, at + 1)
        size = int.from_bytes(data[at + size_at:at + size_at + 4], "little")
        data[at + size_at:at + size_at + 4] = (size - 1000).to_bytes(4, "little")
    path = tmp_path / "lying.xlsx"
    path.write_bytes(bytes(data))
    err = refused(path, UnreadableFileError)
    assert err.place == "sheet 'figures'" and err.message.startswith(
        f"the archive is damaged (its entry {FIGURES} does not hold the ")


def test_two_entries_of_one_name_are_refused(tmp_path, books, no_engine):
    path = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(books["xlsx"]) as src, zipfile.ZipFile(path, "w") as dst, pytest.warns(UserWarning):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(FIGURES, src.read(FIGURES))
    assert refused(path, UnreadableFileError).message == (
        f"the archive is damaged (it holds two entries named {FIGURES})")


# ---- files that cannot be opened ----------------------------------------------------------------------

def test_permission_denied_is_said_as_such(tmp_path, books, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(workbook_read.zipfile, "ZipFile", denied)
    for name in ("xlsx", "ods"):
        err = refused(books[name], UnreadableFileError)
        assert err.message == "permission denied: the file cannot be read"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.xlsx")
    assert refused(tmp_path / "pipe.xlsx", UnreadableFileError).message.startswith("not a regular file")
