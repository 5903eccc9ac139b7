"""The comparison of open inspections as printable HTML: the Compare tab's tables and chart, on paper.

Built from the same ``model.compare`` functions as the tab, so the screen and the page agree; every
value from a file is escaped. The chart is an ``<img src="chart:ID">`` placeholder that the Qt
printer draws as vectors (or inline SVG in a standalone file), as in the printed summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

import pandas as pd

from viewer.formats.printout_marks import COMPARISON_MARK
from viewer.model.charts import across_units_chart
from viewer.model.compare import (
    BY_REGION, COUNT_RATINGS, OVERALL, AcrossUnits, Entry, across_units, cell_rating, compare_cell_colours,
    counts_for, framework_note, place_line, rating_columns, rating_counts, standard_names,
)
from viewer.model.ratings import colours_for, match_rating
from viewer.printout.summary_html import CHART_SCHEME, HEAD_BG, RULE
from viewer.printout.svg_charts import ChartSvg, chart_svg

HIDDEN_COLUMNS = ("Score number", "Year")
HEAT_MAP_WIDTHS = {"Unit": "11%", "Region": "8%", "Published": "8%", "Overall": "9%", "Score": "5%", "Check": "6%"}


@dataclass(frozen=True)
class Comparison:
    units: pd.DataFrame  # the units shown, in the order shown
    total_units: int  # inspections open
    filters: str  # "Region: South East" or ""
    framework_note: str
    standard_names: dict[str, str]
    across: AcrossUnits | None
    chart: ChartSvg | None
    counts: tuple[tuple[str, pd.DataFrame], ...]  # (what is counted, table)
    printed_on: str
    counts_by: str = BY_REGION  # the counts are by region or by year of publication
    published: int = 0  # how many of the inspections are published outcomes from the library (not open files)
    place: str = ""  # where the highlighted unit's overall rating stands among the units shown

    @property
    def title(self) -> str:
        return f"Comparison of {len(self.units)} inspection{'s' if len(self.units) != 1 else ''}"

    def all_charts(self) -> list[ChartSvg]:
        return [self.chart] if self.chart else []


def build_comparison(entries: Sequence[Entry], units: pd.DataFrame, *, selected: int | None, code: str | None,
                     key: str | int | None, count_of: str = OVERALL, filters: str = "",
                     printed_on: date | None = None, counts_by: str = BY_REGION, published: int = 0) -> Comparison:
    """What the tab shows: ``units`` is the (filtered, sorted) units frame whose index gives each row's
    position in ``entries``; the key question is ``key`` of standard ``code``."""
    shown = [int(i) for i in units.index]
    across = across_units(entries, code, key, selected, shown) if code else None
    counts_all = rating_counts([entries[i] for i in shown], counts_by)
    counted = [OVERALL] + ([count_of] if count_of != OVERALL else [])
    counts = tuple((of, counts_for(counts_all, of)) for of in counted)
    day = printed_on or date.today()
    return Comparison(
        units=units, total_units=len(entries), filters=filters,
        framework_note=framework_note([entries[i] for i in shown]) if shown else "",
        standard_names=standard_names(entries), across=across,
        chart=chart_svg(across_units_chart(across), width_pt=620) if across and across.bars else None,
        counts=counts, printed_on=f"{day.day} {day.strftime('%B %Y')}", counts_by=counts_by, published=published,
        place=place_line(entries, selected, shown) if shown else "",
    )


# -------------------------------------------------------------------------------------------- HTML

def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _cell(text: str, *, colours: tuple[str, str] | None = None, bold: bool = False, align: str = "left") -> str:
    bg = f' bgcolor="{colours[0]}"' if colours else ""
    style = (f"color:{colours[1]};" if colours else "") + ("font-weight:bold;" if bold else "")
    return f'<td align="{align}"{bg} style="{style}">{text}</td>'


def _table(headers: Sequence[str], rows: Sequence[str], size: str = "7.5pt",
           widths: dict[str, str] | None = None) -> str:
    widths = widths or {}
    head = "".join(f'<th bgcolor="{HEAD_BG}" align="left"' + (f' width="{widths[h]}"' if h in widths else "")
                   + f">{_e(h)}</th>" for h in headers)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="2" style="border-color:{RULE}; '
            f'border-collapse:collapse; margin-bottom:6pt; font-size:{size};">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _heat_map(c: Comparison) -> str:
    frame = c.units
    single = len(set(frame["Framework"])) <= 1
    columns = [col for col in frame.columns if col not in HIDDEN_COLUMNS and not (single and col == "Framework")
               and not (col == "Source" and frame["Source"].nunique() <= 1)
               and not (col in c.standard_names and not any(cell_rating(t) for t in frame[col]) and c.published)]
    coloured = set(rating_columns(frame)) | {"Check"}
    rows = []
    for _, record in frame.iterrows():
        cells = []
        for col in columns:
            text = "" if pd.isna(record[col]) else str(record[col])
            colours = compare_cell_colours(text) if col in coloured else None
            cells.append(_cell(_e(text), colours=colours, bold=col in ("Unit", "Overall")))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    legend = " · ".join(f"{_e(code)} {_e(name)}" for code, name in c.standard_names.items() if code in columns)
    return ("<h2>Ratings of each unit</h2>" + _table(columns, rows, "7pt", HEAT_MAP_WIDTHS)
            + f'<p style="font-size:7.5pt; color:#444444;">{legend}. Each cell shows the published rating; '
            "a paler “(computed)” cell is a rating the report does not publish but the rules give.</p>")


def _across(c: Comparison, inline: bool) -> str:
    a = c.across
    if a is None:
        return ""
    parts = [f"<h2>Key question across units</h2><h3>{_e(a.title)}</h3>"]
    if a.rank_line:
        parts.append(f'<p style="font-size:10pt;"><b>{_e(a.rank_line)}</b></p>')
    if a.framework_id:
        parts.append(f'<p style="font-size:7.5pt; color:#444444;">Units inspected under {_e(a.framework_id)}, '
                     f"lowest first. {_e(a.note)}</p>")
    if c.chart is not None:
        chart = c.chart
        parts.append(f'<div class="chart">{chart.svg}</div>' if inline else
                     f'<p align="center"><img src="{CHART_SCHEME}{_e(chart.id)}" width="{chart.width_pt:.0f}" '
                     f'height="{chart.height_pt:.0f}"></p>')
    rows = ["<tr>" + _cell(_e(b.unit), bold=b.selected) + _cell(f"{b.percent:g}%", align="right", bold=b.selected)
            + _cell(_e(b.rating.label if b.rating else "outside every band"), colours=colours_for(b.rating))
            + _cell("◀ selected" if b.selected else "", bold=True) + "</tr>" for b in a.bars]
    if rows:
        parts.append(_table(["Unit", "% Yes", "Band", ""], rows))
    return "".join(parts)


def _counts(c: Comparison) -> str:
    by = "region" if c.counts_by == BY_REGION else "year of publication"
    parts = [f'<h2 style="page-break-before:always;">Ratings by {by}</h2>']
    for of, frame in c.counts:
        what = "Overall ratings" if of == OVERALL else f"{of} ratings" if of in c.standard_names else of
        single = len(set(frame["Framework"])) <= 1
        columns = [col for col in frame.columns if not (single and col == "Framework")]
        rows = []
        for _, record in frame.iterrows():
            cells = []
            for col in columns:
                value = record[col]
                colours = (colours_for(match_rating(col)[0]) if col in COUNT_RATINGS and value else None)
                cells.append(_cell(_e(value), colours=colours, align="right" if col not in
                                   ("Framework", "Region", "Year") else "left", bold=col == "Total"))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        parts.append(f"<h3>{_e(what)} (published)</h3>" + _table(columns, rows))
    return "".join(parts)


def comparison_html(c: Comparison, *, standalone: bool = False) -> str:
    """The comparison as HTML; ``standalone`` gives a browser file with the chart as inline SVG."""
    groups = ""
    if len(c.units):
        groups = f'<p style="font-size:8pt; color:#444444;">{_e(c.framework_note)}</p>'
    opened = c.total_units - c.published
    what = (f"{opened} open and {c.published} published inspections" if opened and c.published else
            f"{c.published} published inspections" if c.published else f"{c.total_units} open inspections")
    shown = f"{len(c.units)} of {what}" + (f" · {c.filters}" if c.filters else "")
    if c.place:
        groups += f'<p style="font-size:10pt;"><b>{_e(c.place)}</b></p>'
    if c.published:
        groups += ('<p style="font-size:7.5pt; color:#444444;">Published outcomes are read from the inspectorate\'s '
                   "report pages and press releases; each value is quoted in the viewer (hover over it) and "
                   "in <i>inspection-viewer outcomes --json</i>.</p>")
    body = (f'<p style="font-size:8pt; color:#555555; margin:0;">{COMPARISON_MARK}</p>'
            f'<h1 style="font-size:18pt; margin-top:2pt; margin-bottom:2pt;">{_e(c.title)}</h1>'
            f'<p style="color:#444444; margin-top:0;">{_e(shown)} · printed {_e(c.printed_on)}</p>'
            + groups + _heat_map(c) + _across(c, standalone) + _counts(c))
    if not standalone:
        return f"<html><body>{body}</body></html>"
    style = ("body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; margin: 10mm; color: #1a1a1a; }"
             " h2 { font-size: 13pt; border-bottom: 1px solid #9aa5b1; } .chart { text-align: center; }")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(c.title)}</title>'
            f"<style>{style}</style></head><body>{body}</body></html>\n")

