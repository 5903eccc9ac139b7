"""The printed summary of one inspection: laid out until no table row is cut by a page break and no
heading is left at the foot of a page, then painted with a footer on every page."""

from __future__ import annotations

import os

from PySide6.QtGui import QPagedPaintDevice, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

from viewer.printing.pages import body_rect, new_document, page_layout, paint_pages, write_pdf
from viewer.printout.summary import Summary
from viewer.printout.summary_html import print_html

# Space a section heading needs below it on the same page (points), so it is never left alone at the
# foot of a page; a key-question heading (h3) keeps its whole section with it instead.
KEEP_WITH_NEXT_PT = {2: 90.0, 3: 0.0}
MAX_LAYOUT_PASSES = 40


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def _break_before_heading(doc: QTextDocument, index: int) -> None:
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(_headings(doc)[index]).mergeBlockFormat(fmt)


def _headings(doc: QTextDocument) -> list:
    found, block = [], doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() in KEEP_WITH_NEXT_PT:
            found.append(block)
        block = block.next()
    return found


def data_tables(doc: QTextDocument) -> list[QTextTable]:
    """The summary's data tables (those with a header row), in document order."""
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable) and f.format().headerRowCount()]


def _row_extent(layout, table: QTextTable, row: int) -> tuple[float, float]:
    top, bottom = float("inf"), float("-inf")
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        first = layout.blockBoundingRect(cell.firstCursorPosition().block())
        last = layout.blockBoundingRect(cell.lastCursorPosition().block())
        top, bottom = min(top, first.top()), max(bottom, last.bottom())
    return top, bottom


def _first_problem(doc: QTextDocument, emitted: list[tuple[int, int]], page_height: float,
                   dots_per_point: float) -> tuple[str, object] | None:
    """The earliest place where the layout breaks a rule: a heading with too little of its section
    after it on the page, or a table row cut by a page break. ``None`` when the layout is good."""
    layout = doc.documentLayout()
    problems: list[tuple[float, str, object]] = []
    headings = _headings(doc)
    for index, block in enumerate(headings):
        if block.blockFormat().pageBreakPolicy() != QTextFormat.PageBreakFlag.PageBreak_Auto:
            continue
        rect = layout.blockBoundingRect(block)
        if rect.top() % page_height <= 1:
            continue  # already at the top of a page
        level = block.blockFormat().headingLevel()
        room = (_page(rect.top(), page_height) + 1) * page_height - rect.bottom()
        if level == 3:  # a key-question section (heading, table, chart) stays on one page when it fits
            last = headings[index + 1].previous() if index + 1 < len(headings) else doc.lastBlock()
            end = layout.blockBoundingRect(last).bottom()
            if end - rect.top() < page_height and _page(rect.top(), page_height) != _page(end - 1, page_height):
                problems.append((rect.top(), "heading", index))
        elif room < KEEP_WITH_NEXT_PT[level] * dots_per_point:
            problems.append((rect.top(), "heading", index))
    for table, (logical, start) in zip(data_tables(doc), emitted):
        header = table.format().headerRowCount()
        for row in range(header, table.rows()):
            top, bottom = _row_extent(layout, table, row)
            if bottom - top < page_height and _page(top, page_height) != _page(bottom - 1, page_height):
                problems.append((top, "row", (logical, start + row - header)))
    return min(problems, key=lambda p: p[0])[1:] if problems else None


def build_document(summary: Summary, device: QPagedPaintDevice) -> QTextDocument:
    """The summary laid out for ``device``'s page, with charts in place, no table row cut by a page
    break and no heading left at the foot of a page."""
    doc = new_document(device, summary.all_charts())
    dots_per_point = device.logicalDpiY() / 72.0
    body = body_rect(device)
    row_breaks: set[tuple[int, int]] = set()
    heading_breaks: set[int] = set()
    for _ in range(MAX_LAYOUT_PASSES):  # each pass fixes the earliest problem; later content only moves down
        html, emitted = print_html(summary, frozenset(row_breaks))
        doc.setHtml(html)
        for index in heading_breaks:  # before the page size: edits after it leave parts of the layout stale
            _break_before_heading(doc, index)
        doc.setPageSize(body.size())
        problem = _first_problem(doc, emitted, body.height(), dots_per_point)
        if problem is None:
            break
        kind, key = problem
        (heading_breaks if kind == "heading" else row_breaks).add(key)
    return doc


def render_summary(summary: Summary, device: QPagedPaintDevice) -> int:
    """Lay out and paint the summary on ``device`` (a QPrinter or QPdfWriter); return the page count."""
    return paint_pages(build_document(summary, device), device,
                       lambda page, pages: (summary.overall.unit_name, f"page {page} of {pages}", summary.source_name))


def write_summary_pdf(summary: Summary, path: str | os.PathLike, paper: str = "a4") -> int:
    """Write the summary as a PDF atomically; return the page count."""
    return write_pdf(path, page_layout(paper), f"{summary.overall.unit_name}: inspection summary",
                     lambda device: render_summary(summary, device))
