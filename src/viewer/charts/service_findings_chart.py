"""Service-related case findings ("x out of y cases") as horizontal proportion bars."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from viewer.charts.horizontal_bars import proportion_bars_chart
from viewer.model.tables import ProportionBar

FINDINGS_BAR = "#7a5c99"


def service_findings_chart(bars: Sequence[ProportionBar], plot: pg.PlotWidget | None = None) -> pg.PlotWidget:
    """One bar per finding: count/total as a share, labelled "x/y (p%)"; data in ``bar_values`` etc."""
    return proportion_bars_chart(bars, "Share of relevant cases or respondents", FINDINGS_BAR,
                                 "No 'x out of y' findings about services in this inspection", plot)
