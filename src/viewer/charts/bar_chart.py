"""Draw a chart description (``model.charts.BarChart``) with pyqtgraph: a white, still plot of labelled
horizontal bars, the rating bands tinted behind them, their edges dashed, a reference line where one
is given. The printed summary draws the same descriptions as SVG."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from viewer.model import palette
from viewer.model.charts import BarChart

WRAP = 34  # characters per line of a category label
BAR_HEIGHT = 0.62


ROW_PIXELS = 46  # a bar and the gap below it
BAND_NAMES_PIXELS = 40  # the band names above the bars (two lines)
LEGEND_LINE_PIXELS = 18
AXIS_PIXELS = 68  # the value axis, its tick labels and a title of up to two lines


@dataclass
class _Drawn:
    """What is drawn in the plot's coordinates and must be fitted to its size in pixels."""

    band_names: list[tuple[pg.TextItem, str, float]] = field(default_factory=list)  # item, name, band width
    # a bar's value: its item, text, where the bar ends, bold, and the colour it would sit on inside the bar
    values: list[tuple[pg.TextItem, str, float, bool, str]] = field(default_factory=list)
    reference: tuple[pg.TextItem, float, str] | None = None  # its label's item, where the line is, the label
    legend: tuple[tuple[str, str], ...] = ()
    ticks: list[tuple[float, str]] = field(default_factory=list)
    high: float = 1.0  # the value axis's end, before room for texts


class ChartView(pg.PlotWidget):
    """A plot that shows one chart description; ``chart`` is what it shows. Whatever its size, every text fits:
    tick labels are thinned, band names wrapped (or left out on a band too narrow), a bar's value is moved
    inside the bar or given room, the reference line's label put on the side that has room, the legend and
    the axis title broken into lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.chart: BarChart | None = None
        self.drawn = _Drawn()
        _still(self)
        # the plot area is laid out after the widget's resize: fit the texts to its final size
        self.getPlotItem().vb.sigResized.connect(lambda _box: self.fit_texts())

    def show_chart(self, chart: BarChart) -> None:
        self.chart = chart
        self.drawn = draw(self, chart)
        self.fit_texts()

    def preferred_height(self, row_pixels: int = ROW_PIXELS) -> int:
        """As tall as the bars need (no empty space above them, nothing to scroll to below)."""
        chart = self.chart
        rows = len(chart.rows) if chart and chart.rows else 2
        above = BAND_NAMES_PIXELS if chart and (chart.bands or chart.reference) else 8
        legend = LEGEND_LINE_PIXELS * len(chart.legend) if chart and chart.legend else 0
        return above + legend + rows * row_pixels + AXIS_PIXELS

    def fit_texts(self) -> None:
        chart, drawn = self.chart, self.drawn
        if self.getPlotItem() is None:  # being torn down
            return
        box = self.getPlotItem().vb
        if chart is None or not chart.rows or box.width() <= 0:
            return
        width = box.width()
        high = _room_for_values(drawn, chart, width)
        self.setXRange(-high * 0.004, high * 1.002, padding=0)
        per_value = width / (high * 1.006)
        _fit_band_names(drawn, per_value)
        _place_values(drawn, chart, per_value, width)
        _place_reference(drawn, per_value, width)
        _thin_ticks(self, drawn, per_value)
        _fit_title(self, chart.x_title, width)
        _fit_legend(self, drawn.legend, width - 10)



TEXT_MARGINS = 10  # a text item's width beyond its letters: the document's margins (4 + 4) and a little air


def _fit_band_names(drawn: _Drawn, per_value: float) -> None:
    """Each band's name within its band's width: on one line, by words on several, or, where even a word
    is wider than the band (a narrow window), left out (the band's tint and the axis still show it)."""
    for item, name, width in drawn.band_names:
        room = per_value * width - TEXT_MARGINS
        lines: list[str] = []
        size = 8
        for size in (8, 7):  # a little smaller before giving up on a narrow band
            lines = _wrap_to(name, room, QFontMetrics(_band_font(size)))
            if lines:
                break
        item.setHtml(_band_html("<br>".join(escape(line) for line in lines), size))


def _text_width(text: str, bold: bool = False) -> float:
    """The width, in pixels, of a text item showing ``text``."""
    font = QFont()
    font.setBold(bold)
    return QFontMetrics(font).horizontalAdvance(text) + TEXT_MARGINS


def _room_for_values(drawn: _Drawn, chart: BarChart, width: float) -> float:
    """The value axis's end: the chart's maximum, or beyond it by as much as the bars' texts need. A chart of
    proportions (each bar on a full track) writes its texts in a column after the track's end; other bars
    carry theirs after the bar, or inside it where it is long enough."""
    high = drawn.high
    if chart.rows and all(r.track for r in chart.rows):
        widest = max(_text_width(text, bold) for _, text, _, bold, _ in drawn.values) + 4
        return high * width / (width - widest) if width > widest * 1.5 else high
    for _ in range(3):  # a longer axis shrinks every bar: look again at those that fitted inside
        per_value = width / high
        wanted = high
        for _, text, end, bold, _ in drawn.values:
            need = _text_width(text, bold) + 4
            if end * per_value + need > width and end * per_value < need + 6 and width > need * 1.5:
                wanted = max(wanted, end * width / (width - need))
        if wanted == high:
            break
        high = wanted
    return high


def _place_values(drawn: _Drawn, chart: BarChart, per_value: float, width: float) -> None:
    """A bar's value after its end where it fits, else inside the bar, in a colour that reads on it; on a
    chart of proportions, after the track."""
    column = chart.max_value if chart.rows and all(r.track for r in chart.rows) else None
    for item, text, end, bold, under in drawn.values:
        need = _text_width(text, bold)
        inside = column is None and end * per_value + need > width and end * per_value >= need + 6
        colour, anchor = (_readable_on(under), (1, 0.5)) if inside else (palette.TEXT, (0, 0.5))
        weight = "bold" if bold else "normal"
        item.setHtml(f'<span style="color:{colour}; font-weight:{weight};">{escape(text)}</span>')
        item.setAnchor(anchor)
        item.setPos(column if column is not None else end, item.pos().y())


def _readable_on(background: str) -> str:
    """White on a dark colour, near-black on a light one."""
    red, green, blue = (int(background.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 150 else palette.TEXT


def _place_reference(drawn: _Drawn, per_value: float, width: float) -> None:
    """The reference line's label on its left where there is room, else on its right, else on two lines on
    the side with more room."""
    if drawn.reference is None:
        return
    item, at, label = drawn.reference
    metrics = QFontMetrics(QFont())
    left_room, right_room = at * per_value - TEXT_MARGINS - 3, width - at * per_value - TEXT_MARGINS - 3
    lines = [label]
    if metrics.horizontalAdvance(label) > max(left_room, right_room):
        lines = _wrap_to(label, max(left_room, right_room), metrics) or [label]
    need = max(metrics.horizontalAdvance(line) for line in lines)
    left = need <= left_room or (need > right_room and left_room >= right_room)
    item.setHtml(f'<span style="color:{palette.REFERENCE};">{"<br>".join(escape(line) for line in lines)}</span>')
    item.setAnchor((1, 1) if left else (0, 1))
    item.setPos(at - 3 / per_value if left else at + 3 / per_value, item.pos().y())


def _thin_ticks(plot: pg.PlotWidget, drawn: _Drawn, per_value: float) -> None:
    """Every tick label where they fit side by side; else every second, third … (the first and last kept)."""
    ticks = drawn.ticks
    if len(ticks) < 2:
        plot.getAxis("bottom").setTicks([ticks, []])
        return
    metrics = QFontMetrics(plot.getAxis("bottom").style.get("tickFont") or QFont())
    widest = max(metrics.horizontalAdvance(text) for _, text in ticks) + 12
    spacing = min(b - a for (a, _), (b, _) in zip(ticks, ticks[1:])) * per_value
    step = 1
    while step < len(ticks) and spacing * step < widest:
        step += 1
    kept = ticks[::step]
    if kept[-1] != ticks[-1] and (ticks[-1][0] - kept[-1][0]) * per_value >= widest:
        kept.append(ticks[-1])
    plot.getAxis("bottom").setTicks([kept, []])


def _fit_legend(plot: pg.PlotWidget, legend: tuple[tuple[str, str], ...], width: float) -> None:
    """The legend above the plot, an entry a line, each wrapped to the chart's width."""
    if not legend:
        plot.setTitle(None)
        return
    metrics = QFontMetrics(_band_font(8))
    lines = []
    for colour, label in legend:
        wrapped = _wrap_to(label, width - 20, metrics) or [label]
        lines.append(f'<span style="color:{colour};">■</span>&nbsp;' + "<br>&nbsp;&nbsp;&nbsp;&nbsp;".join(
            escape(line) for line in wrapped))
    plot.setTitle(f'<span style="color:{palette.TEXT}; font-size:8pt;">{"<br>".join(lines)}</span>')


def _fit_title(plot: pg.PlotWidget, title: str, width: float) -> None:
    """The axis title on two lines when one is wider than the plot."""
    if not title:
        return
    metrics = QFontMetrics(QFont())
    if metrics.horizontalAdvance(title) <= width or " " not in title:
        plot.setLabel("bottom", escape(title), color=palette.TEXT)
        return
    words = title.split()
    half = max(range(1, len(words)), key=lambda i: -abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    plot.setLabel("bottom", escape(" ".join(words[:half])) + "<br>" + escape(" ".join(words[half:])),
                  color=palette.TEXT)


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


def _band_font(size: float = 8) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    return font


def _band_html(text: str, size: float = 8) -> str:
    return f'<div style="color:{palette.TEXT}; font-size:{size:g}pt; text-align:center;">{text}</div>'


def _wrap_to(name: str, room: float, metrics: QFontMetrics) -> list[str]:
    """``name`` in lines no wider than ``room`` pixels, broken between words; [] when a word cannot fit."""
    if metrics.horizontalAdvance(name) <= room:
        return [name]
    words = name.split()
    if max(metrics.horizontalAdvance(w) for w in words) > room:
        return []
    lines = [words[0]]
    for word in words[1:]:
        joined = f"{lines[-1]} {word}"
        if metrics.horizontalAdvance(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def draw(plot: pg.PlotWidget, chart: BarChart) -> _Drawn:
    """Draw ``chart``; returns what the view then fits to its size in pixels."""
    plot.clear()
    plot.setTitle(None)
    plot.setLabel("bottom", escape(chart.x_title), color=palette.TEXT)
    drawn = _Drawn(high=chart.max_value)
    names = drawn.band_names
    if not chart.rows:
        _empty(plot, chart.empty_text)
        return drawn
    n = len(chart.rows)
    top = n - 0.4 + (0.95 if chart.bands or chart.reference else 0.0)  # room above the bars for band names
    for band in chart.bands:
        rect = QGraphicsRectItem(QRectF(band.low, -0.6, band.high - band.low, top + 0.6))
        rect.setBrush(pg.mkBrush(band.tint))
        rect.setPen(pg.mkPen(None))
        rect.setZValue(-10)
        plot.addItem(rect)
        item = _text_item(_band_html(escape(band.label)), (0.5, 0), (band.low + band.high) / 2, top)
        plot.addItem(item)
        names.append((item, band.label, band.high - band.low))
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
        item = _text_item("", (0, 0.5), end, y)
        plot.addItem(item)
        under = row.segments[-1].colour if row.segments else palette.TRACK
        drawn.values.append((item, row.text, end, row.emphasis, under))
    for edge in chart.edges:
        plot.addItem(pg.InfiniteLine(pos=edge, angle=90,
                                     pen=pg.mkPen(palette.BAND_EDGE, width=1.5, style=Qt.PenStyle.DashLine)))
    if chart.reference is not None:
        at, label = chart.reference
        plot.addItem(pg.InfiniteLine(pos=at, angle=90,
                                     pen=pg.mkPen(palette.REFERENCE, width=2, style=Qt.PenStyle.DashLine)))
        label_item = _text_item(f'<span style="color:{palette.REFERENCE};">{escape(label)}</span>', (1, 1),
                                at - 1, n - 0.4)
        plot.addItem(label_item)
        drawn.reference = (label_item, at, label)
    drawn.legend = chart.legend  # above the plot (ChartView.fit_texts), one entry a line
    drawn.ticks = [(v, chart.tick_text(v)) for v in chart.ticks]
    plot.getAxis("bottom").setTicks([drawn.ticks, []])
    _category_labels(plot, chart.labels)
    plot.setXRange(-chart.max_value * 0.004, chart.max_value * 1.002, padding=0)
    plot.setYRange(-0.6, top, padding=0)
    return drawn


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
