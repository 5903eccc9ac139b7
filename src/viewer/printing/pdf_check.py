"""Is a PDF we wrote whole? QPdfWriter reports no write error: on a full disk it leaves a truncated file
(or one with a hole) and says nothing, so every PDF is checked before it replaces anything.

The checks: the file starts as a PDF and ends with its trailer (``startxref`` … ``%%EOF``); the cross-
reference table is where the trailer says and every object it lists starts where it says (a write that
failed part-way shifts all that follows); and PDFium opens it and counts the pages that were painted.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pypdfium2 as pdfium

# PDFium is not thread-safe and the window may be reading a report in a worker thread meanwhile: share
# the report reader's lock (a private name of formats; a public one would be better).
from viewer.formats.published_report.pdf import PDFIUM_LOCK

_TRAILER = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


class IncompletePdf(OSError):
    """The PDF written is not whole (a full disk, a failing drive); ``strerror`` says how."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.EIO, f"the PDF came out incomplete ({why}); is the disk full?", str(path))


def check_pdf(path: str | os.PathLike, pages: int) -> None:
    """Raise ``IncompletePdf`` unless ``path`` is a whole PDF of ``pages`` pages."""
    path = Path(path)
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise IncompletePdf(path, f"{len(data):,} bytes, no PDF header")
    trailer = _TRAILER.search(data[-1024:])
    if trailer is None:
        raise IncompletePdf(path, f"{len(data):,} bytes, the end of the file is missing")
    problem = _xref_problem(data, int(trailer.group(1)))
    if problem:
        raise IncompletePdf(path, problem)
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise IncompletePdf(path, f"it does not open: {exc}") from exc
        try:
            found = len(document)
        finally:
            document.close()
    if found != pages:
        raise IncompletePdf(path, f"{found} of the {pages} pages")


def _xref_problem(data: bytes, offset: int) -> str:
    """What is wrong with the cross-reference table at ``offset`` and the objects it lists, or ""."""
    if not data.startswith(b"xref", offset):
        return "the cross-reference table is not where the trailer says"
    position = offset + len(b"xref")
    while True:
        position += len(data[position:]) - len(data[position:].lstrip())
        section = _SUBSECTION.match(data, position)
        if section is None:
            break
        first, count = int(section.group(1)), int(section.group(2))
        position = section.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(data, position)
            if entry is None:
                return f"entry {number} of the cross-reference table is damaged"
            position = entry.end() + 2  # each entry is 20 bytes, ending in a two-byte end of line
            at, generation = int(entry.group(1)), int(entry.group(2))
            if entry.group(3) == b"n" and not data.startswith(f"{number} {generation} obj".encode(), at):
                return f"object {number} is not where the cross-reference table says"
    return "" if data.startswith(b"trailer", position) else "the cross-reference table is cut short"
