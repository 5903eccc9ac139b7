"""Chart descriptions (``model.charts``) drawn as SVG: vector on paper, in a PDF and in a browser.

The screen draws the same descriptions with pyqtgraph; only the drawing differs. Sizes are in points
(1/72 inch) so a chart prints at a known physical size. Every text is at least ``TEXT_PT`` points and
is measured (``text_width``) so that none is clipped by the chart's edge or written over another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from viewer.model import palette
from viewer.model.charts import BarChart
from viewer.printout.text_width import text_width, wrap_to_width

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
GRID = "#d0d0d0"  # the value axis on paper
TEXT_PT = 8  # every label, tick, value, band name and legend; whole points, as Qt's SVG renderer sets fonts
TITLE_PT = 10
LINE_PT = 10.0  # one line of TEXT_PT text
GAP_PT = 4.0  # the least space between two texts side by side
LABEL_LINES = 3  # a longer category label ends with "…" (the table beside the chart has it whole)


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


def _text(x: float, y: float, content: str, *, size: float = TEXT_PT, anchor: str = "start", bold: bool = False,
          colour: str = palette.TEXT) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-family={quoteattr(FONT)} fill="{colour}" '
            f'text-anchor="{anchor}"{weight}>{escape(content)}</text>')


def _rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"{extra}/>'


class _Rows:
    """Lines of text packed onto as few rows as they need: a text goes on the row nearest the plot where
    it keeps ``GAP_PT`` from every text already there. Above the plot: band names (one wider than its
    band stands over its neighbour's stretch on another row) and the reference line's label; below the
    axis: tick labels, where band edges close together would put them on top of each other."""

    def __init__(self, left: float, right: float) -> None:
        self.left, self.right = left, right
        self.taken: list[list[tuple[float, float]]] = []  # per row (0 is next to the plot): x extents
        self.placed: list[tuple[int, float, str]] = []  # (row, left x, text)

    def place(self, lines: list[str], centre: float, anchor_right: float | None = None) -> None:
        """Put ``lines`` (the last nearest the plot) centred on ``centre``, or ending at ``anchor_right``."""
        extents = []
        for line in lines:
            width = text_width(line, TEXT_PT)
            x0 = anchor_right - width if anchor_right is not None else centre - width / 2
            x0 = max(self.left, min(x0, self.right - width))  # inside the chart, never cut by its edge
            extents.append((x0, x0 + width))
        row = 0
        while not self._free(row, extents):
            row += 1
        for i, ((x0, x1), line) in enumerate(zip(reversed(extents), reversed(lines))):
            while len(self.taken) <= row + i:
                self.taken.append([])
            self.taken[row + i].append((x0, x1))
            self.placed.append((row + i, x0, line))

    def _free(self, row: int, extents: list[tuple[float, float]]) -> bool:
        for i, (x0, x1) in enumerate(reversed(extents)):
            taken = self.taken[row + i] if row + i < len(self.taken) else []
            if any(x0 < b1 + GAP_PT and b0 < x1 + GAP_PT for b0, b1 in taken):
                return False
        return True

    @property
    def height(self) -> float:
        return LINE_PT * len(self.taken)

    def svg(self, baseline: Callable[[int], float]) -> list[str]:
        """The texts, each row's baseline given by ``baseline(row)``."""
        return [_text(x0, baseline(row), line, colour=palette.MUTED) for row, x0, line in self.placed]


def chart_svg(chart: BarChart, *, width_pt: float = 500, title: bool = False) -> ChartSvg:
    """Horizontal bars with labels on the left, the text of each bar after it, the rating bands as tinted
    stretches with their names above and dashed edges, a reference line and a legend where the chart
    has them; with ``title`` the chart's title on top."""
    label_w = width_pt * 0.34
    plot_x = label_w + 8
    # Room after the longest bar for the widest text written after a bar.
    right_pad = max([text_width(r.text, TEXT_PT, r.emphasis) + GAP_PT + 2 for r in chart.rows] + [16.0])
    plot_w = width_pt - plot_x - right_pad
    max_value = chart.max_value

    def x_of(value: float) -> float:
        return plot_x + plot_w * max(0.0, min(value, max_value)) / max_value

    lines_at = [x_of(v) for v in (*chart.edges, *([chart.reference[0]] if chart.reference else []))]
    above = _Rows(0.0, width_pt)
    for band in chart.bands:
        x0, x1 = x_of(band.low), x_of(min(band.high, max_value))
        above.place(wrap_to_width(band.label, x1 - x0 - 2, TEXT_PT, cut_words=False), (x0 + x1) / 2)
    if chart.reference is not None:
        at, label = chart.reference
        above.place([label], 0.0, anchor_right=x_of(at) - 3)
    head = 16.0 if title and chart.title else 0.0
    legend_h = LINE_PT + 4 if chart.legend else 0.0
    top = head + legend_h + above.height + (6.0 if above.height else 4.0)
    wrapped = [wrap_to_width(r.label, label_w - 2, TEXT_PT, max_lines=LABEL_LINES) for r in chart.rows]
    row_h = [max(18.0, LINE_PT * len(lines) + 6) for lines in wrapped]
    plot_h = sum(row_h) + 6
    axis_y = top + plot_h
    below = _Rows(0.0, width_pt)
    for tick in chart.ticks:
        below.place([chart.tick_text(tick)], x_of(tick))
    height = axis_y + below.height + (17.0 if chart.x_title else 4.0)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_pt:g}pt" height="{height:g}pt" '
             f'viewBox="0 0 {width_pt:g} {height:g}">']
    if head:
        parts.append(_text(0, 11, chart.title, size=TITLE_PT, bold=True))
    for band in chart.bands:
        x0, x1 = x_of(band.low), x_of(min(band.high, max_value))
        parts.append(_rect(x0, top, x1 - x0, plot_h, band.tint))
    parts += above.svg(lambda row: top - 3 - LINE_PT * row)
    for edge in chart.edges:
        x = x_of(edge)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" '
                     f'stroke="{palette.BAND_EDGE}" stroke-width="0.8" stroke-dasharray="3,2"/>')
    parts += _legend(chart, plot_x, head + legend_h - 4)
    y, values = top + 3, []  # the texts after the bars go on top of every line, the reference line's too
    for row, lines, h in zip(chart.rows, wrapped, row_h):
        bar_h = min(12.0, h - 6)
        bar_y = y + (h - bar_h) / 2
        if row.track:
            parts.append(_rect(plot_x, bar_y, plot_w, bar_h, palette.TRACK))
        stroke = (f' stroke="{palette.EMPHASIS_EDGE}" stroke-width="1.6"' if row.emphasis
                  else ' stroke="#4d4d4d" stroke-width="0.4"')
        start = 0.0
        for segment in row.segments:
            x0, x1 = x_of(start), x_of(start + segment.value)
            parts.append(_rect(x0, bar_y, x1 - x0, bar_h, segment.colour, stroke))
            # A count is written inside its stretch only where it fits; the table beside the chart has them all.
            if segment.text and text_width(segment.text, TEXT_PT, True) + 4 <= x1 - x0:
                parts.append(_text((x0 + x1) / 2, bar_y + bar_h / 2 + 3, segment.text, anchor="middle", bold=True,
                                   colour=segment.text_colour))
            start += segment.value
        values += _value_text(x_of(start) + GAP_PT, bar_y + bar_h / 2 + 3, row.text, row.emphasis, lines_at)
        first = y + h / 2 - (len(lines) - 1) * LINE_PT / 2 + 3
        for i, line in enumerate(lines):
            parts.append(_text(label_w, first + i * LINE_PT, line, anchor="end"))
        y += h
    if chart.reference is not None:
        x = x_of(chart.reference[0])
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" '
                     f'stroke="{palette.REFERENCE}" stroke-width="1.2" stroke-dasharray="5,3"/>')
    parts += values
    parts.append(f'<line x1="{plot_x:.1f}" y1="{axis_y:.1f}" x2="{plot_x + plot_w:.1f}" y2="{axis_y:.1f}" '
                 f'stroke="{GRID}"/>')
    parts.append(f'<line x1="{plot_x:.1f}" y1="{top:.1f}" x2="{plot_x:.1f}" y2="{axis_y:.1f}" stroke="#808080"/>')
    parts += below.svg(lambda row: axis_y + 11 + LINE_PT * row)
    if chart.x_title:
        parts.append(_text(plot_x + plot_w / 2, axis_y + below.height + 14, chart.x_title, anchor="middle",
                           colour=palette.MUTED))
    parts.append("</svg>")
    return ChartSvg(chart.id, "".join(parts), width_pt, height, chart)


def _value_text(x: float, baseline: float, text: str, bold: bool, lines_at: list[float]) -> list[str]:
    """The text after a bar; where a band edge or the reference line runs behind it, on a pale ground so
    the line does not cross the figures."""
    if not text:
        return []
    width = text_width(text, TEXT_PT, bold)
    ground = ([_rect(x - 1.5, baseline - 8, width + 3, 10.5, "#ffffff", ' fill-opacity="0.85"')]
              if any(x - 2 <= at <= x + width + 2 for at in lines_at) else [])
    return ground + [_text(x, baseline, text, bold=bold)]


def _legend(chart: BarChart, x: float, baseline: float) -> list[str]:
    parts = []
    for colour, label in chart.legend:
        parts.append(_rect(x, baseline - 7, 7, 7, colour))
        parts.append(_text(x + 10, baseline, label, colour=palette.MUTED))
        x += 10 + text_width(label, TEXT_PT) + 2 * GAP_PT
    return parts
