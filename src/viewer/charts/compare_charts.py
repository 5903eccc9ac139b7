"""Charts of the Compare tab: one key question across units, and rating counts by region; PNG/SVG export.

Like the other builders, each keeps what it drew on the widget (``bar_labels``, ``bar_values``,
``highlighted_index``, ``segments`` …) so tests and the printout can read the data back.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from viewer.charts.horizontal_bars import (
    TEXT, add_bars, add_value_labels, empty_message, new_plot, nice_ticks, row_positions, set_category_labels,
    set_x_range, set_x_ticks,
)
from viewer.charts.key_questions_chart import (  # the same bands as the Key questions tab
    BAND_LINE,
    _shade_bands,
)
from viewer.formats.files import atomic_path
from viewer.model.compare import COUNT_RATINGS, UnitBar
from viewer.model.ratings import colours_for, match_rating

SELECTED_EDGE = "#111111"
OTHER_EDGE = "#555555"
PNG_SCALE = 2  # exported pictures at twice the on-screen size, sharp in a slide or a document


def key_question_units_chart(bars: Sequence[UnitBar], edges: Sequence[tuple[float, str]],
                             plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """One bar per unit (% Yes, coloured by band, lowest first), band edges dashed, the selected unit
    outlined heavily and labelled. Readable: ``bar_labels``, ``bar_values``, ``bar_colours``,
    ``band_lines``, ``highlighted_index``, ``highlighted_label``."""
    plot = new_plot(plot, "Percentage of inspected cases answered 'Yes'")
    plot.highlighted_index, plot.highlighted_label, plot.band_lines = None, None, []
    if not bars:
        empty_message(plot, "No unit publishes a percentage for this question")
        plot.highlighted_index, plot.highlighted_label, plot.band_lines, plot.bar_colours = None, None, [], []
        return plot
    count = len(bars)
    _shade_bands(plot, edges, count)
    colours = [colours_for(b.rating)[0] for b in bars]
    pens = [pg.mkPen(SELECTED_EDGE, width=3.5) if b.selected else pg.mkPen(OTHER_EDGE, width=1) for b in bars]
    add_bars(plot, [b.percent for b in bars], colours, pens)
    add_value_labels(plot, [b.percent for b in bars],
                     [f"{b.percent:g}%  ◀ selected" if b.selected else f"{b.percent:g}%" for b in bars],
                     bold=[b.selected for b in bars])
    for edge, _label in edges:
        plot.addItem(pg.InfiniteLine(pos=edge, angle=90,
                                     pen=pg.mkPen(BAND_LINE, width=1.5, style=Qt.PenStyle.DashLine)))
        plot.band_lines.append(float(edge))
    set_category_labels(plot, [("▶ " if b.selected else "") + b.unit for b in bars], wrap=26)
    set_x_ticks(plot, [0.0] + plot.band_lines + [100.0], "%", grid=False)
    set_x_range(plot, 0, 100)
    plot.setYRange(-0.6, count + 0.35, padding=0)
    plot.bar_labels = [b.unit for b in bars]
    plot.bar_values = [b.percent for b in bars]
    plot.bar_colours = colours
    plot.highlighted_index = next((i for i, b in enumerate(bars) if b.selected), None)
    plot.highlighted_label = bars[plot.highlighted_index].unit if plot.highlighted_index is not None else None
    return plot


def rating_counts_chart(labels: Sequence[str], counts: Sequence[Sequence[int]],
                        plot: pg.PlotWidget | None = None, x_title: str = "Number of ratings") -> pg.PlotWidget:
    """Stacked bars, one per region: a segment per rating (best first, then "not published") in the
    rating's colour with its count written inside. ``counts[i]`` follows ``COUNT_RATINGS``.
    Readable: ``bar_labels``, ``bar_values`` (totals), ``segments`` (rating → counts per bar)."""
    plot = new_plot(plot, x_title)
    if not labels:
        empty_message(plot, "No ratings to count")
        plot.segments = {}
        return plot
    n = len(labels)
    totals = [sum(row) for row in counts]
    starts = [0.0] * n
    plot.segments = {}
    for r, rating in enumerate(COUNT_RATINGS):
        values = [float(row[r]) for row in counts]
        plot.segments[rating] = [int(v) for v in values]
        if not any(values):
            continue
        background, foreground = colours_for(match_rating(rating)[0])
        add_bars(plot, values, background, pens=[pg.mkPen("#ffffff", width=1)] * n, x0=list(starts))
        for x0, v, y in zip(starts, values, row_positions(n)):
            if v:
                text = pg.TextItem(html=f'<span style="color:{foreground}; font-weight:bold;">{v:.0f}</span>',
                                   anchor=(0.5, 0.5))
                text.setPos(x0 + v / 2, y)
                plot.addItem(text)
        starts = [s + v for s, v in zip(starts, values)]
    add_value_labels(plot, totals, [f"{t} in all" for t in totals])
    largest = max(max(totals), 1)
    step = max(1.0, nice_ticks(largest)[1])
    set_x_ticks(plot, [step * i for i in range(int(math.ceil(largest / step)) + 1)])
    set_category_labels(plot, labels, wrap=26)
    set_x_range(plot, 0, largest * 1.25)
    legend = "&nbsp;&nbsp;".join(
        f'<span style="color:{colours_for(match_rating(r)[0])[0]};">■</span>&nbsp;{r}' for r in COUNT_RATINGS
        if any(plot.segments[r]))
    item = pg.TextItem(html=f'<span style="color:{TEXT}; font-size:8pt;">{legend}</span>', anchor=(0, 0.5))
    item.setPos(0, n - 0.4 + 0.35)
    plot.addItem(item)
    plot.setYRange(-0.6, n - 0.4 + 0.7, padding=0)
    plot.bar_labels = list(labels)
    plot.bar_values = totals
    return plot


# ----------------------------------------------------------------------------------------- export

def export_png(plot: pg.PlotWidget, path: str | os.PathLike, scale: int = PNG_SCALE) -> None:
    """The chart as a PNG at ``scale`` times its size on screen, written atomically."""
    exporter = ImageExporter(plot.getPlotItem())
    exporter.parameters()["width"] = max(1, int(plot.getPlotItem().sceneBoundingRect().width() * scale))
    image = exporter.export(toBytes=True)
    with atomic_path(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write a PNG image to {path}")


def export_svg(plot: pg.PlotWidget, path: str | os.PathLike) -> None:
    """The chart as SVG (vectors, text kept as text), written atomically."""
    try:
        data = bytes(SVGExporter(plot.getPlotItem()).export(toBytes=True))
    except ValueError:
        # pyqtgraph 0.14's SVGExporter cannot read the "Z" (close path) that Qt 6.10+ writes
        # (pyqtgraph issue #3485): draw the chart through Qt's own SVG generator instead.
        data = _qt_svg(plot)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def _qt_svg(plot: pg.PlotWidget) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(plot.size())
    generator.setViewBox(QRect(QPoint(0, 0), plot.size()))
    generator.setResolution(plot.logicalDpiX())  # the same scale as on screen, for text and shapes alike
    generator.setTitle("Inspection Viewer chart")
    painter = QPainter(generator)
    try:
        plot.render(painter)
    finally:
        painter.end()
    return bytes(buffer.data())


CHART_FORMATS = {".png": export_png, ".svg": export_svg}


def export_chart(plot: pg.PlotWidget, path: str | os.PathLike) -> None:
    """PNG or SVG by the file's extension (ValueError for anything else)."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in CHART_FORMATS:
        raise ValueError(f"charts export as PNG or SVG, not '{suffix or 'no extension'}'")
    CHART_FORMATS[suffix](plot, path)
