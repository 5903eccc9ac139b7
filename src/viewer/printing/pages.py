"""The page painter every printout shares: a QTextDocument laid out for a page, charts drawn from SVG as
vectors, painted page by page with a footer onto a QPrinter or a QPdfWriter, and PDFs written atomically.

Needs only QtGui and QtSvg, so the command line prints without widgets.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter,
    QPen, QPyTextObject, QTextDocument, QTextFormat,
)
from PySide6.QtSvg import QSvgRenderer

from viewer.formats.files import atomic_path
from viewer.printing.pdf_check import check_pdf
from viewer.printout.html_tables import CHART_SCHEME
from viewer.printout.svg_charts import ChartSvg

PAPER = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(16, 14, 16, 12)
BASE_POINT_SIZE = 9.0
FOOTER_POINT_SIZE = 8.0
# The space above a heading is set by pagination.SPACE_ABOVE_PT: Qt's HTML reader loses it after a table.
STYLE = """
h2 { font-size: 13pt; margin-top: 0; margin-bottom: 4pt; color: #1f3b5a; }
h3 { font-size: 10.5pt; margin-top: 0; margin-bottom: 3pt; }
th { text-align: left; }
"""


def print_font(point_size: float) -> QFont:
    """DejaVu Sans without ligatures: with them the PDF's text layer holds "staﬃng" (U+FB03), which a
    search for "staffing" does not find. Fonts derived from it (bold, other sizes, the charts' text)
    keep the setting."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(point_size)
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


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
            painter.save()
            painter.setFont(print_font(BASE_POINT_SIZE))  # the SVG's texts start from the painter's font
            renderer.render(painter, rect)
            painter.restore()


def new_document(device: QPagedPaintDevice, charts: Sequence[ChartSvg]) -> QTextDocument:
    """An empty document laid out for ``device``'s page, in the printed style, that draws
    ``<img src="chart:ID">`` from ``charts`` as vectors. Give it HTML, then ``paint_pages``."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)  # the printer's edits (spacing, page breaks) need no history
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(print_font(BASE_POINT_SIZE))
    doc.setDefaultStyleSheet(STYLE)
    doc.setDocumentMargin(0)
    handler = _ChartObject({c.id: c for c in charts}, device.logicalDpiY() / 72.0, doc)
    doc.documentLayout().registerHandler(int(QTextFormat.ObjectTypes.ImageObject), handler)
    doc._chart_handler = handler  # keep the Python object alive as long as the document
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
    painter.setFont(print_font(FOOTER_POINT_SIZE))
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


def page_layout(paper: str = "a4", landscape: bool = False, side_mm: float | None = None) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    margins = QMarginsF(MARGINS_MM)
    if side_mm is not None:
        margins.setLeft(side_mm)
        margins.setRight(side_mm)
    return QPageLayout(QPageSize(PAPER[paper]), orientation, margins, QPageLayout.Unit.Millimeter)


def write_pdf(path: str | os.PathLike, layout: QPageLayout, title: str,
              render: Callable[[QPagedPaintDevice], int]) -> int:
    """``render`` onto a PDF of ``layout``, written atomically (a temporary file beside it, checked, then a
    rename); return the page count. Raises ``IncompletePdf`` (an OSError) when the file did not come out
    whole, e.g. on a full disk, which QPdfWriter does not report; the file at ``path`` is then untouched."""
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(600)
        writer.setPageLayout(layout)
        writer.setTitle(title)
        writer.setCreator("Inspection Viewer")
        pages = render(writer)
        del writer  # closes the file before it is checked and renamed
        check_pdf(tmp, pages)
    return pages


