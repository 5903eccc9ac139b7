"""Service-related case findings ("x out of y cases") as horizontal proportion bars."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from viewer.charts.horizontal_bars import empty_message, new_plot, proportion_chart
from viewer.model.tables import ProportionBar

FINDINGS_BAR = "#7a5c99"


def service_findings_chart(bars: Sequence[ProportionBar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """One bar per finding: count/total as a share, labelled "x/y (p%)"; data in ``bar_values`` etc."""
    plot = new_plot(plot)
    if not bars:
        return empty_message(plot, "No 'x out of y' findings about services in this inspection")
    return proportion_chart(
        plot, [b.label for b in bars], [b.count for b in bars], [b.total for b in bars],
        "Share of relevant cases or respondents", FINDINGS_BAR,
    )
