"""The extent of every sheet of an .xlsx or .ods file, checked against ``workbook.limits`` as the sheet's XML
is streamed out of the zip archive, before the spreadsheet engine reads it.

The engine (python-calamine) builds a dense grid from the first to the last cell of a sheet before it
returns a single row: a 31 KB .xlsx with one cell at XFD1048576 made it ask for 512 GB, and an .ods row
repeated a million times for 10 GB. This module refuses such files with a :class:`WorkbookError` naming the
sheet, row and column, in time proportional to the file and in memory for one chunk of XML.

What is checked is what the engine does:

- .xlsx: a cell's place is its ``r`` attribute ("K95001"), else the next place after the previous cell;
  elements are matched by local name, whatever their namespace prefix. The ``<dimension ref>`` a sheet
  declares is checked first, then every cell and row present.
- .ods: ``table:number-rows-repeated`` and ``table:number-columns-repeated`` are expanded (a repeated empty
  cell at the end of a row and repeated empty rows at the end of a sheet are not, as the engine drops
  them); elements are matched by their ``table:`` names, as the engine does.

Each chunk of .xlsx sheet XML is checked by regular expressions that look only at cells outside the extent
known so far (from the ``<dimension>`` and the ``<row r>`` elements), so an ordinary sheet is checked at
hundreds of MB/s; a sheet whose cells lack ``r`` attributes or carry a namespace prefix is checked exactly by
expat instead (Python's own XML parser, about 40 MB/s).
"""

from __future__ import annotations

import posixpath
import re
import struct
import xml.etree.ElementTree as ElementTree
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Iterator
from functools import lru_cache

from viewer.formats.errors import LoadError, UnreadableFileError
from viewer.formats.workbook import limits
from viewer.formats.workbook.book import WorkbookError
from viewer.formats.workbook.limits import column_letters, column_number

CHUNK_BYTES = 1 << 20
_METADATA_BYTES = 16 << 20  # workbook.xml and its relationships: a few KB in any real workbook

# ---- zip entries as chunks of XML -------------------------------------------------------------------


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip format's local file header (APPNOTE 4.3.7)


def entry_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, where: str) -> Iterator[bytes]:
    """The entry's bytes as its compressed stream holds them, inflated here a chunk at a time.

    Not through zipfile, which stops at the size the archive declares: a stream that holds more than it
    declares is refused, as the engine's own zip reader might read past that size.
    """
    if info.flag_bits & 0x1:
        raise UnreadableFileError(path, "the workbook is encrypted; save it without a password", where)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnreadableFileError(path, f"an entry is compressed with method {info.compress_type}, which "
                                        "spreadsheets do not use", where)
    damaged = UnreadableFileError(path, f"the archive is damaged (its entry {info.filename} does not hold the "
                                        f"{info.file_size:,} bytes it declares)", where)
    with open(archive.filename, "rb") as raw:
        raw.seek(info.header_offset)
        header = raw.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise damaged
        fields = _LOCAL_HEADER.unpack(header)
        raw.seek(fields[-2] + fields[-1], 1)  # the name and the extra field
        left = info.compress_size
        inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        total = 0
        while left > 0 or (inflate is not None and inflate.unconsumed_tail):
            if inflate is not None and inflate.unconsumed_tail:
                data = inflate.decompress(inflate.unconsumed_tail, CHUNK_BYTES)
            else:
                block = raw.read(min(CHUNK_BYTES, left))
                if not block:
                    raise damaged
                left -= len(block)
                data = inflate.decompress(block, CHUNK_BYTES) if inflate is not None else block
            total += len(data)
            if total > info.file_size:
                raise damaged
            if data:
                yield data
        if total != info.file_size or (inflate is not None and not inflate.eof):
            raise damaged


def xml_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, where: str) -> Iterator[bytes]:
    """The entry's bytes in chunks of about CHUNK_BYTES that end between two tags (a tag is never split)."""
    carry = b""
    for data in entry_chunks(archive, info, path, where):
        chunk = carry + data if carry else data
        cut = chunk.rfind(b"<")
        if cut >= 0 and chunk.find(b">", cut) < 0:
            chunk, carry = chunk[:cut], chunk[cut:]
            if len(carry) > limits.MAX_TAG_BYTES:
                raise UnreadableFileError(path, f"an XML tag is longer than {limits.MAX_TAG_BYTES:,} bytes", where)
        else:
            carry = b""
        if chunk:
            yield chunk
    if carry:
        yield carry


# ---- xlsx ---------------------------------------------------------------------------------------------

_ATTRIBUTES = rb'(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*'  # a tag's attributes ('>' may be quoted)
_ATTRIBUTE = re.compile(rb'\s+([^\s=>/]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_ROW_R = re.compile(rb'<row r="([0-9]{1,7})"')
_PREFIXED = re.compile(rb':(?:c|row)[\s>/]')  # a cell or row with a namespace prefix (or text that looks so)
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*["\']([^"\']*)["\']')
_SHEET_DATA = re.compile(rb'<(?:[\w.-]+:)?sheetData[\s>/]')


def _up_to(limit: int, letters: bool) -> str:
    """A regular expression for the numbers 1..limit: decimal without leading zeros, or column letters
    (A..Z, AA.., where strings of one length sort as their numbers do)."""
    if limit <= 0:
        return "(?!)"
    if letters:
        text, any_digit, first, low = column_letters(limit), "[A-Z]", "A", "A"
        options = [f"[A-Z]{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    else:
        text, any_digit, first, low = str(limit), r"\d", "1", "0"
        options = [rf"[1-9]\d{{0,{len(text) - 2}}}"] if len(text) > 1 else []
    for i, digit in enumerate(text):
        bottom = first if i == 0 else low
        if digit > bottom:
            rest = len(text) - i - 1
            options.append(f"{text[:i]}[{bottom}-{chr(ord(digit) - 1)}]" + (f"{any_digit}{{{rest}}}" if rest else ""))
    options.append(text)
    return "(?:" + "|".join(options) + ")"


@lru_cache(maxsize=64)
def _cells_outside(columns: int, rows: str) -> re.Pattern[bytes]:
    """Cell start tags other than ``<c r="..."`` with the column at most ``columns`` and the row matched by
    the regular expression ``rows``: the cells a quick scan must look at."""
    inside = _up_to(columns, letters=True) + f"(?:{rows})"
    return re.compile(rb'<c(?! r="' + inside.encode() + rb'")[\s>/]')


def _rows_inside(extent: _Extent) -> tuple[str, int]:
    """A regular expression for the row numbers a cell may have without being looked at, and the largest.

    The last row known, rounded up at its first digit (95001 -> 1..99999, 380001 -> 1..399999), is cheapest
    to match, and allowed when that many rows would still be within the limits; else exactly 1..rows.
    """
    text = str(extent.rows)
    digits, first = len(text), int(text[0])
    bound = (first + 1) * 10 ** (digits - 1) - 1
    if extent.rows and bound <= limits.MAX_ROWS and bound * extent.columns <= limits.area_limit(extent.data_bytes):
        fewer = rf"[1-9]\d{{0,{digits - 2}}}|" if digits > 1 else ""
        return fewer + rf"[1-{first}]\d{{{digits - 1}}}", bound
    return _up_to(extent.rows, letters=False), extent.rows


class _Extent:
    """The rows and columns of a sheet so far, checked against the limits at every step."""

    def __init__(self, path: str, where: str, data_bytes: int) -> None:
        self.path, self.where, self.data_bytes = path, where, data_bytes
        self.rows = self.columns = 0

    def refuse(self, message: str, place: str = "") -> LoadError:
        return WorkbookError(self.path, message, f"{self.where}{place}")

    def cell(self, row: int, column: int) -> None:
        if row > limits.MAX_ROWS:
            raise self.refuse(limits.row_limit(f"the sheet reaches row {row:,}"), f", cell {column_letters(column)}{row}")
        if column > limits.MAX_COLUMNS:
            raise self.refuse(limits.reaches_column(column), f", cell {column_letters(column)}{row}")
        if row > self.rows:
            self.rows = row
        if column > self.columns:
            self.columns = column

    def check_area(self) -> None:
        if self.rows * self.columns > limits.area_limit(self.data_bytes):
            raise self.refuse(limits.too_many_cells(self.rows, self.columns, self.data_bytes))

    def dimension(self, ref: bytes) -> None:
        """The extent a sheet declares, e.g. A1:K95001: checked like cells, and the first estimate of the extent."""
        match = _CELL_REF.fullmatch(ref.split(b":")[-1].replace(b"$", b""))
        if match is None:
            return  # the engine ignores a dimension it cannot read, or refuses the file
        row, column = int(match.group(2)), column_number(match.group(1).decode())
        if row > limits.MAX_ROWS or column > limits.MAX_COLUMNS:
            raise self.refuse(f"the sheet declares that its cells span {ref.decode(errors='replace')}: "
                              f"{row:,} rows and {column:,} columns; a sheet may have at most {limits.MAX_ROWS:,} "
                              f"rows and {limits.MAX_COLUMNS:,} columns", " (its <dimension>)")
        self.cell(row, column)
        self.check_area()


def attributes(data: bytes, position: int) -> dict[bytes, bytes]:
    """The attributes of the tag whose name ends at ``position`` (raw values, as the engine compares them)."""
    found = {}
    while (attribute := _ATTRIBUTE.match(data, position)) is not None:
        name, double, single = attribute.groups()
        found.setdefault(name, double if double is not None else single)
        position = attribute.end()
    return found


def _row_of_ref(ref: bytes, extent: _Extent) -> tuple[int, int]:
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        raise extent.refuse(f"a cell has the reference {ref[:40].decode(errors='replace')!r}, which is not a cell "
                            "reference such as K95001; a sheet may have at most "
                            f"{limits.MAX_ROWS:,} rows and {limits.MAX_COLUMNS:,} columns")
    return int(match.group(2)), column_number(match.group(1).decode())


class _NeedsExactScan(Exception):
    """A sheet the quick scan cannot vouch for: check it with expat."""


def _quick_xlsx_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, extent: _Extent) -> None:
    """Check a sheet chunk by chunk, looking only at cells outside the extent known so far; the rows are
    taken from the last ``<row r>`` of each chunk (rows come in order; a cell beyond is looked at anyway)."""
    in_data = False
    for chunk in xml_chunks(archive, info, extent.path, extent.where):
        start = 0
        if not in_data:
            data = _SHEET_DATA.search(chunk)
            head = chunk if data is None else chunk[:data.start()]
            dimension = _DIMENSION.search(head)
            if dimension:
                extent.dimension(dimension.group(1))
            if data is None:
                continue
            in_data, start = True, data.start()
        if _PREFIXED.search(chunk, start):
            raise _NeedsExactScan
        last_row = _ROW_R.match(chunk, max(chunk.rfind(b"<row ", start), 0))
        if last_row and int(last_row.group(1)) <= limits.MAX_ROWS:  # a row past it is refused by its cells
            extent.rows = max(extent.rows, int(last_row.group(1)))
        rows, bound = _rows_inside(extent)
        for match in _cells_outside(extent.columns, rows).finditer(chunk, start):
            ref = attributes(chunk, match.start() + 2).get(b"r")
            if ref is None:
                raise _NeedsExactScan  # a cell without a reference: its place depends on those before it
            extent.cell(*_row_of_ref(ref, extent))
        rows_known = extent.rows
        extent.rows = max(extent.rows, bound)  # cells may be anywhere up to the bound: check that extent
        extent.check_area()
        extent.rows = rows_known


class _ExactXlsxSheet:
    """The engine's rules with expat, for sheets the quick scan leaves: cells without ``r``, prefixes."""

    def __init__(self, extent: _Extent) -> None:
        self.extent = extent
        self.row = 0  # the engine's next row and column (0-based) for an element without r
        self.column = 0
        self.in_data = False
        self.cells = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            ref = attributes.get("r")
            if ref is None:
                row, column = self.row + 1, self.column + 1
                self.extent.cell(row, column)
            else:
                row, column = _row_of_ref(ref.encode(), self.extent)
                self.extent.cell(row, column)
            self.column = column  # the next cell without r goes one further
            self.cells += 1
            if self.cells % 4096 == 0:
                self.extent.check_area()
        elif local == "row":
            ref = attributes.get("r")
            if ref is not None:
                if not ref.isdigit():
                    raise self.extent.refuse(f"a row has the number {ref[:40]!r}")
                self.row = int(ref) - 1
            if self.row + 1 > limits.MAX_ROWS:
                raise self.extent.refuse(limits.row_limit(f"the sheet reaches row {self.row + 1:,}"),
                                         f", row {self.row + 1}")
            self.column = 0
        elif local == "dimension" and not self.in_data and "ref" in attributes:
            self.extent.dimension(attributes["ref"].encode())
        elif local == "sheetData":
            self.in_data = True

    def end(self, name: str) -> None:
        if name.rpartition(":")[2] == "row":
            self.row += 1
            self.column = 0

    def run(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        parser = xml.parsers.expat.ParserCreate()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        try:
            for chunk in xml_chunks(archive, info, self.extent.path, self.extent.where):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise UnreadableFileError(self.extent.path, f"the sheet's XML is damaged ({exc})", self.extent.where) from None
        self.extent.check_area()


def _small_xml(archive: zipfile.ZipFile, name: str, path: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _METADATA_BYTES:
        raise UnreadableFileError(path, f"the workbook's {name} is {info.file_size:,} bytes; it is a few KB in any "
                                        "workbook")
    try:
        return ElementTree.fromstring(archive.read(info))
    except ElementTree.ParseError as exc:
        raise UnreadableFileError(path, f"the workbook's {name} is damaged ({exc})") from None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def xlsx_sheet_parts(archive: zipfile.ZipFile, path: str) -> dict[str, list[str]]:
    """Sheet name -> the zip entries it may be read from (xl/workbook.xml and its relationships)."""
    book = _small_xml(archive, "xl/workbook.xml", path)
    rels = _small_xml(archive, "xl/_rels/workbook.xml.rels", path)
    if book is None or rels is None:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter() if _local(r.tag) == "Relationship"}
    parts = {}
    for sheet in book.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        # the engine's resolution ("/xl/a" -> "xl/a", "xl/a" as it is, "a" -> "xl/a"), and any other a reader
        # might make of an odd target: each that exists is checked
        candidates = {target.lstrip("/"), f"xl/{target}", f"xl/{target.lstrip('/')}"}
        parts[sheet.get("name", "")] = sorted(candidates | {posixpath.normpath(c) for c in candidates})
    return parts


def check_xlsx(archive: zipfile.ZipFile, path: str) -> None:
    """Check every worksheet of an .xlsx archive (every sheet the engine could read) against the limits."""
    parts = xlsx_sheet_parts(archive, path)
    names = {info.filename: info for info in archive.infolist()}
    checked = set()
    todo = [(f"sheet '{name}'", part) for name, candidates in parts.items() for part in candidates]
    todo += [(f"sheet file '{name}'", name) for name in names
             if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    for where, part in todo:
        info = names.get(part)
        if info is None or info.filename in checked:
            continue
        checked.add(info.filename)
        extent = _Extent(path, where, info.file_size)
        try:
            _quick_xlsx_sheet(archive, info, extent)
        except _NeedsExactScan:
            extent = _Extent(path, where, info.file_size)
            _ExactXlsxSheet(extent).run(archive, info)


# ---- ods ----------------------------------------------------------------------------------------------

_ODS_TABLE = re.compile(rb'<table:table(?=[\s>/])(' + _ATTRIBUTES + rb')\s*(/?)>')  # matched where a name is
_ODS_ROW = re.compile(rb'<table:table-row(?=[\s>/])(' + _ATTRIBUTES + rb')\s*(/?)>')
_ODS_TABLE_END = b"</table:table>"
_ODS_ROW_END = b"</table:table-row>"
_ODS_CELL = re.compile(rb'<table:(?:covered-)?table-cell(?=[\s>/])(' + _ATTRIBUTES + rb')\s*/?>')
_ODS_NAME = re.compile(rb'\stable:name\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_ROWS_REPEATED = re.compile(rb'\stable:number-rows-repeated\s*=\s*["\']\s*([0-9]+)')
_COLUMNS_REPEATED = re.compile(rb'\stable:number-columns-repeated\s*=\s*["\']\s*([0-9]+)')
_HAS_VALUE = re.compile(rb'\s(?:office:|table:formula)')


class _OdsTable:
    """One table of content.xml: its rows and width as the engine will expand them."""

    def __init__(self, path: str, name: str, budget: list[int]) -> None:
        self.extent = _Extent(path, f"sheet '{name}'", 0)
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
