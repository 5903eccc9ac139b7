"""Chart descriptions (``model.charts``) drawn as SVG: vector on paper, in a PDF and in a browser.

The screen draws the same descriptions with pyqtgraph; only the drawing differs. Sizes are in points
(1/72 inch) so a chart prints at a known physical size.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from viewer.model import palette
from viewer.model.charts import BarChart

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
GRID = "#d0d0d0"  # the value axis on paper


@dataclass(frozen=True)
class ChartSvg:
    id: str
    svg: str
    width_pt: float
    height_pt: float
    chart: BarChart  # what was drawn

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(self.chart.values)


def _wrap(label: str, width: int) -> list[str]:
    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 3:
        lines = lines[:3]
        lines[-1] = lines[-1][: max(0, width - 1)].rstrip() + "…"
    return lines


def _text(x: float, y: float, content: str, *, size: float = 8, anchor: str = "start", bold: bool = False,
          colour: str = palette.TEXT) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-family={quoteattr(FONT)} fill="{colour}" '
            f'text-anchor="{anchor}"{weight}>{escape(content)}</text>')


def chart_svg(chart: BarChart, *, width_pt: float = 500, title: bool = False, label_chars: int = 34) -> ChartSvg:
    """Horizontal bars with labels on the left, the text of each bar after it, the rating bands as tinted
    stretches with their names above and dashed edges, a reference line and a legend where the chart
    has them; with ``title`` the chart's title on top."""
    label_w = width_pt * 0.34
    right_pad = 64.0
    plot_x, plot_w = label_w + 8, width_pt - label_w - 8 - right_pad
    head = 14.0 if title and chart.title else 0.0
    top = head + (24.0 if chart.bands else 16.0 if chart.reference or chart.legend else 6.0)
    wrapped = [_wrap(r.label, label_chars) for r in chart.rows]
    row_h = [max(17.0, 9.0 * len(lines) + 5) for lines in wrapped]
    plot_h = sum(row_h) + 6
    height = top + plot_h + (30.0 if chart.x_title else 18.0)
    max_value = chart.max_value

    def x_of(value: float) -> float:
        return plot_x + plot_w * max(0.0, min(value, max_value)) / max_value

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_pt:g}pt" height="{height:g}pt" '
             f'viewBox="0 0 {width_pt:g} {height:g}">']
    if head:
        parts.append(_text(0, 10, chart.title, size=9, bold=True))
    for band in chart.bands:
        x0, x1 = x_of(band.low), x_of(min(band.high, max_value))
        parts.append(f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{plot_h:.1f}" fill="{band.tint}"/>')
        # Band names sit above the plot, on two lines where the band is too narrow for one.
        lines = [band.label] if len(band.label) * 3.4 < x1 - x0 else _wrap(band.label, max(4, int((x1 - x0) / 3.4)))
        for i, line in enumerate(lines[-2:]):
            parts.append(_text((x0 + x1) / 2, top - 4 - 8 * (len(lines[-2:]) - 1 - i), line, size=6.5,
                               anchor="middle", colour=palette.MUTED))
    for edge in chart.edges:
        x = x_of(edge)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" '
                     f'stroke="{palette.BAND_EDGE}" stroke-width="0.8" stroke-dasharray="3,2"/>')
    if chart.legend:
        x = plot_x
        for colour, label in chart.legend:
            parts.append(f'<rect x="{x:.1f}" y="{top - 11:.1f}" width="7" height="7" fill="{colour}"/>')
            parts.append(_text(x + 10, top - 4.5, label, size=6.5, colour=palette.MUTED))
            x += 16 + len(label) * 3.6
    y = top + 3
    for row, lines, h in zip(chart.rows, wrapped, row_h):
        bar_h = min(12.0, h - 5)
        bar_y = y + (h - bar_h) / 2
        if row.track:
            parts.append(f'<rect x="{plot_x:.1f}" y="{bar_y:.1f}" width="{plot_w:.1f}" height="{bar_h:.1f}" '
                         f'fill="{palette.TRACK}"/>')
        stroke = (f' stroke="{palette.EMPHASIS_EDGE}" stroke-width="1.6"' if row.emphasis
                  else ' stroke="#4d4d4d" stroke-width="0.4"')
        start = 0.0
        for segment in row.segments:
            x0, x1 = x_of(start), x_of(start + segment.value)
            parts.append(f'<rect x="{x0:.1f}" y="{bar_y:.1f}" width="{x1 - x0:.1f}" height="{bar_h:.1f}" '
                         f'fill="{segment.colour}"{stroke}/>')
            if segment.text:
                parts.append(_text((x0 + x1) / 2, bar_y + bar_h / 2 + 3, segment.text, size=7, anchor="middle",
                                   bold=True, colour=segment.text_colour))
            start += segment.value
        parts.append(_text(x_of(start) + 4, bar_y + bar_h / 2 + 3, row.text, size=8, bold=row.emphasis))
        first = y + h / 2 - (len(lines) - 1) * 4.5 + 2.5
        for i, line in enumerate(lines):
            parts.append(_text(label_w, first + i * 9, line, size=7, anchor="end"))
        y += h
    if chart.reference is not None:
        at, label = chart.reference
        x = x_of(at)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" '
                     f'stroke="{palette.REFERENCE}" stroke-width="1.2" stroke-dasharray="5,3"/>')
        parts.append(_text(x - 3, top - 4, label, size=6.5, anchor="end", colour=palette.MUTED))
    axis_y = top + plot_h
    parts.append(f'<line x1="{plot_x:.1f}" y1="{axis_y:.1f}" x2="{plot_x + plot_w:.1f}" y2="{axis_y:.1f}" '
                 f'stroke="{GRID}"/>')
    parts.append(f'<line x1="{plot_x:.1f}" y1="{top:.1f}" x2="{plot_x:.1f}" y2="{axis_y:.1f}" stroke="#808080"/>')
    for tick in chart.ticks:
        parts.append(_text(x_of(tick), axis_y + 10, chart.tick_text(tick), size=7, anchor="middle",
                           colour=palette.MUTED))
    if chart.x_title:
        parts.append(_text(plot_x + plot_w / 2, axis_y + 23, chart.x_title, size=7.5, anchor="middle",
                           colour=palette.MUTED))
    parts.append("</svg>")
    return ChartSvg(chart.id, "".join(parts), width_pt, height, chart)
