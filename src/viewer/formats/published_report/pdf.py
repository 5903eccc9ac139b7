"""The text layer of a report's PDF, read with PDFium (pypdfium2) and laid out again as report text.

PDFium, the PDF engine of Chrome, reads the text of the report's PDFs 13-22 times as fast as
pure-Python pypdf (61-94 ms against 1.2-1.6 s for 17-25 pages, ``bench/pdf_readers.py``), gives
ligature glyphs as plain letters, opens PDFs that are only owner-locked, and says why a file does
not open (password, damaged). A PDF keeps no paragraphs or table cells, only characters at
positions, drawn in any order: this module reads them as pieces of text with their places on each
page, and ``pdf_layout`` puts lines, table rows and paragraphs back together from them.
"""

from __future__ import annotations

import ctypes
import re
import threading

from viewer.formats.errors import ReportImportError, ReportTooLargeError
from viewer.formats.published_report.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS
from viewer.formats.published_report.pdf_layout import MAYBE_COLUMN_GAP, Piece, layout_text

ENCRYPTED = "the PDF is encrypted; open it in a PDF reader and save an unencrypted copy"
NO_TEXT = "the PDF has no text layer (scanned pages?); a report must have selectable text"

# PDFium is not thread-safe: the window imports reports in a worker thread and printing checks its PDFs with it
PDFIUM_LOCK = threading.Lock()
_PDFIUM_PASSWORD, _PDFIUM_SECURITY = 4, 6  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY (an unsupported encryption)
_WORD = re.compile(r"\S+")
# PDFium's lines; it joins a line that ends in a hyphen to the next, marking the hyphen U+FFFE.
_LINE_BREAK = re.compile(r"[^\r\n\ufffe]*\ufffe|[^\r\n\ufffe]+")


# --- reading the PDF ------------------------------------------------------------------------------

def _open(data: bytes, source: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)  # owner-locked PDFs open: they have no user password
    except pdfium.PdfiumError as exc:
        said = str(exc).lower()  # pypdfium2 5 names the error; older releases gave its code
        if getattr(exc, "err_code", None) in (_PDFIUM_PASSWORD, _PDFIUM_SECURITY) or "password" in said \
                or "security" in said:
            raise ReportImportError(source, ENCRYPTED) from None
        detail = str(exc).replace("Failed to load document ", "").strip(" .") or type(exc).__name__
        raise ReportImportError(source, f"damaged PDF: it cannot be read {detail}"[:240]) from None


def _page_pieces(textpage, pdfium_c) -> list[Piece]:
    """The page's characters as pieces: PDFium's lines, split where the baseline moves, where the text
    goes back, and at a gap that may be a column's: wide, and wider than the line's other gaps (a
    justified line stretches all its gaps alike)."""
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # a character outside UCS-2 (rare): read one by one so indexes match
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 32) for i in range(count))
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    pieces: list[Piece] = []
    for segment in _LINE_BREAK.finditer(text):
        words = []
        for word in _WORD.finditer(text, segment.start(), segment.end()):
            start, end = word.span()
            loose_box(handle, start, ref)
            left, bottom, top, right = rect.left, rect.bottom, rect.top, rect.right
            if end - start > 1:
                loose_box(handle, end - 1, ref)
                right = rect.right
            words.append((word.group().replace("\ufffe", "-"), left, right, bottom, top))
        if not words:
            continue
        gaps = sorted(b[1] - a[2] for a, b in zip(words, words[1:]))
        usual = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0
        piece = Piece(words[0][0], *words[0][1:], word_right=words[0][2])
        for word, left, right, bottom, top in words[1:]:
            height = max(top - bottom, piece.height)
            gap = left - piece.right
            moved = abs(bottom - piece.bottom) > 0.3 * height
            if not moved and -0.3 * height < gap and (gap < MAYBE_COLUMN_GAP * height or gap < 1.8 * usual):
                piece.text += " " + word if gap > 0.12 * height else word
                piece.right = max(piece.right, right)
                continue
            pieces.append(piece)
            piece = Piece(word, left, right, bottom, top, right)
        pieces.append(piece)
    return pieces


def _read_pages(data: bytes, source: str) -> list[list[Piece]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with PDFIUM_LOCK:
        document = _open(data, source)
        try:
            if len(document) == 0:
                raise ReportImportError(source, "damaged PDF: it has no pages")
            if len(document) > MAX_PDF_PAGES:
                raise ReportTooLargeError(source, f"the PDF has {len(document):,} pages; a report may have at most "
                                                  f"{MAX_PDF_PAGES:,} (reports have 17 to 100)")
            pages = []
            characters = 0
            for index in range(len(document)):
                try:
                    page = document[index]
                    textpage = page.get_textpage()
                except pdfium.PdfiumError as exc:
                    raise ReportImportError(source, f"damaged PDF: page {index + 1} cannot be read ({exc})") from None
                try:
                    characters += max(0, pdfium_c.FPDFText_CountChars(textpage.raw))
                    if characters > MAX_TEXT_CHARS:  # stop reading now: the rest would be refused anyway
                        raise ReportTooLargeError(source, f"the PDF's text passes {MAX_TEXT_CHARS:,} characters on "
                                                          f"page {index + 1:,}; a report may have at most that (the "
                                                          "longest published reports have a few hundred thousand)")
                    pages.append(_page_pieces(textpage, pdfium_c))
                finally:
                    textpage.close()
                    page.close()
            return pages
        finally:
            document.close()


def pdf_text(data: bytes, source: str) -> str:
    """The report's text: paragraphs separated by blank lines, table rows with tab-separated cells."""
    text = layout_text(_read_pages(data, source))
    if not text:
        raise ReportImportError(source, NO_TEXT)
    return text
