"""Workbooks: one spreadsheet holding one or many inspections (.xlsx, .ods, or a folder of .csv files).

The sheets and their columns are defined in :mod:`viewer.formats.workbook.sheets` and explained in
the README sheet of every written workbook. Reading makes a pandas DataFrame of each sheet (from
python-calamine's rows for .xlsx/.ods, pandas.read_csv for CSV), then checks and converts it column by
column; every defect raises a :class:`WorkbookError` whose location names the sheet (or CSV file), the
row as a spreadsheet shows it (the header is row 1) and the column. Writing (``workbook_write``) is
atomic: a temporary file or folder beside the target, then a rename.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Sequence
from io import StringIO
from pathlib import Path
from typing import Any

from viewer.workspace.collector import collector_paused
from viewer.formats.errors import LoadError, SchemaError, UnknownFrameworkError, UnreadableFileError
from viewer.formats.workbook.sheets import (
    SHEET, SHEET_NAMES, BadCell, Sheet, is_empty, plain_texts, read_column, unguard_csv_text,
)
from viewer.model.framework import FrameworkError, load_framework
from viewer.model.inspection import (
    CaseSample, Figure, Inspection, KeyQuestion, OverallPublished, Recommendation, ReportInfo, ServiceGap,
    Standard, Unit,
)

# bench/workbook_io.py, 1,000 inspections in one .xlsx (141,000 rows): python-calamine reads it in about
# 2.3 s where pandas.read_excel takes 2.7 s with calamine and 26 s with openpyxl, in the least memory
# (290 MB peak against 330-340 MB); it reads .ods too. So the default is python-calamine's rows.
DEFAULT_ENGINE = "calamine"
# 1,000 inspections are an 11 MB .xlsx that unpacks to 117 MB (or 80 MB of CSV); refuse ten times that,
# and zip bombs, before an engine inflates them.
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1_000_000_000

Columns = list[list[Any]]  # a sheet as read, column by column; item 0 of each is its header
# The largest sheet first: its rows are in memory twice (the engine's and Python's) while it loads, and the
# peak is lowest when nothing else is in memory yet.
_LOAD_ORDER = ("figures", "standards", "service_gaps", "key_questions", "recommendations", "inspections")

class WorkbookError(SchemaError):
    """A workbook whose sheets, columns or cells do not follow the workbook layout."""


# ---- public API ---------------------------------------------------------------------------------------

def read_workbook(path: str | os.PathLike) -> list[Inspection]:
    """Read every inspection of a workbook, in the order of the sheet 'inspections'.

    ``path`` is an .xlsx or .ods file, a folder of CSV files, or any one of that folder's six CSV
    files (which stands for the folder). Raises only :class:`LoadError` subclasses.
    """
    return _read_workbook(path, DEFAULT_ENGINE)


# ---- reading ------------------------------------------------------------------------------------------

def _read_workbook(path: str | os.PathLike, engine: str) -> list[Inspection]:
    """:func:`read_workbook` with a choice of engine for .xlsx/.ods (see :func:`_excel_tables`), for the bench."""
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.stem.lower() in SHEET_NAMES and path.is_file():
        path = path.parent
    with collector_paused():  # see bulk_load: a thousand inspections are 140,000 rows of new objects
        if path.is_dir():
            tables = _csv_tables(path)
            where = {name: f"file '{name}.csv'" for name in SHEET_NAMES}
        else:
            tables = _excel_tables(path, engine)
            where = {name: f"sheet '{name}'" for name in SHEET_NAMES}
        return _BookReader(str(path), where).read(tables)


def _check_spreadsheet_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFileError(str(path), "file not found") from None
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if size > MAX_WORKBOOK_BYTES:
        raise UnreadableFileError(str(path), f"file is {size / 1e6:.1f} MB; workbooks are limited to "
                                             f"{MAX_WORKBOOK_BYTES // 2**20} MB")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFileError(str(path), "not an .xlsx or .ods workbook (the file is not a zip archive); "
                                             "old .xls files must be saved as .xlsx first") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(str(path), f"the workbook unpacks to {unpacked / 1e9:.1f} GB; workbooks are "
                                             f"limited to {MAX_UNPACKED_BYTES / 1e9:.0f} GB unpacked")


def _sheet_key(name: Any) -> str:
    return str(name).strip().lower().replace(" ", "_")


def _missing_tables(path: Path, found: Sequence[str], where: str) -> None:
    missing = [name for name in SHEET_NAMES if name not in found]
    if missing:
        also = f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""
        if where == "sheet":
            raise WorkbookError(str(path), f"the sheet is missing{also}; a workbook has the sheets "
                                           f"{', '.join(SHEET_NAMES)}", f"sheet '{missing[0]}'")
        raise WorkbookError(str(path), f"the file is missing{also}; a CSV workbook is a folder with the files "
                                       f"{', '.join(n + '.csv' for n in SHEET_NAMES)}", f"file '{missing[0]}.csv'")


def _excel_tables(path: Path, engine: str) -> dict[str, Columns]:
    """Every sheet, column by column. ``engine`` "calamine" reads the rows with python-calamine and makes
    a DataFrame of them; "pandas-calamine", "pandas-openpyxl" and "pandas-odf" go through pandas.read_excel,
    which converts every cell in Python first (twice as slow with calamine: see bench/workbook_io.py)."""
    import pandas as pd

    _check_spreadsheet_file(path)
    tables: dict[str, Columns] = {}
    try:
        if engine == "calamine":
            from python_calamine import CalamineWorkbook

            with CalamineWorkbook.from_path(str(path)) as book:
                names = {_sheet_key(name): name for name in book.sheet_names}
                _missing_tables(path, list(names), "sheet")
                for name in _LOAD_ORDER:
                    rows = book.get_sheet_by_name(names[name]).to_python(skip_empty_area=False)
                    tables[name] = _columns(pd.DataFrame(rows, dtype=object))
                    del rows  # one sheet's rows in memory at a time
        else:
            with pd.ExcelFile(path, engine=engine.removeprefix("pandas-")) as book:
                names = {_sheet_key(name): name for name in book.sheet_names}
                _missing_tables(path, list(names), "sheet")
                for name in SHEET_NAMES:
                    tables[name] = _columns(book.parse(names[name], header=None, dtype=object, na_filter=False))
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - engines raise zip, XML and their own errors: all mean unreadable
        raise UnreadableFileError(str(path), f"cannot be read as a {path.suffix} workbook ({exc})") from None
    return tables


def _columns(frame: Any) -> Columns:
    return [frame[c].tolist() for c in frame.columns]


def _csv_files(folder: Path) -> dict[str, Path]:
    try:
        return {p.name.lower(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    except OSError:
        return {}


def _csv_tables(folder: Path) -> dict[str, Columns]:
    import pandas as pd

    files = _csv_files(folder)
    _missing_tables(folder, [name[:-4] for name in files], "file")
    size = sum(files[f"{name}.csv"].stat().st_size for name in SHEET_NAMES)
    if size > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(str(folder), f"the CSV files hold {size / 1e9:.1f} GB; CSV workbooks are limited "
                                               f"to {MAX_UNPACKED_BYTES / 1e9:.0f} GB")
    tables: dict[str, Columns] = {}
    for name in SHEET_NAMES:
        where = f"file '{name}.csv'"
        try:
            text = files[f"{name}.csv"].read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFileError(str(folder), "not UTF-8 text; in Excel save as 'CSV UTF-8 (Comma delimited)'",
                                      where) from None
        except OSError as exc:
            raise UnreadableFileError(str(folder), f"cannot be read ({exc.strerror or exc})", where) from None
        first_line = text.split("\n", 1)[0]
        sep = ";" if ";" in first_line and "," not in first_line else ","  # Excel in some locales writes ;
        try:
            frame = pd.read_csv(StringIO(text), header=None, dtype=str, na_filter=False, sep=sep,
                                skip_blank_lines=False)
        except pd.errors.EmptyDataError:
            frame = pd.DataFrame()
        except pd.errors.ParserError as exc:
            raise WorkbookError(str(folder), f"not a valid CSV table ({exc})", where) from None
        tables[name] = [[unguard_csv_text(v) if type(v) is str and v[:1] == "'" else v for v in column]
                        for column in _columns(frame)]
    return tables


class _BookReader:
    """Turns the six tables into inspections, raising WorkbookError at the first defect."""

    def __init__(self, path: str, where: dict[str, str]) -> None:
        self.path, self.where = path, where
        self.book_warnings: list[str] = []

    def error(self, sheet: str, row: int, column: str, message: str,
              kind: type[LoadError] = WorkbookError) -> LoadError:
        return kind(self.path, message, f"{self.where[sheet]}, row {row}, column '{column}'")

    def header(self, sheet: Sheet, table: Columns) -> dict[str, int]:
        """The position of each column of the layout, from the header row."""
        where = self.where[sheet.name]
        if not table:
            raise WorkbookError(self.path, f"the sheet is empty; row 1 must hold the column names "
                                           f"{', '.join(sheet.column_names)}", where)
        index: dict[str, int] = {}
        for i, column in enumerate(table):
            name = "" if is_empty(column[0]) else _sheet_key(column[0])
            if name in index:
                raise WorkbookError(self.path, f"column '{name}' appears twice in the header row",
                                    f"{where}, row 1, column '{name}'")
            if name:
                index[name] = i
        for name in sheet.column_names:
            if name not in index:
                raise WorkbookError(self.path, f"the column is missing from the header row (row 1); the sheet "
                                               f"needs the columns {', '.join(sheet.column_names)}",
                                    f"{where}, column '{name}'")
        self.book_warnings += [f"{where}: column '{name}' is not part of the workbook layout; ignored"
                               for name in index if name not in sheet.column_names]
        return index

    def columns(self, sheet: Sheet, table: Columns) -> tuple[list[int], dict[str, list[Any]], list[tuple[int, str]]]:
        """Row numbers, the values of each column, and (index, warning) pairs; blank rows are skipped."""
        index = self.header(sheet, table)
        raw = [table[index[name]][1:] for name in sheet.column_names]
        numbers = list(range(2, len(raw[0]) + 2))
        keys = raw[0]  # id or inspection_id: a blank row has none
        blank = set() if plain_texts(keys) and "" not in keys else {
            i for i, v in enumerate(keys) if is_empty(v) and all(is_empty(col[i]) for col in raw)}
        if blank:
            keep = [i for i in range(len(numbers)) if i not in blank]
            raw = [[col[i] for i in keep] for col in raw]
            numbers = [numbers[i] for i in keep]
        values: dict[str, list[Any]] = {}
        notes: list[tuple[int, str]] = []
        for column, cells in zip(sheet.columns, raw):
            column_notes: list[tuple[int, str]] = []
            try:
                values[column.name] = read_column(column, cells, column_notes)
            except BadCell as bad:
                raise self.error(sheet.name, numbers[bad.index], column.name, str(bad)) from None
            notes += [(i, f"{self.where[sheet.name]}, row {numbers[i]}, column '{column.name}': {note}")
                      for i, note in column_notes]
        return numbers, values, notes

    def read(self, tables: dict[str, Columns]) -> list[Inspection]:
        numbers, head, notes = self.columns(SHEET["inspections"], tables["inspections"])
        books: dict[str, dict[str, Any]] = {}
        for i, iid in enumerate(head["id"]):
            if iid in books:
                raise self.error("inspections", numbers[i], "id",
                                 f"id '{iid}' appears twice (first in row {books[iid]['row']})")
            try:
                framework = load_framework(head["framework"][i])
            except FrameworkError as exc:
                raise self.error("inspections", numbers[i], "framework", str(exc), UnknownFrameworkError) from None
            score = head["overall_score"][i]
            if score is not None and score > framework.max_score:
                raise self.error("inspections", numbers[i], "overall_score", f"{score} is outside the range 0 to "
                                 f"{framework.max_score} for a score in {framework.name}")
            books[iid] = {"row": numbers[i], "index": i, "framework": framework, "standards": {}, "figures": [],
                          "service_gaps": [], "recommendations": [], "warnings": [],
                          "codes": frozenset(s.code for s in framework.standards)}
        for i, note in notes:
            books[head["id"][i]]["warnings"].append(note)
        self.standards(books, *self.children("standards", tables, books))
        self.key_questions(books, *self.children("key_questions", tables, books))
        self.figures(books, *self.children("figures", tables, books))
        _, gaps = self.children("service_gaps", tables, books)
        self.append(books, "service_gaps", gaps["inspection_id"], map(ServiceGap, *list(gaps.values())[1:]))
        _, recommendations = self.children("recommendations", tables, books)
        self.append(books, "recommendations", recommendations["inspection_id"],
                    map(Recommendation, *list(recommendations.values())[1:]))
        return [self.inspection(iid, book, head) for iid, book in books.items()]

    def children(self, name: str, tables: dict[str, Columns],
                 books: dict[str, dict[str, Any]]) -> tuple[list[int], dict[str, list[Any]]]:
        """A child sheet's row numbers and columns, checked against 'inspections' and its unique key."""
        sheet = SHEET[name]
        numbers, values, notes = self.columns(sheet, tables.pop(name))  # the raw cells can go
        ids = values["inspection_id"]
        orphans = set(ids).difference(books)
        if orphans:
            i = next(i for i, iid in enumerate(ids) if iid in orphans)
            raise self.error(name, numbers[i], "inspection_id",
                             f"inspection '{ids[i]}' is not in {self.where['inspections']} (column 'id')")
        for column in ("code", "standard_code"):  # "P 2.1." as printed in reports is P2.1
            if column in values:
                values[column] = [c.replace(" ", "").rstrip(".") for c in values[column]]
        if sheet.key and len(set(zip(*(values[k] for k in sheet.key)))) != len(ids):
            first: dict[tuple, int] = {}
            for i, key in enumerate(zip(*(values[k] for k in sheet.key))):
                if key in first:
                    raise self.error(name, numbers[i], sheet.key[-1], f"{sheet.key[-1]} '{key[-1]}' of inspection "
                                     f"'{key[0]}' appears twice (first in row {numbers[first[key]]})")
                first[key] = i
        for i, note in notes:
            books[ids[i]]["warnings"].append(note)
        return numbers, values

    @staticmethod
    def append(books: dict[str, dict[str, Any]], part: str, ids: list[str], items: Iterable[Any]) -> None:
        lists = {iid: book[part] for iid, book in books.items()}
        for iid, item in zip(ids, items):
            lists[iid].append(item)

    def standards(self, books: dict[str, dict[str, Any]], numbers: list[int], values: dict[str, list[Any]]) -> None:
        for number, iid, *fields in zip(numbers, *values.values()):
            book = books[iid]
            code = fields[0]
            if code not in book["codes"]:
                book["warnings"].append(f"{self.where['standards']}, row {number}, column 'code': "
                                        f"'{code}' is not a standard of {book['framework'].name}")
            book["standards"][code] = (*fields, [])

    def key_questions(self, books: dict[str, dict[str, Any]], numbers: list[int],
                      values: dict[str, list[Any]]) -> None:
        ids, codes, *fields = values.values()
        for number, iid, code, question in zip(numbers, ids, codes, map(KeyQuestion, *fields)):
            standard = books[iid]["standards"].get(code)
            if standard is None:
                raise self.error("key_questions", number, "standard_code",
                                 f"standard '{code}' of inspection '{iid}' is not in {self.where['standards']}")
            standard[-1].append(question)
            if question.percent_yes is not None and 0 < question.percent_yes < 1:  # Excel stores 59% as 0.59
                books[iid]["warnings"].append(
                    f"{self.where['key_questions']}, row {number}, column 'percent_yes': {question.percent_yes:g} "
                    f"read as {question.percent_yes:g}%; if the cell shows {question.percent_yes:.0%}, type "
                    f"{question.percent_yes * 100:g} instead")

    def figures(self, books: dict[str, dict[str, Any]], numbers: list[int], values: dict[str, list[Any]]) -> None:
        for number, count, total in zip(numbers, values["count"], values["total"]):
            if count is not None and total is not None and count > total:
                raise self.error("figures", number, "count", f"count {count} is larger than total {total}")
        self.append(books, "figures", values["inspection_id"], map(Figure, *list(values.values())[1:]))

    def inspection(self, iid: str, book: dict[str, Any], head: dict[str, list[Any]]) -> Inspection:
        v = {name: cells[book["index"]] for name, cells in head.items()}
        standards = tuple(Standard(*fields, key_questions=tuple(questions))
                          for *fields, questions in book["standards"].values())
        return Inspection(
            framework_id=book["framework"].id,
            unit=Unit(v["unit_name"], v["unit_kind"], v["region"]),
            report=ReportInfo(v["report_title"], v["published"], v["fieldwork_start"], v["url"], v["lead_inspector"]),
            overall=OverallPublished(v["overall_rating"], v["overall_score"]),
            cases=CaseSample(v["community_orders"], v["licences"], v["interviews"]),
            standards=standards, figures=tuple(book["figures"]), service_gaps=tuple(book["service_gaps"]),
            recommendations=tuple(book["recommendations"]), source_path=self.path, source_part=iid,
            warnings=tuple(self.book_warnings + book["warnings"]),
        )
