"""The text layer of a report's PDF, read with pypdf, with the page furniture taken off.

pypdf is pure Python and maintained (no compiled parts to ship with the app, no external program
such as pdftotext for users to install), it decrypts PDFs that are only owner-locked, and its
errors are typed, so a damaged file becomes a clear message. A PDF keeps no paragraphs, only
positioned text: this module removes what repeats on every page (running headers and footers, page
numbers) and the footnotes at the bottom of pages, and leaves joining lines into paragraphs to
``report_text``.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zlib

from viewer.formats.errors import ReportImportError
from viewer.formats.published_report.text import footnote_markers

ENCRYPTED = "the PDF is encrypted; open it in a PDF reader and save an unencrypted copy"
NO_TEXT = "the PDF has no text layer (scanned pages?); a report must have selectable text"
_FOOTNOTE_START = re.compile(r"[ \t]*(\d{1,2})[ \t]?(?=[A-Z][a-z])")
_DIGITS = re.compile(r"\d+")


def _reader(data: bytes, source: str):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # owner-locked reports open without a password
        except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError):
            opened = 0
        if not opened:
            raise ReportImportError(source, ENCRYPTED)
    return reader


def pdf_pages(data: bytes, source: str) -> list[str]:
    """The text of each page. Raises :class:`ReportImportError` for encrypted or damaged files."""
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about repaired files are not the user's
    try:
        reader = _reader(data, source)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReportImportError:
        raise
    except FileNotDecryptedError:
        raise ReportImportError(source, ENCRYPTED) from None
    # A damaged file can surface from deep inside a third-party parser as any of these.
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError,
            RecursionError, struct.error, zlib.error, OSError) as exc:
        detail = str(exc).strip() or type(exc).__name__
        raise ReportImportError(source, f"damaged PDF: {detail[:200]}") from None
    if not pages:
        raise ReportImportError(source, "damaged PDF: it has no pages")
    return pages


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines (numbers masked) that open or close at least half the pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: dict[str, int] = {}
    for lines in pages:
        edge = {_DIGITS.sub("#", line.strip()) for line in lines[:2] + lines[-2:] if line.strip()}
        for key in edge:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= max(3, len(pages) // 2)}


def _footnote_start(lines: list[str], index: int) -> int | None:
    """The number of a footnote starting at this line: "5 The rating ..." or "5" above "The rating ..."."""
    line = lines[index]
    if match := _FOOTNOTE_START.match(line):
        return int(match.group(1))
    following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
    if line.strip().isdigit() and len(line.strip()) <= 2 and following[:1].isupper():
        return int(line.strip())
    return None


def _without_footnotes(lines: list[str], markers: set[int]) -> list[str]:
    """Cut a page's footnotes: from the first line that starts a footnote whose marker came before it.

    ``markers`` collects the footnote numbers seen so far on the page (a marker drawn as a raised
    digit on a line of its own, or glued to a word); a footnote is always below its marker.
    """
    for index, line in enumerate(lines):
        number = _footnote_start(lines, index)
        if number is not None and number in markers and index > 0:
            return lines[:index]
        stripped = line.strip()
        if stripped.isdigit() and len(stripped) <= 2:
            markers.add(int(stripped))
        else:
            footnote_markers(line, markers)
    return lines


def pdf_text(data: bytes, source: str) -> str:
    pages = [page.replace("\t", " ").split("\n") for page in pdf_pages(data, source)]
    if not any(line.strip() for lines in pages for line in lines):
        raise ReportImportError(source, NO_TEXT)
    furniture = _furniture(pages)
    kept: list[str] = []
    for lines in pages:
        lines = _without_footnotes(lines, set())  # a footnote is printed on its marker's page
        kept.extend(line for line in lines if _DIGITS.sub("#", line.strip()) not in furniture)
    # Pages are joined like lines: report_text decides whether a page break ends a paragraph.
    return "\n".join(kept)
