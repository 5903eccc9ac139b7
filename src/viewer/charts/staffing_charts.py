"""Caseload, workload and staff-survey charts for the staffing tab (and the printed summary)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from viewer.charts.horizontal_bars import (
    BAR, add_bars, add_value_labels, empty_message, new_plot, proportion_chart, set_category_labels,
)
from viewer.model.tables import Bar, ProportionBar

WORKLOAD_OVER = "#c8102e"  # above 100 % of the workload measure
WORKLOAD_UNDER = "#3a6ea5"
FULL_LINE = "#1a1a1a"
SURVEY_BAR = "#5b7fa6"


def _room_for_labels(plot: pg.PlotWidget, largest: float, fraction: float = 0.22) -> None:
    plot.setXRange(0, largest * (1 + fraction) if largest > 0 else 1, padding=0)


def caseload_chart(bars: Sequence[Bar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """People on probation by caseload type, in the report's order."""
    plot = new_plot(plot, "People on probation")
    if not bars:
        return empty_message(plot, "No caseload figures in this inspection")
    values = [b.value for b in bars]
    add_bars(plot, values, BAR)
    add_value_labels(plot, values, [f"{v:,.0f}" for v in values])
    set_category_labels(plot, [b.label for b in bars])
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
    add_bars(plot, values, [WORKLOAD_OVER if v > 100 else WORKLOAD_UNDER for v in values])
    add_value_labels(plot, values, [f"{v:g}%" for v in values])
    line = pg.InfiniteLine(
        pos=100, angle=90, pen=pg.mkPen(FULL_LINE, width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
        label="100% = full workload", labelOpts={"position": 0.92, "color": FULL_LINE, "anchors": [(1.05, 0), (1.05, 0)]},
    )
    plot.addItem(line)
    set_category_labels(plot, [b.label for b in bars])
    _room_for_labels(plot, max(max(values), 100.0), 0.3)
    plot.bar_labels = [b.label for b in bars]
    plot.bar_values = values
    plot.reference_lines = [100.0]
    return plot


def staff_survey_chart(bars: Sequence[ProportionBar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """Staff-survey answers as proportion bars labelled "x/y"."""
    plot = new_plot(plot)
    if not bars:
        return empty_message(plot, "No staff-survey results in this inspection")
    return proportion_chart(
        plot, [b.label for b in bars], [b.count for b in bars], [b.total for b in bars],
        "Share of staff responding", SURVEY_BAR,
    )
