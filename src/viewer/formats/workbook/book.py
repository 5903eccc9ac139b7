"""Six tables (a workbook's sheets, as columns of cells) into inspections, raising :class:`WorkbookError`
at the first defect, with the sheet, row and column a spreadsheet shows (the header is row 1).

Columns are found by their header, in any order; each cell is read by the field it holds
(``workbook.cells``), and records are built from the columns by name (``model.fields``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from viewer.formats.errors import LoadError, SchemaError, UnknownFrameworkError
from viewer.formats.workbook.cells import MAX_CELL_CHARS, BadCell, is_empty, plain_texts, read_column
from viewer.formats.workbook.layout import ADDED_LATER, SHEET, Sheet
from viewer.formats.workbook.limits import column_letters
from viewer.model.fields import FIGURE, INSPECTION_PARTS, KEY_QUESTION, LISTS, PROVENANCE, STANDARD, Record
from viewer.model.framework import FrameworkError, load_framework
from viewer.model.inspection import Inspection, Standard

Columns = list[Sequence[Any]]  # a sheet as read, column by column (lists or tuples); item 0 of each is its header


class WorkbookError(SchemaError):
    """A workbook whose sheets, columns or cells do not follow the workbook layout."""


def sheet_key(name: Any) -> str:
    """A sheet or column name as typed ("Key Questions ") in the layout's spelling ("key_questions")."""
    return str(name).strip().lower().replace(" ", "_")


class BookReader:
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
            if type(column[0]) is str and len(column[0]) > MAX_CELL_CHARS:
                raise WorkbookError(self.path, f"the cell holds {len(column[0]):,} characters; a cell may hold at "
                                               f"most {MAX_CELL_CHARS:,}", f"{where}, row 1, column {column_letters(i + 1)}")
            name = "" if is_empty(column[0]) else sheet_key(column[0])
            if name in index:
                raise WorkbookError(self.path, f"column '{name}' appears twice in the header row",
                                    f"{where}, row 1, column '{name}'")
            if name:
                index[name] = i
        for name in sheet.column_names:
            if name not in index and name not in ADDED_LATER:
                raise WorkbookError(self.path, f"the column is missing from the header row (row 1); the sheet "
                                               f"needs the columns {', '.join(sheet.column_names)}",
                                    f"{where}, column '{name}'")
        for name, i in index.items():
            if name not in sheet.column_names:
                self.ignored_column(table[i], where, name)
        return index

    def ignored_column(self, cells: Sequence[Any], where: str, name: str) -> None:
        """A column the layout does not have: a warning, once its cells are known to be of a cell's size."""
        texts = [v for v in cells if type(v) is str]
        if texts and max(map(len, texts)) > MAX_CELL_CHARS:
            row = next(i for i, v in enumerate(cells) if type(v) is str and len(v) > MAX_CELL_CHARS)
            raise WorkbookError(self.path, f"the cell holds {len(cells[row]):,} characters; a cell may hold at most "
                                           f"{MAX_CELL_CHARS:,}", f"{where}, row {row + 1}, column '{name[:40]}'")
        shown = name if len(name) <= 40 else name[:37] + "..."
        self.book_warnings.append(f"{where}: column '{shown}' is not part of the workbook layout; ignored")

    def columns(self, sheet: Sheet, table: Columns) -> tuple[list[int], dict[str, list[Any]], list[tuple[int, str]]]:
        """Row numbers, the values of each column, and (index, warning) pairs; blank rows are skipped."""
        index = self.header(sheet, table)
        rows = len(table[0]) - 1
        raw = [table[index[name]][1:] if name in index else [None] * rows for name in sheet.column_names]
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
                values[column.column_name] = read_column(column, cells, column_notes)
            except BadCell as bad:
                raise self.error(sheet.name, numbers[bad.index], column.column_name, str(bad)) from None
            notes += [(i, f"{self.where[sheet.name]}, row {numbers[i]}, column '{column.column_name}': {note}")
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
            if score is not None and framework.max_score is not None and score > framework.max_score:
                raise self.error("inspections", numbers[i], "overall_score", f"{score} is outside the range 0 to "
                                 f"{framework.max_score} for a score in {framework.name}")
            books[iid] = {"row": numbers[i], "index": i, "framework": framework, "standards": {}, "figures": [],
                          "service_gaps": [], "recommendations": [], "sources": [], "quotes": [], "warnings": [],
                          "codes": frozenset(s.code for s in framework.standards)}
        for i, note in notes:
            books[head["id"][i]]["warnings"].append(note)
        self.standards(books, *self.children("standards", tables, books))
        self.key_questions(books, *self.children("key_questions", tables, books))
        self.figures(books, *self.children("figures", tables, books))
        for name in ("service_gaps", "recommendations"):
            _, values = self.children(name, tables, books)
            self.append(books, name, values["inspection_id"], build(LISTS[name], values))
        _, values = self.children("sources", tables, books)
        self.append(books, "sources", values["inspection_id"], build(PROVENANCE["sources"], values))
        self.quotes(books, *self.children("quotes", tables, books))
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
        ordered = [values[f.column_name] for f in STANDARD.in_type_order]
        for number, iid, code, fields in zip(numbers, values["inspection_id"], values["code"], zip(*ordered)):
            book = books[iid]
            if code not in book["codes"]:
                book["warnings"].append(f"{self.where['standards']}, row {number}, column 'code': "
                                        f"'{code}' is not a standard of {book['framework'].name}")
            book["standards"][code] = (fields, [])

    def key_questions(self, books: dict[str, dict[str, Any]], numbers: list[int],
                      values: dict[str, list[Any]]) -> None:
        questions = build(KEY_QUESTION, values)
        for number, iid, code, question in zip(numbers, values["inspection_id"], values["standard_code"], questions):
            standard = books[iid]["standards"].get(code)
            if standard is None:
                raise self.error("key_questions", number, "standard_code",
                                 f"standard '{code}' of inspection '{iid}' is not in {self.where['standards']}")
            standard[1].append(question)
            if question.percent_yes is not None and 0 < question.percent_yes < 1:  # Excel stores 59% as 0.59
                books[iid]["warnings"].append(
                    f"{self.where['key_questions']}, row {number}, column 'percent_yes': {question.percent_yes:g} "
                    f"read as {question.percent_yes:g}%; if the cell shows {question.percent_yes:.0%}, type "
                    f"{question.percent_yes * 100:g} instead")

    def figures(self, books: dict[str, dict[str, Any]], numbers: list[int], values: dict[str, list[Any]]) -> None:
        for number, count, total in zip(numbers, values["count"], values["total"]):
            if count is not None and total is not None and count > total:
                raise self.error("figures", number, "count", f"count {count} is larger than total {total}")
        self.append(books, "figures", values["inspection_id"], build(FIGURE, values))

    def quotes(self, books: dict[str, dict[str, Any]], numbers: list[int], values: dict[str, list[Any]]) -> None:
        """Each quotation, whose source must be one of its inspection's (sheet 'sources')."""
        for number, iid, quote in zip(numbers, values["inspection_id"], build(PROVENANCE["quotes"], values)):
            if quote.source not in {source.id for source in books[iid]["sources"]}:
                raise self.error("quotes", number, "source", f"source '{quote.source}' of inspection '{iid}' is not "
                                 f"in {self.where['sources']}")
            books[iid]["quotes"].append(quote)

    def inspection(self, iid: str, book: dict[str, Any], head: dict[str, list[Any]]) -> Inspection:
        row = book["index"]
        parts = {record.name: record.type(**{f.key: head[f.column_name][row] for f in record.fields})
                 for record in INSPECTION_PARTS}
        standards = tuple(Standard(*fields, key_questions=tuple(questions))
                          for fields, questions in book["standards"].values())
        return Inspection(
            framework_id=book["framework"].id, **parts,
            standards=standards, figures=tuple(book["figures"]), service_gaps=tuple(book["service_gaps"]),
            recommendations=tuple(book["recommendations"]), sources=tuple(book["sources"]),
            quotes=tuple(book["quotes"]), source_path=self.path, source_part=iid,
            warnings=tuple(self.book_warnings + book["warnings"]),
        )


def build(record: Record, values: dict[str, list[Any]]) -> Iterator[Any]:
    """The record's dataclass for every row: each column goes to the field of its name (positionally in the
    dataclass's own order, which is fast; a sheet's column order never matters)."""
    return map(record.type, *[values[f.column_name] for f in record.in_type_order])
