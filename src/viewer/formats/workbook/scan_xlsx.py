"""The extent of each sheet of an .xlsx file, checked as its XML streams out of the archive (see ``scan``):
the ``<dimension>`` a sheet declares first, then every cell and row; quickly by regular expressions that
look only at cells outside the extent known so far, or exactly by expat."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
import xml.parsers.expat
import zipfile
from functools import lru_cache

from viewer.formats.errors import UnreadableFileError
from viewer.formats.workbook import limits
from viewer.formats.workbook.limits import column_letters, column_number
from viewer.formats.workbook.scan import CELL_REF, Extent, attributes, xml_chunks

_METADATA_BYTES = 16 << 20  # workbook.xml and its relationships: a few KB in any real workbook

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


def _rows_inside(extent: Extent) -> tuple[str, int]:
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


def _row_of_ref(ref: bytes, extent: Extent) -> tuple[int, int]:
    match = CELL_REF.fullmatch(ref)
    if match is None:
        raise extent.refuse(f"a cell has the reference {ref[:40].decode(errors='replace')!r}, which is not a cell "
                            "reference such as K95001; a sheet may have at most "
                            f"{limits.MAX_ROWS:,} rows and {limits.MAX_COLUMNS:,} columns")
    return int(match.group(2)), column_number(match.group(1).decode())


class _NeedsExactScan(Exception):
    """A sheet the quick scan cannot vouch for: check it with expat."""


def _quick_xlsx_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, extent: Extent) -> None:
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

    def __init__(self, extent: Extent) -> None:
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
        extent = Extent(path, where, info.file_size)
        try:
            _quick_xlsx_sheet(archive, info, extent)
        except _NeedsExactScan:
            extent = Extent(path, where, info.file_size)
            _ExactXlsxSheet(extent).run(archive, info)
