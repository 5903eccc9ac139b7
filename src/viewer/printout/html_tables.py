"""The pieces every printout's HTML is made of: escaped text, table cells, data tables that the printer
may split before a row, and chart placeholders.

The HTML keeps to what both browsers and Qt's rich-text engine understand (tables with cellpadding
and bgcolor, inline styles, ``<thead>`` for header rows repeated on each page), so a standalone file
and the printed page read the same.
"""

from __future__ import annotations

from html import escape

from viewer.printout.svg_charts import ChartSvg

HEAD_BG = "#e9edf2"
RULE = "#9aa5b1"
CHART_SCHEME = "chart:"  # <img src="chart:ID">: the printer draws chart ID there, as vectors
NOTE_STYLE = "font-size:8pt; color:#444444;"  # explanations under a title or a table: the smallest printed text


def e(value: object) -> str:
    """``value`` as HTML text: a value from a file never becomes markup."""
    return escape(str(value), quote=True)


def cell(text: str, *, bg: str | None = None, fg: str | None = None, bold: bool = False, align: str = "left",
         width: str | None = None, header: bool = False) -> str:
    tag = "th" if header else "td"
    attrs = f' align="{align}"' + (f' bgcolor="{bg}"' if bg else "") + (f' width="{width}"' if width else "")
    style = (f"color:{fg};" if fg else "") + ("font-weight:bold;" if bold or header else "")
    return f'<{tag}{attrs} style="{style}">{text}</{tag}>'


class Tables:
    """Emits data tables, split where the printer asked for a page break before a row.

    ``breaks`` holds ``(table, row)`` pairs (the n-th data table of the printout, 0-based body row);
    ``emitted`` records, for every ``<table>`` written, which data table it shows and from which
    row, so the printer can map Qt's tables back to these rows.
    """

    def __init__(self, breaks: frozenset[tuple[int, int]] = frozenset()) -> None:
        self.breaks = breaks
        self.count = 0
        self.emitted: list[tuple[int, int]] = []

    def __call__(self, headers: list[tuple[str, str | None]], rows: list[str], size: str = "", padding: int = 2) -> str:
        table, self.count = self.count, self.count + 1
        head = "".join(cell(e(h), bg=HEAD_BG, header=True, width=w) for h, w in headers)
        starts = [0] + sorted(r for t, r in self.breaks if t == table and 0 < r < len(rows))
        parts = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(rows)
            brk = " page-break-before:always;" if (i or (table, 0) in self.breaks) else ""
            font = f" font-size:{size};" if size else ""
            self.emitted.append((table, start))
            # Solid borders: Qt's default "outset" style draws each rule in two shades, some rows darker.
            parts.append(f'<table width="100%" border="1" cellspacing="0" cellpadding="{padding}" '
                         f'style="border-color:{RULE}; border-style:solid; border-collapse:collapse; '
                         f'margin-bottom:6pt;{brk}{font}">'
                         f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows[start:end])}</tbody></table>")
        return "".join(parts)


def chart_html(chart: ChartSvg, inline: bool) -> str:
    """The chart as inline SVG (a browser file) or as a placeholder the Qt printer draws as vectors."""
    if inline:
        return f'<div class="chart">{chart.svg}</div>'
    return (f'<p align="center" style="margin-top:6pt; margin-bottom:10pt;"><img src="{CHART_SCHEME}{e(chart.id)}" '
            f'width="{chart.width_pt:.0f}" height="{chart.height_pt:.0f}"></p>')
