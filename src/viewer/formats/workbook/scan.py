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

This module streams the XML out of the archive and keeps a sheet's extent (``Extent``); ``scan_xlsx`` and
``scan_ods`` check each format's sheets with them.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

from viewer.formats.errors import LoadError, UnreadableFileError
from viewer.formats.workbook import limits
from viewer.formats.workbook.book import WorkbookError
from viewer.formats.workbook.limits import column_letters, column_number

CHUNK_BYTES = 1 << 20

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


# ---- what the sheets' XML has in common -----------------------------------------------------------------

ATTRIBUTES = rb'(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*'  # a tag's attributes ('>' may be quoted)
_ATTRIBUTE = re.compile(rb'\s+([^\s=>/]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
CELL_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")


class Extent:
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
        match = CELL_REF.fullmatch(ref.split(b":")[-1].replace(b"$", b""))
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
