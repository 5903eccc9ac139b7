"""Draw a chart description (``model.charts.BarChart``) with pyqtgraph: a white, still plot of labelled
horizontal bars, the rating bands tinted behind them, their edges dashed, a reference line where one
is given. The printed summary draws the same descriptions as SVG."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from viewer.model import palette
from viewer.model.charts import BarChart

WRAP = 34  # characters per line of a category label
BAR_HEIGHT = 0.62
LABEL_ROOM = 0.22  # share of the value axis kept free on the right for the text after the longest bar
INSIDE_FROM = 0.72  # a proportion bar this long carries its text inside, in white


class ChartView(pg.PlotWidget):
    """A plot that shows one chart description; ``chart`` is what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.chart: BarChart | None = None
        _still(self)

    def show_chart(self, chart: BarChart) -> None:
        self.chart = chart
        draw(self, chart)


def _still(plot: pg.PlotWidget) -> None:
    """No mouse zoom or context menu: a chart to read, not to explore."""
    plot.setAntialiasing(True)
    item = plot.getPlotItem()
    item.setMouseEnabled(x=False, y=False)
    item.setMenuEnabled(False)
    item.hideButtons()
    item.layout.setContentsMargins(4, 6, 22, 4)  # room on the right for the last tick label
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(palette.AXIS))
        axis.setTextPen(pg.mkPen(palette.TEXT))
    plot.getAxis("left").setStyle(tickLength=0)
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=30)  # keep the first and last tick labels


def _rows(count: int) -> list[float]:
    """y positions so that the first row is drawn at the top."""
    return [float(count - 1 - i) for i in range(count)]


def _text_item(html: str, anchor: tuple[float, float], x: float, y: float) -> pg.TextItem:
    item = pg.TextItem(html=html, anchor=anchor)
    item.setPos(x, y)
    return item


def draw(plot: pg.PlotWidget, chart: BarChart) -> None:
    plot.clear()
    plot.setLabel("bottom", chart.x_title, color=palette.TEXT)
    if not chart.rows:
        _empty(plot, chart.empty_text)
        return
    n = len(chart.rows)
    top = n - 0.4 + (0.95 if chart.bands or chart.reference else 0.0)  # room above the bars for band names
    for band in chart.bands:
        rect = QGraphicsRectItem(QRectF(band.low, -0.6, band.high - band.low, top + 0.6))
        rect.setBrush(pg.mkBrush(band.tint))
        rect.setPen(pg.mkPen(None))
        rect.setZValue(-10)
        plot.addItem(rect)
        name = escape(band.label).replace("Requires improvement", "Requires<br>improvement")
        plot.addItem(_text_item(f'<div style="color:{palette.TEXT}; font-size:8pt; text-align:center;">{name}</div>',
                                (0.5, 0), (band.low + band.high) / 2, top))
    ys = _rows(n)
    if any(r.track for r in chart.rows):
        _bars(plot, ys, [chart.max_value if r.track else 0 for r in chart.rows], [palette.TRACK] * n, [None] * n,
              [0.0] * n)
    starts = [0.0] * n
    for k in range(max(len(r.segments) for r in chart.rows)):
        segments = [r.segments[k] if k < len(r.segments) else None for r in chart.rows]
        widths = [s.value if s else 0.0 for s in segments]
        colours = [s.colour if s else palette.TRACK for s in segments]
        pens = [pg.mkPen(palette.EMPHASIS_EDGE, width=3) if r.emphasis else pg.mkPen(palette.PLAIN_EDGE, width=1)
                for r in chart.rows]
        _bars(plot, ys, widths, colours, pens, starts)
        for s, x0, y in zip(segments, starts, ys):
            if s is not None and s.text:
                plot.addItem(_text_item(f'<span style="color:{s.text_colour}; font-weight:bold;">{escape(s.text)}</span>',
                                        (0.5, 0.5), x0 + s.value / 2, y))
        starts = [x0 + w for x0, w in zip(starts, widths)]
    for row, end, y in zip(chart.rows, starts, ys):
        inside = row.track and end >= chart.max_value * INSIDE_FROM
        colour = "#ffffff" if inside else palette.TEXT
        weight = "bold" if row.emphasis else "normal"
        plot.addItem(_text_item(f'<span style="color:{colour}; font-weight:{weight};">{escape(row.text)}</span>',
                                (1, 0.5) if inside else (0, 0.5), end, y))
    for edge in chart.edges:
        plot.addItem(pg.InfiniteLine(pos=edge, angle=90,
                                     pen=pg.mkPen(palette.BAND_EDGE, width=1.5, style=Qt.PenStyle.DashLine)))
    if chart.reference is not None:
        at, label = chart.reference
        plot.addItem(pg.InfiniteLine(pos=at, angle=90,
                                     pen=pg.mkPen(palette.REFERENCE, width=2, style=Qt.PenStyle.DashLine)))
        plot.addItem(_text_item(f'<span style="color:{palette.REFERENCE};">{escape(label)}</span>', (1, 1),
                                at - 1, n - 0.4))
    if chart.legend:
        keys = "&nbsp;&nbsp;".join(f'<span style="color:{colour};">■</span>&nbsp;{escape(label)}'
                                   for colour, label in chart.legend)
        plot.addItem(_text_item(f'<span style="color:{palette.TEXT}; font-size:8pt;">{keys}</span>', (0, 0.5), 0,
                                n - 0.05))
        top = max(top, n + 0.3)
    plot.getAxis("bottom").setTicks([[(v, chart.tick_text(v)) for v in chart.ticks], []])
    _category_labels(plot, chart.labels)
    # Proportions carry long texts inside their bars, and percentages against bands end at 100 %; other
    # bars keep room on the right for the text after the longest one.
    room = 0.0 if chart.bands or all(r.track for r in chart.rows) else LABEL_ROOM
    high = chart.max_value * (1 + room)
    plot.setXRange(-high * 0.004, high * 1.002, padding=0)
    plot.setYRange(-0.6, top, padding=0)


def _bars(plot: pg.PlotWidget, ys: Sequence[float], widths: Sequence[float], colours: Sequence[str],
          pens: Sequence[object], starts: Sequence[float]) -> None:
    plot.addItem(pg.BarGraphItem(x0=list(starts), y=list(ys), height=BAR_HEIGHT, width=list(widths),
                                 brushes=[pg.mkBrush(c) for c in colours],
                                 pens=[p if p is not None else pg.mkPen(None) for p in pens]))


def _category_labels(plot: pg.PlotWidget, labels: Sequence[str], width: int = WRAP) -> None:
    """The categories on the left axis (wrapped), the axis wide enough for the longest line."""
    axis = plot.getAxis("left")
    wrapped = ["\n".join(textwrap.wrap(t, width)) or t for t in labels]
    axis.setTicks([list(zip(_rows(len(labels)), wrapped)), []])
    metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
    widest = max((metrics.horizontalAdvance(line) for t in wrapped for line in t.split("\n")), default=40)
    axis.setWidth(widest + 16)


def _empty(plot: pg.PlotWidget, text: str) -> None:
    """A blank chart that says why it is blank."""
    plot.getAxis("left").setTicks([[], []])
    plot.getAxis("bottom").setTicks([[], []])
    plot.addItem(_text_item(f'<span style="color:{palette.TEXT};">{escape(text)}</span>', (0.5, 0.5), 0.5, 0.5))
    plot.setXRange(0, 1)
    plot.setYRange(0, 1)
