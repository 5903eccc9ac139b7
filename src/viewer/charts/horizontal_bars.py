"""Shared pieces of the horizontal bar charts: a white, still plot and labelled bars.

Every builder keeps what it drew on the widget (``bar_labels``, ``bar_values`` ...) so that tests
and the printed summary can read the chart's data back without looking at pixels.
"""

from __future__ import annotations

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
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS))
        axis.setTextPen(pg.mkPen(TEXT))
    plot.getAxis("left").setStyle(tickLength=0)
    if x_title:
        plot.setLabel("bottom", x_title, color=TEXT)
    plot.showGrid(x=True, y=False, alpha=0.25)
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


def set_x_ticks(plot: pg.PlotWidget, values: Sequence[float], suffix: str = "") -> None:
    plot.getAxis("bottom").setTicks([[(v, f"{v:g}{suffix}") for v in values], []])


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


def add_value_labels(plot: pg.PlotWidget, xs: Sequence[float], texts: Sequence[str], bold: Sequence[bool] = ()) -> list[pg.TextItem]:
    """Write each bar's value just to the right of its end."""
    items = []
    for i, (x, y, text) in enumerate(zip(xs, row_positions(len(xs)), texts)):
        weight = "bold" if i < len(bold) and bold[i] else "normal"
        item = pg.TextItem(html=f'<span style="color:{TEXT}; font-weight:{weight};">{text}</span>', anchor=(0, 0.5))
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
    add_value_labels(plot, percents, [f"{c}/{t} ({p:.0f}%)" for c, t, p in zip(counts, totals, percents)])
    set_category_labels(plot, labels)
    set_x_ticks(plot, [0, 25, 50, 75, 100], "%")
    plot.setXRange(0, 100, padding=0)
    plot.getViewBox().setLimits(xMin=0)
    _leave_room_right(plot)
    plot.bar_labels = list(labels)
    plot.bar_counts = list(counts)
    plot.bar_totals = list(totals)
    plot.bar_values = [round(p, 1) for p in percents]
    plot.bar_texts = [f"{c}/{t}" for c, t in zip(counts, totals)]
    return plot


def _leave_room_right(plot: pg.PlotWidget, fraction: float = 0.18) -> None:
    """Widen the x range past 100 so the value labels beside full bars are not clipped."""
    low, high = plot.getViewBox().viewRange()[0]
    plot.setXRange(low, high + (high - low) * fraction, padding=0)


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
