"""Bar charts for the printed summary, drawn as SVG: vector on paper, in a PDF and in a browser.

The numbers come from the same ``model.tables`` functions as the on-screen pyqtgraph charts; only
the drawing differs. Sizes are in points (1/72 inch) so a chart prints at a known physical size.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#555555"
GRID = "#d0d0d0"
TRACK = "#ececec"


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float
    text: str  # written after the bar ("17%", "1,003", "25/36 (69%)")
    colour: str
    emphasis: bool = False  # drawn with a heavy outline and the text in bold (the deciding question)
    track: bool = False  # draw the full 0..max track behind the bar (proportions)


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    colour: str
    label: str


@dataclass(frozen=True)
class ChartSvg:
    id: str
    svg: str
    width_pt: float
    height_pt: float
    values: tuple[float, ...] = field(default=())  # what was drawn, for tests


def _wrap(label: str, width: int) -> list[str]:
    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > 3:
        lines = lines[:3]
        lines[-1] = lines[-1][: max(0, width - 1)].rstrip() + "…"
    return lines


def _text(x: float, y: float, content: str, *, size: float = 8, anchor: str = "start", bold: bool = False,
          colour: str = TEXT) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-family={quoteattr(FONT)} fill="{colour}" '
            f'text-anchor="{anchor}"{weight}>{escape(content)}</text>')


def _tick(value: float, percent: bool) -> str:
    return f"{value:g}%" if percent else f"{value:,.0f}"


def horizontal_bars(chart_id: str, rows: list[BarRow], *, max_value: float, width_pt: float = 500,
                    axis_label: str = "", percent: bool = True, bands: tuple[Band, ...] = (),
                    edges: tuple[float, ...] = (), reference: tuple[float, str] | None = None,
                    label_chars: int = 34, ticks: tuple[float, ...] = ()) -> ChartSvg:
    """Horizontal bars with labels on the left, the value after each bar, optional rating bands
    (tinted backgrounds with dashed edges) and an optional reference line (e.g. 100 %)."""
    label_w = width_pt * 0.34
    right_pad = 64.0
    plot_x, plot_w = label_w + 8, width_pt - label_w - 8 - right_pad
    top = 24.0 if bands else 16.0 if reference else 6.0
    wrapped = [_wrap(r.label, label_chars) for r in rows]
    row_h = [max(17.0, 9.0 * len(lines) + 5) for lines in wrapped]
    plot_h = sum(row_h) + 6
    height = top + plot_h + (30.0 if axis_label else 18.0)

    def x_of(value: float) -> float:
        return plot_x + plot_w * max(0.0, min(value, max_value)) / max_value

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_pt:g}pt" height="{height:g}pt" '
             f'viewBox="0 0 {width_pt:g} {height:g}">']
    for band in bands:
        x0, x1 = x_of(band.low), x_of(min(band.high, max_value))
        parts.append(f'<rect x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{plot_h:.1f}" fill="{band.colour}"/>')
        # Band names sit above the plot, on two lines where the band is too narrow for one.
        lines = [band.label] if len(band.label) * 3.4 < x1 - x0 else _wrap(band.label, max(4, int((x1 - x0) / 3.4)))
        for i, line in enumerate(lines[-2:]):
            parts.append(_text((x0 + x1) / 2, top - 4 - 8 * (len(lines[-2:]) - 1 - i), line, size=6.5,
                               anchor="middle", colour=MUTED))
    for edge in edges:
        x = x_of(edge)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="#333333" '
                     f'stroke-width="0.8" stroke-dasharray="3,2"/>')
    y = top + 3
    for row, lines, h in zip(rows, wrapped, row_h):
        bar_h = min(12.0, h - 5)
        bar_y = y + (h - bar_h) / 2
        if row.track:
            parts.append(f'<rect x="{plot_x:.1f}" y="{bar_y:.1f}" width="{plot_w:.1f}" height="{bar_h:.1f}" fill="{TRACK}"/>')
        stroke = ' stroke="#000000" stroke-width="1.6"' if row.emphasis else ' stroke="#4d4d4d" stroke-width="0.4"'
        parts.append(f'<rect x="{plot_x:.1f}" y="{bar_y:.1f}" width="{x_of(row.value) - plot_x:.1f}" '
                     f'height="{bar_h:.1f}" fill="{row.colour}"{stroke}/>')
        parts.append(_text(x_of(row.value) + 4, bar_y + bar_h / 2 + 3, row.text, size=8, bold=row.emphasis))
        first = y + h / 2 - (len(lines) - 1) * 4.5 + 2.5
        for i, line in enumerate(lines):
            parts.append(_text(label_w, first + i * 9, line, size=7, anchor="end"))
        y += h
    if reference is not None:
        x = x_of(reference[0])
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="#000000" '
                     f'stroke-width="1.2" stroke-dasharray="5,3"/>')
        parts.append(_text(x - 3, top - 4, reference[1], size=6.5, anchor="end", colour=MUTED))
    axis_y = top + plot_h
    parts.append(f'<line x1="{plot_x:.1f}" y1="{axis_y:.1f}" x2="{plot_x + plot_w:.1f}" y2="{axis_y:.1f}" stroke="{GRID}"/>')
    parts.append(f'<line x1="{plot_x:.1f}" y1="{top:.1f}" x2="{plot_x:.1f}" y2="{axis_y:.1f}" stroke="#808080"/>')
    for tick in ticks or (0, max_value / 2, max_value):
        parts.append(_text(x_of(tick), axis_y + 10, _tick(tick, percent), size=7, anchor="middle", colour=MUTED))
    if axis_label:
        parts.append(_text(plot_x + plot_w / 2, axis_y + 23, axis_label, size=7.5, anchor="middle", colour=MUTED))
    parts.append("</svg>")
    return ChartSvg(chart_id, "".join(parts), width_pt, height, tuple(r.value for r in rows))
