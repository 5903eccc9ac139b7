"""Shared pieces of the horizontal bar charts: a white, still plot and labelled bars.

Every builder keeps what it drew on the widget (``bar_labels``, ``bar_values`` ...) so that tests
and the printed summary can read the chart's data back without looking at pixels.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetrics

TEXT = "#1a1a1a"
AXIS = "#404040"
GRID = "#e6e6e6"
BAR = "#3a6ea5"  # neutral bars (counts, proportions)
BAR_EDGE = "#1f3f63"
TRACK = "#e8e8e8"  # the unfilled part of a proportion bar
WRAP = 34  # characters per line of a category label
BAR_HEIGHT = 0.62


def wrap_label(text: str, width: int = WRAP) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def new_plot(plot: pg.PlotWidget | None = None, x_title: str = "") -> pg.PlotWidget:
    """A white plot with dark axes, no mouse zoom or context menu: a chart to read, not to explore."""
    if plot is None:
        plot = pg.PlotWidget(background="w")
    else:
        plot.clear()
        plot.setBackground("w")
    plot.setAntialiasing(True)
    item = plot.getPlotItem()
    item.setMouseEnabled(x=False, y=False)
    item.setMenuEnabled(False)
    item.hideButtons()
    item.layout.setContentsMargins(4, 6, 22, 4)  # room on the right for the last tick label
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS))
        axis.setTextPen(pg.mkPen(TEXT))
    plot.getAxis("left").setStyle(tickLength=0)
    plot.getAxis("bottom").setStyle(hideOverlappingLabels=30)  # keep "0%" and "100%" at the ends
    if x_title:
        plot.setLabel("bottom", x_title, color=TEXT)
    return plot


def row_positions(count: int) -> list[float]:
    """y positions so that the first item is drawn at the top."""
    return [float(count - 1 - i) for i in range(count)]


def set_category_labels(plot: pg.PlotWidget, labels: Sequence[str], wrap: int = WRAP) -> None:
    """Write the categories on the left axis (wrapped), wide enough for the longest line."""
    axis = plot.getAxis("left")
    ys = row_positions(len(labels))
    wrapped = [wrap_label(t, wrap) for t in labels]
    axis.setTicks([list(zip(ys, wrapped)), []])
    metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
    widest = max((metrics.horizontalAdvance(line) for t in wrapped for line in t.split("\n")), default=40)
    axis.setWidth(widest + 16)
    plot.setYRange(-0.6, len(labels) - 0.4, padding=0)


def set_x_ticks(plot: pg.PlotWidget, values: Sequence[float], suffix: str = "", grid: bool = True) -> None:
    """Label the x axis at ``values`` only, with faint vertical grid lines behind the bars."""
    plot.getAxis("bottom").setTicks([[(v, f"{v:,.0f}{suffix}" if v == int(v) else f"{v:g}{suffix}") for v in values], []])
    if grid:
        for v in values:
            if v:
                line = pg.InfiniteLine(pos=v, angle=90, pen=pg.mkPen(GRID, width=1), movable=False)
                line.setZValue(-20)
                plot.addItem(line)


def nice_ticks(largest: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 times a power of ten) up to at least ``largest``."""
    if largest <= 0:
        return [0.0, 1.0]
    raw = largest / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(math.ceil(largest / step)) + 1)]


def set_x_range(plot: pg.PlotWidget, low: float, high: float) -> None:
    """Set the x range, a hair wider on both sides so the ticks at ``low`` and ``high`` are still drawn."""
    plot.setXRange(low - (high - low) * 0.004, high + (high - low) * 0.002, padding=0)


def add_bars(plot: pg.PlotWidget, values: Sequence[float], brushes: Sequence[str] | str = BAR,
             pens: Sequence[object] | None = None, x0: Sequence[float] | float = 0) -> pg.BarGraphItem:
    ys = row_positions(len(values))
    brush_list = [brushes] * len(values) if isinstance(brushes, str) else list(brushes)
    bars = pg.BarGraphItem(
        x0=x0, y=ys, height=BAR_HEIGHT, width=list(values), brushes=[pg.mkBrush(b) for b in brush_list],
        pens=pens if pens is not None else [pg.mkPen(BAR_EDGE, width=1)] * len(values),
    )
    plot.addItem(bars)
    return bars


def add_value_labels(plot: pg.PlotWidget, xs: Sequence[float], texts: Sequence[str], bold: Sequence[bool] = (),
                     inside_from: float | None = None) -> list[pg.TextItem]:
    """Write each bar's value just to the right of its end (or, from ``inside_from`` on, inside it in white)."""
    items = []
    for i, (x, y, text) in enumerate(zip(xs, row_positions(len(xs)), texts)):
        weight = "bold" if i < len(bold) and bold[i] else "normal"
        inside = inside_from is not None and x >= inside_from
        colour = "#ffffff" if inside else TEXT
        item = pg.TextItem(html=f'<span style="color:{colour}; font-weight:{weight};">{text}</span>',
                           anchor=(1, 0.5) if inside else (0, 0.5))
        item.setPos(x, y)
        plot.addItem(item)
        items.append(item)
    return items


def proportion_chart(plot: pg.PlotWidget, labels: Sequence[str], counts: Sequence[int], totals: Sequence[int],
                     x_title: str, colour: str = BAR) -> pg.PlotWidget:
    """Bars of count/total as a percentage on a grey 100 % track, labelled "x/y (p%)"."""
    percents = [c / t * 100 if t else 0.0 for c, t in zip(counts, totals)]
    new_plot(plot, x_title)
    add_bars(plot, [100.0] * len(labels), TRACK, pens=[pg.mkPen(None)] * len(labels))
    add_bars(plot, percents, colour)
    add_value_labels(plot, percents, [f"{c}/{t} ({p:.0f}%)" for c, t, p in zip(counts, totals, percents)],
                     inside_from=72)
    set_category_labels(plot, labels)
    set_x_ticks(plot, [0, 25, 50, 75, 100], "%")
    set_x_range(plot, 0, 100)  # long bars carry their "x/y (p%)" label inside, short ones beside
    plot.bar_labels = list(labels)
    plot.bar_counts = list(counts)
    plot.bar_totals = list(totals)
    plot.bar_values = [round(p, 1) for p in percents]
    plot.bar_texts = [f"{c}/{t}" for c, t in zip(counts, totals)]
    return plot


def empty_message(plot: pg.PlotWidget, text: str) -> pg.PlotWidget:
    """A blank chart that says why it is blank."""
    new_plot(plot)
    plot.getAxis("left").setTicks([[], []])
    plot.getAxis("bottom").setTicks([[], []])
    item = pg.TextItem(html=f'<span style="color:{QColor(TEXT).name()};">{text}</span>', anchor=(0.5, 0.5))
    item.setPos(0.5, 0.5)
    plot.addItem(item)
    plot.setXRange(0, 1)
    plot.setYRange(0, 1)
    plot.bar_labels, plot.bar_values = [], []
    return plot


def proportion_bars_chart(bars: Sequence, x_title: str, colour: str, empty_text: str,
                          plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """``proportion_chart`` for ProportionBar rows (label, count, total), or ``empty_text`` when there are none."""
    plot = new_plot(plot)
    if not bars:
        return empty_message(plot, empty_text)
    return proportion_chart(plot, [b.label for b in bars], [b.count for b in bars], [b.total for b in bars],
                            x_title, colour)
