"""Print the summary: its HTML laid out by QTextDocument, charts drawn as vectors, a footer on every page.

Used by File ▸ Print / Print Preview / Export PDF and by ``inspection-viewer summary``; needs only
QtGui and QtSvg, so the command line can run it without widgets.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter,
    QPen, QPyTextObject, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable,
)
from PySide6.QtSvg import QSvgRenderer

from viewer.formats.atomic_file import atomic_path
from viewer.report.summary import Summary
from viewer.report.summary_html import CHART_SCHEME, print_html
from viewer.report.svg_charts import ChartSvg

PAPER = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(16, 14, 16, 12)
BASE_POINT_SIZE = 9.0
FOOTER_POINT_SIZE = 7.5
# Space a section heading needs below it on the same page (points), so it is never left alone at the
# foot of a page; a key-question heading (h3) keeps its whole section with it instead.
KEEP_WITH_NEXT_PT = {2: 90.0, 3: 0.0}
MAX_LAYOUT_PASSES = 40
STYLE = """
h2 { font-size: 13pt; margin-top: 12pt; margin-bottom: 4pt; color: #1f3b5a; }
h3 { font-size: 10.5pt; margin-top: 10pt; margin-bottom: 3pt; }
th { text-align: left; }
"""


class _ChartObject(QPyTextObject):
    """Qt's image handler for this document: draws ``<img src="chart:ID">`` from the chart's SVG, as
    vectors, at its size in points (other images are not used in the summary)."""

    def __init__(self, charts: dict[str, ChartSvg], dots_per_point: float, parent=None) -> None:
        super().__init__(parent)
        self.charts = charts
        self.dots_per_point = dots_per_point
        self.renderers = {cid: QSvgRenderer(c.svg.encode("utf-8")) for cid, c in charts.items()}

    @staticmethod
    def _chart_id(fmt) -> str:
        return fmt.toImageFormat().name().removeprefix(CHART_SCHEME)

    def intrinsicSize(self, doc, position, fmt) -> QSizeF:  # noqa: N802 (Qt's name)
        chart = self.charts.get(self._chart_id(fmt))
        if chart is None:
            return QSizeF(0, 0)
        return QSizeF(chart.width_pt * self.dots_per_point, chart.height_pt * self.dots_per_point)

    def drawObject(self, painter, rect, doc, position, fmt) -> None:  # noqa: N802
        renderer = self.renderers.get(self._chart_id(fmt))
        if renderer is not None:
            renderer.render(painter, rect)


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


def new_document(device: QPagedPaintDevice, charts: Sequence[ChartSvg]) -> QTextDocument:
    """An empty document laid out for ``device``'s page, in the printed style, that draws
    ``<img src="chart:ID">`` from ``charts`` as vectors. Give it HTML, then ``paint_pages``."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(BASE_POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE)
    doc.setDocumentMargin(0)
    handler = _ChartObject({c.id: c for c in charts}, device.logicalDpiY() / 72.0, doc)
    doc.documentLayout().registerHandler(int(QTextFormat.ObjectTypes.ImageObject), handler)
    doc._chart_handler = handler  # keep the Python object alive as long as the document
    return doc


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


def _footer_height(device: QPagedPaintDevice) -> float:
    return 18 * device.logicalDpiY() / 72.0


def body_rect(device: QPagedPaintDevice) -> QRectF:
    paint = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    return QRectF(0, 0, paint.width(), paint.height() - _footer_height(device))


def _draw_footer(painter: QPainter, device: QPagedPaintDevice, texts: tuple[str, str, str]) -> None:
    body = body_rect(device)
    top = body.bottom() + _footer_height(device) * 0.25
    area = QRectF(0, top, body.width(), _footer_height(device) * 0.75)
    painter.setPen(QPen(QColor("#9aa5b1"), 0.5 * device.logicalDpiY() / 72.0))
    painter.drawLine(QPointF(0, top), QPointF(body.width(), top))
    font = QFont("DejaVu Sans")
    font.setPointSizeF(FOOTER_POINT_SIZE)
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    for text, align in zip(texts, (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                                   Qt.AlignmentFlag.AlignRight)):
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | align, text)


def paint_pages(doc: QTextDocument, device: QPagedPaintDevice,
                footer: Callable[[int, int], tuple[str, str, str]]) -> int:
    """Paint a laid-out document page by page on a QPrinter or QPdfWriter, with ``footer(page, pages)``
    → (left, centre, right) texts under a rule on every page; return the page count."""
    body = body_rect(device)
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.setClipRect(body)
            painter.translate(0, -page * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body.height(), body.width(), body.height())
            doc.documentLayout().draw(painter, context)
            painter.restore()
            _draw_footer(painter, device, footer(page + 1, pages))
    finally:
        painter.end()
    return pages


def render_summary(summary: Summary, device: QPagedPaintDevice) -> int:
    """Lay out and paint the summary on ``device`` (a QPrinter or QPdfWriter); return the page count."""
    return paint_pages(build_document(summary, device), device,
                       lambda page, pages: (summary.overall.unit_name, f"page {page} of {pages}", summary.source_name))


def page_layout(paper: str = "a4") -> QPageLayout:
    return QPageLayout(QPageSize(PAPER[paper]), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def write_pdf(summary: Summary, path: str | os.PathLike, paper: str = "a4") -> int:
    """Write the summary as a PDF atomically (a temporary file beside it, then a rename)."""
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(600)
        writer.setPageLayout(page_layout(paper))
        writer.setTitle(f"{summary.overall.unit_name}: inspection summary")
        writer.setCreator("Inspection Viewer")
        pages = render_summary(summary, writer)
        del writer  # closes the file before it is renamed
    return pages
