"""Percentage 'Yes' of one standard's key questions against the rating bands."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsRectItem

from viewer.charts.horizontal_bars import (
    TEXT, add_bars, add_value_labels, empty_message, new_plot, set_category_labels, set_x_range, set_x_ticks,
)
from viewer.model.ratings import Rating, colours_for
from viewer.model.tables import KeyQuestionBar

DECIDING_EDGE = "#111111"
BAND_LINE = "#333333"


def _band_spans(edges: Sequence[tuple[float, str]]) -> list[tuple[float, float, str]]:
    """(low, high, label) for each band, from the upper edges [(50, 'Requires improvement'), ...]."""
    lows = [0.0] + [e for e, _ in edges]
    highs = [e for e, _ in edges] + [100.0]
    names = [Rating.INADEQUATE.label] + [label for _, label in edges] if edges else []
    return list(zip(lows, highs, names))


def key_questions_chart(
    bars: Sequence[KeyQuestionBar], edges: Sequence[tuple[float, str]], plot: pg.PlotWidget | None = None,
) -> pg.PlotWidget:
    """Horizontal bars of % Yes (0–100), coloured by band, band edges drawn, the deciding bar marked.

    ``edges`` are the lower edges of the bands above zero, as given by
    :func:`viewer.model.tables.band_edges`. Readable afterwards: ``bar_values``, ``bar_labels``,
    ``bar_colours``, ``band_lines``, ``deciding_index``.
    """
    plot = new_plot(plot, "Percentage of inspected cases answered 'Yes'")
    if not bars:
        return empty_message(plot, "No key-question percentages published for this standard")
    count = len(bars)
    _shade_bands(plot, edges, count)

    colours = [colours_for(b.rating)[0] for b in bars]
    pens = [pg.mkPen(DECIDING_EDGE, width=3) if b.deciding else pg.mkPen("#555555", width=1) for b in bars]
    add_bars(plot, [b.percent for b in bars], colours, pens)
    add_value_labels(
        plot, [b.percent for b in bars],
        [f"{b.percent:g}%  ◀ deciding" if b.deciding else f"{b.percent:g}%" for b in bars],
        bold=[b.deciding for b in bars],
    )
    band_lines = []
    for edge, _label in edges:
        line = pg.InfiniteLine(pos=edge, angle=90, pen=pg.mkPen(BAND_LINE, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine))
        plot.addItem(line)
        band_lines.append(float(edge))

    set_category_labels(plot, [b.theme for b in bars], wrap=22)
    set_x_ticks(plot, [0.0] + band_lines + [100.0], "%", grid=False)
    set_x_range(plot, 0, 100)
    plot.setYRange(-0.6, count + 0.35, padding=0)  # room above the bars for the band names

    plot.bar_values = [b.percent for b in bars]
    plot.bar_labels = [b.theme for b in bars]
    plot.bar_questions = [b.question for b in bars]
    plot.bar_colours = colours
    plot.band_lines = band_lines
    plot.deciding_index = next((i for i, b in enumerate(bars) if b.deciding), None)
    return plot


def _shade_bands(plot: pg.PlotWidget, edges: Sequence[tuple[float, str]], count: int) -> None:
    """Tint each band faintly in its rating's colour and write its name at the top."""
    plot.band_names = []
    for low, high, name in _band_spans(edges):
        colour = QColor(colours_for(Rating(name))[0])
        colour.setAlpha(40)
        rect = QGraphicsRectItem(QRectF(low, -0.6, high - low, count + 0.95))
        rect.setBrush(pg.mkBrush(colour))
        rect.setPen(pg.mkPen(None))
        rect.setZValue(-10)
        plot.addItem(rect)
        text = name.replace("Requires improvement", "Requires<br>improvement")
        label = pg.TextItem(html=f'<div style="color:{TEXT}; font-size:8pt; text-align:center;">{text}</div>',
                            anchor=(0.5, 0))
        label.setPos((low + high) / 2, count + 0.35)
        plot.addItem(label)
        plot.band_names.append(name)
