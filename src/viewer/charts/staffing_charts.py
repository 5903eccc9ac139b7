"""Caseload, workload and staff-survey charts for the staffing tab (and the printed summary)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from viewer.charts.horizontal_bars import (
    BAR, add_bars, add_value_labels, empty_message, new_plot, proportion_bars_chart, set_category_labels, set_x_range,
    set_x_ticks, nice_ticks,
)
from viewer.model.tables import Bar, ProportionBar

WORKLOAD_OVER = "#c8102e"  # above 100 % of the workload measure
WORKLOAD_UNDER = "#3a6ea5"
FULL_LINE = "#1a1a1a"
SURVEY_BAR = "#5b7fa6"


def _room_for_labels(plot: pg.PlotWidget, largest: float, fraction: float = 0.22) -> None:
    set_x_range(plot, 0, largest * (1 + fraction) if largest > 0 else 1)


def caseload_chart(bars: Sequence[Bar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """People on probation by caseload type, in the report's order."""
    plot = new_plot(plot, "People on probation")
    if not bars:
        return empty_message(plot, "No caseload figures in this inspection")
    values = [b.value for b in bars]
    add_bars(plot, values, BAR)
    add_value_labels(plot, values, [f"{v:,.0f}" for v in values])
    set_category_labels(plot, [b.label for b in bars])
    set_x_ticks(plot, nice_ticks(max(values)))
    _room_for_labels(plot, max(values))
    plot.bar_labels = [b.label for b in bars]
    plot.bar_values = values
    return plot


def workload_chart(bars: Sequence[Bar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """Workload as a percentage of the measure, with the 100 % line (a full workload) drawn."""
    plot = new_plot(plot, "Workload, % of the workload measurement tool's capacity")
    if not bars:
        return empty_message(plot, "No workload percentages in this inspection")
    values = [b.value for b in bars]
    # Up to 100 % in blue; whatever lies beyond a full workload in red, so the excess stands out.
    add_bars(plot, [min(v, 100.0) for v in values], WORKLOAD_UNDER)
    over = [max(v - 100.0, 0.0) for v in values]
    add_bars(plot, over, WORKLOAD_OVER, pens=[pg.mkPen("#7a0a1c") if o else pg.mkPen(None) for o in over], x0=100.0)
    add_value_labels(plot, values, [f"{v:g}%" for v in values])
    line = pg.InfiniteLine(pos=100, angle=90, pen=pg.mkPen(FULL_LINE, width=2, style=pg.QtCore.Qt.PenStyle.DashLine))
    plot.addItem(line)
    set_category_labels(plot, [b.label for b in bars])
    largest = max(max(values), 100.0)
    step = 25 if largest <= 150 else 50
    set_x_ticks(plot, [float(v) for v in range(0, int(largest) + step, step)], "%")
    _room_for_labels(plot, largest, 0.2)
    note = pg.TextItem(html=f'<span style="color:{FULL_LINE};">100% = a full workload</span>', anchor=(1, 1))
    note.setPos(99, len(values) - 0.4)
    plot.addItem(note)
    plot.setYRange(-0.6, len(values) - 0.4 + 0.45, padding=0)
    plot.bar_labels = [b.label for b in bars]
    plot.bar_values = values
    plot.reference_lines = [100.0]
    return plot


def staff_survey_chart(bars: Sequence[ProportionBar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """Staff-survey answers as proportion bars labelled "x/y"."""
    return proportion_bars_chart(bars, "Share of staff responding", SURVEY_BAR,
                                 "No staff-survey results in this inspection", plot)
