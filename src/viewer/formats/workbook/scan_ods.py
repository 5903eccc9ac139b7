"""The extent of each table of an .ods file, checked as content.xml streams out of the archive (see
``scan``): repeated rows and cells expanded as the engine expands them, trailing empty ones not."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from viewer.formats.workbook import limits
from viewer.formats.workbook.book import WorkbookError
from viewer.formats.workbook.scan import ATTRIBUTES, Extent, xml_chunks

_ODS_TABLE = re.compile(rb'<table:table(?=[\s>/])(' + ATTRIBUTES + rb')\s*(/?)>')  # matched where a name is
_ODS_ROW = re.compile(rb'<table:table-row(?=[\s>/])(' + ATTRIBUTES + rb')\s*(/?)>')
_ODS_TABLE_END = b"</table:table>"
_ODS_ROW_END = b"</table:table-row>"
_ODS_CELL = re.compile(rb'<table:(?:covered-)?table-cell(?=[\s>/])(' + ATTRIBUTES + rb')\s*/?>')
_ODS_NAME = re.compile(rb'\stable:name\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_ROWS_REPEATED = re.compile(rb'\stable:number-rows-repeated\s*=\s*["\']\s*([0-9]+)')
_COLUMNS_REPEATED = re.compile(rb'\stable:number-columns-repeated\s*=\s*["\']\s*([0-9]+)')
_HAS_VALUE = re.compile(rb'\s(?:office:|table:formula)')


class _OdsTable:
    """One table of content.xml: its rows and width as the engine will expand them."""

    def __init__(self, path: str, name: str, budget: list[int]) -> None:
        self.extent = Extent(path, f"sheet '{name}'", 0)
        self.budget = budget  # [cells the whole file may still span]: the engine holds every table at once
        self.rows = 0  # rows up to the last one with a value
        self.pending = 0  # empty rows since then: they count once a row with a value follows
        self.width = 0

    def row(self, repeats: int, width: int, has_value: bool) -> None:
        number = self.rows + self.pending + 1
        if not has_value:
            self.pending += repeats
            return
        rows = self.rows + self.pending + repeats
        if rows > limits.MAX_ROWS:
            what = (f"the row is repeated {repeats:,} times (table:number-rows-repeated), which makes the sheet "
                    f"{rows:,} rows long" if repeats > 1 else f"the sheet reaches row {rows:,}")
            raise self.extent.refuse(limits.row_limit(what), f", row {number}")
        self.rows, self.pending = rows, 0
        self.width = max(self.width, width)
        if self.rows * self.width > min(limits.MAX_CELLS, self.budget[0]):
            raise self.extent.refuse(limits.too_many_cells(self.rows, self.width, self.budget[0]), f", row {number}")

    def close(self) -> None:
        self.budget[0] -= self.rows * self.width

    def row_width(self, data: bytes, start: int, end: int, has_value: bool) -> int:
        """Cells the engine keeps for a row with repeated cells: repeats expanded, but the last if it is empty."""
        width = empty = 0
        for cell in _ODS_CELL.finditer(data, start, end):
            attributes = cell.group(1)
            repeated = _COLUMNS_REPEATED.search(attributes)
            repeats = int(repeated.group(1)) if repeated else 1
            width += empty
            empty = 0
            if _HAS_VALUE.search(attributes):
                width += repeats
            else:
                empty = repeats
            if width > limits.MAX_COLUMNS and has_value:
                number = self.rows + self.pending + 1
                what = (f"a cell repeated {repeats:,} times (table:number-columns-repeated) makes the row {width:,} "
                        "cells wide" if repeats > 1 else f"the row is {width:,} cells wide")
                raise self.extent.refuse(limits.column_limit(what), f", row {number}")
        return width


def check_ods(archive: zipfile.ZipFile, path: str) -> None:
    """Check every table of an .ods archive's content.xml against the limits (the engine reads them all).

    Rows are found by their own tag (a literal search skips the cells), and each row's cells are counted
    in C; only rows with repeated cells are looked at cell by cell."""
    try:
        info = archive.getinfo("content.xml")
    except KeyError:
        return  # the engine says what is missing
    budget = [info.file_size + limits.FREE_CELLS]  # cells all tables together may span
    state: list[_OdsTable | None] = [None]
    carry = b""
    for chunk in xml_chunks(archive, info, path, "content.xml"):
        data = carry + chunk if carry else chunk
        carry = data[_ods_rows(data, path, state, budget):]
        if len(carry) > limits.MAX_ROW_BYTES:
            table = state[0]
            number = table.rows + table.pending + 1 if table else 0
            raise WorkbookError(path, f"the row's XML is larger than {limits.MAX_ROW_BYTES:,} bytes",
                                f"{table.extent.where if table else 'content.xml'}, row {number}")


def _ods_rows(data: bytes, path: str, state: list[_OdsTable | None], budget: list[int]) -> int:
    """Account for the tables and rows that are whole in ``data``; return where an unfinished row starts.

    Rows follow each other; tables open and close only in the XML between two rows, which is looked at
    there. A row's width is its count of ``<table:`` cells (C code), cell by cell only if it repeats cells.
    """
    repeated_cells = b"columns-repeated" in data
    position = 0
    table = state[0]
    while True:
        row = _ODS_ROW.search(data, position)
        row_at = row.start() if row else len(data)
        if row_at > position:  # XML between rows: tables may close and open there
            table = _ods_tables(data, position, row_at, path, table, budget)
            state[0] = table
        if row is None:
            return len(data)
        attributes = row.group(1)
        repeated = _ROWS_REPEATED.search(attributes) if b"rows-repeated" in attributes else None
        repeats = int(repeated.group(1)) if repeated else 1
        if row.group(2):  # <table:table-row/>: no cells
            if table is not None:
                table.row(repeats, 0, False)
            position = row.end()
            continue
        start = row.end()
        end = data.find(_ODS_ROW_END, start)
        if end < 0:
            return row.start()  # the row goes on in the next chunk
        if table is not None:
            has_value = data.find(b"office:", start, end) >= 0 or data.find(b"table:formula", start, end) >= 0
            if repeated_cells and data.find(b"columns-repeated", start, end) >= 0:
                width = table.row_width(data, start, end, has_value)
            else:
                width = data.count(b"<table:", start, end)  # table-cell and covered-table-cell
            table.row(repeats, width, has_value)
        position = end + len(_ODS_ROW_END)


def _ods_tables(data: bytes, start: int, end: int, path: str, table: _OdsTable | None,
                budget: list[int]) -> _OdsTable | None:
    """The table open after the XML data[start:end], which may close tables and open others."""
    events = [(at, None) for at in _find_all(data, _ODS_TABLE_END, start, end)]
    for at in _find_all(data, b"table:name=", start, end):  # the engine reads only tables with a name
        tag = _ODS_TABLE.match(data, data.rfind(b"<", start, at))
        if tag is not None and tag.end() > at:
            events.append((tag.start(), tag))
    for _, match in sorted(events, key=lambda event: event[0]):
        if table is not None:
            table.close()
        table = None
        if match is not None and not match.group(2):  # an opening tag (<table:table/> has no rows)
            name = _ODS_NAME.search(match.group(1))
            title = (name.group(1) if name.group(1) is not None else name.group(2)) if name else b""
            table = _OdsTable(path, title.decode("utf-8", "replace"), budget)
    return table


def _find_all(data: bytes, needle: bytes, start: int, end: int) -> Iterator[int]:
    at = data.find(needle, start, end)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1, end)
