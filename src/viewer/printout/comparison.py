"""The comparison of open inspections as printable HTML: the Compare tab's tables and chart, on paper.

Built from the same ``model.compare`` functions as the tab, so the screen and the page agree; every
value from a file is escaped. The chart is an ``<img src="chart:ID">`` placeholder that the Qt
printer draws as vectors (or inline SVG in a standalone file), as in the printed summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from viewer.formats.printout_marks import COMPARISON_MARK
from viewer.model import palette
from viewer.model.charts import across_units_chart
from viewer.model.compare import (
    NOT_IN_FRAMEWORK, Entry, cell_rating, compare_cell_colours, framework_note, rating_columns, standard_names,
)
from viewer.model.compare_across import AcrossUnits, across_units
from viewer.model.compare_counts import BY_REGION, COUNT_RATINGS, OVERALL, counts_for, place_line, rating_counts
from viewer.model.ratings import colours_for, match_rating
from viewer.printout.column_widths import column_widths
from viewer.printout.html_tables import NOTE_STYLE, Tables, cell, chart_html, e
from viewer.printout.svg_charts import ChartSvg, chart_svg

HIDDEN_COLUMNS = ("Score number", "Year")
HEAT_MAP_PT = 8.0  # a column per standard on a landscape page: the least printed text size, not less
PAGE_WIDTH_PT = 842 - 2 * 10 * 72 / 25.4  # A4 landscape between 10 mm margins, unless the printer says otherwise


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
    highlighted: int | None = None  # the highlighted unit's position in the inspections compared

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
        place=place_line(entries, selected, shown) if shown else "", highlighted=selected,
    )


# -------------------------------------------------------------------------------------------- HTML

def _heat_map(c: Comparison, table: Tables, width_pt: float) -> str:
    """The units × standards grid with the columns the tab shows. Units of several programmes get a grid
    each, under the programme's name, with only its own standards: one grid of every programme's
    standards is too wide for a page (the screen scrolls), and programmes are never ranked together."""
    frame = c.units
    programmes = list(dict.fromkeys(frame["Framework"]))
    parts = ["<h2>Ratings of each unit</h2>"]
    printed: set[str] = set()
    for programme in programmes:
        group = frame[frame["Framework"] == programme] if len(programmes) > 1 else frame
        if len(programmes) > 1:
            parts.append(f"<h3>{e(programme)}: {len(group)} unit{'s' if len(group) != 1 else ''}</h3>")
        columns = _grid_columns(c, group)
        printed.update(columns)
        parts.append(_grid(c, group, columns, table, width_pt))
    legend = " · ".join(f"{e(code)} {e(name)}" for code, name in c.standard_names.items() if code in printed)
    return ("".join(parts) + f'<p style="{NOTE_STYLE}">{legend}. Each cell shows the published rating; '
            "a paler “(computed)” cell is a rating the report does not publish but the rules give.</p>")


def _grid_columns(c: Comparison, group: pd.DataFrame) -> list[str]:
    """As the tab: no sort columns, no framework column for one programme, no source column for one source,
    and (with published outcomes) no standard that no unit has a rating for; nor another programme's."""
    def shown(col: str) -> bool:
        if col in HIDDEN_COLUMNS or col == "Framework" and group["Framework"].nunique() <= 1:
            return False
        if col == "Source":
            return c.units["Source"].nunique() > 1
        if col in c.standard_names:
            return (not all(t == NOT_IN_FRAMEWORK for t in group[col])
                    and not (c.published and not any(cell_rating(t) for t in group[col])))
        return True
    return [col for col in group.columns if shown(col)]


def _grid(c: Comparison, frame: pd.DataFrame, columns: list[str], table: Tables, width_pt: float) -> str:
    coloured = set(rating_columns(frame)) | {"Check"}
    texts = {col: ["" if pd.isna(v) else str(v) for v in frame[col]] for col in columns}
    widths = column_widths([(col, texts[col], col in ("Unit", "Overall")) for col in columns], width_pt, HEAT_MAP_PT,
                           alike=frozenset(i for i, col in enumerate(columns) if col in c.standard_names))
    rows = []
    for position, record in zip(frame.index, zip(*texts.values())):
        cells = []
        for col, text in zip(columns, record):
            colours = compare_cell_colours(text) if col in coloured else None
            if col == "Unit" and position == c.highlighted:
                colours = palette.HIGHLIGHT  # the highlighted unit's name, as on screen
            cells.append(cell(e(text), bg=colours and colours[0], fg=colours and colours[1],
                              bold=col in ("Unit", "Overall"),
                              align="center" if col in coloured else "right" if col == "Score" else "left"))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return table(list(zip(columns, widths.percents)), rows, f"{HEAT_MAP_PT:g}pt", widths.padding)


def _across(c: Comparison, inline: bool, table: Tables) -> str:
    a = c.across
    if a is None:
        return ""
    parts = [f"<h2>Key question across units</h2><h3>{e(a.title)}</h3>"]
    if a.rank_line:
        parts.append(f'<p style="font-size:10pt;"><b>{e(a.rank_line)}</b></p>')
    if a.framework_id:
        parts.append(f'<p style="{NOTE_STYLE}">Units inspected under {e(a.framework_id)}, lowest first. {e(a.note)}</p>')
    if c.chart is not None:
        parts.append(chart_html(c.chart, inline))
    rows = ["<tr>" + cell(e(b.unit), bold=b.selected) + cell(f"{b.percent:g}%", align="right", bold=b.selected)
            + cell(e(b.rating.label if b.rating else "outside every band"), bg=colours_for(b.rating)[0],
                   fg=colours_for(b.rating)[1])
            + cell("◀ selected" if b.selected else "", bold=True) + "</tr>" for b in a.bars]
    if rows:
        parts.append(table([("Unit", "40%"), ("% Yes", "10%"), ("Band", "30%"), ("", None)], rows))
    return "".join(parts)


def _counts(c: Comparison, table: Tables) -> str:
    by = "region" if c.counts_by == BY_REGION else "year of publication"
    parts = [f"<h2>Ratings by {by}</h2>"]
    for of, frame in c.counts:
        what = "Overall ratings" if of == OVERALL else f"{of} ratings" if of in c.standard_names else of
        single = len(set(frame["Framework"])) <= 1
        # As on screen: one framework needs no column, and counting overall ratings, Units is the Total.
        columns = [col for col in frame.columns if not (single and col == "Framework")
                   and not (of == OVERALL and col == "Units")]
        rows = []
        for _, record in frame.iterrows():
            cells = []
            for col in columns:
                value = record[col]
                colours = ((colours_for(match_rating(col)[0]) if value else palette.ZERO) if col in COUNT_RATINGS
                           else None)
                cells.append(cell(e(value), bg=colours and colours[0], fg=colours and colours[1], bold=col == "Total",
                                  align="left" if col in ("Framework", "Region", "Year") else "right"))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        parts.append(f"<h3>{e(what)} (published)</h3>" + table([(col, None) for col in columns], rows))
    return "".join(parts)


def _body(c: Comparison, inline: bool, table: Tables, width_pt: float = PAGE_WIDTH_PT) -> str:
    groups = ""
    if len(c.units):
        groups = f'<p style="{NOTE_STYLE}">{e(c.framework_note)}</p>'
    opened = c.total_units - c.published
    what = (f"{opened} open and {c.published} published inspections" if opened and c.published else
            f"{c.published} published inspections" if c.published else f"{c.total_units} open inspections")
    shown = f"Showing {len(c.units)} unit{'s' if len(c.units) != 1 else ''} of the {what}" + (
        f" · {c.filters}" if c.filters else "")
    if c.place:
        groups += f'<p style="font-size:10pt;"><b>{e(c.place)}</b></p>'
    if c.published:
        groups += (f'<p style="{NOTE_STYLE}">Published outcomes are read from the inspectorate\'s '
                   "report pages and press releases; each value is quoted in the viewer (hover over it) and "
                   "in <i>inspection-viewer outcomes --json</i>.</p>")
    return (f'<p style="font-size:8pt; color:#555555; margin:0;">{COMPARISON_MARK}</p>'
            f'<h1 style="font-size:18pt; margin-top:2pt; margin-bottom:2pt;">{e(c.title)}</h1>'
            f'<p style="color:#444444; margin-top:0;">{e(shown)} · printed {e(c.printed_on)}</p>'
            + groups + _heat_map(c, table, width_pt) + _across(c, inline, table) + _counts(c, table))


def print_html(c: Comparison, breaks: frozenset[tuple[int, int]] = frozenset(),
               width_pt: float = PAGE_WIDTH_PT) -> tuple[str, list[tuple[int, int]]]:
    """HTML for the Qt printer on a page ``width_pt`` points wide, tables split before the rows in
    ``breaks``; also which data table and row each emitted table starts at (as ``summary_html.print_html``)."""
    tables = Tables(breaks)
    return f"<html><body>{_body(c, False, tables, width_pt)}</body></html>", tables.emitted


def comparison_html(c: Comparison, *, standalone: bool = False) -> str:
    """The comparison as HTML; ``standalone`` gives a browser file with the chart as inline SVG."""
    if not standalone:
        return print_html(c)[0]
    style = ("body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; margin: 10mm; color: #1a1a1a; }"
             " h2 { font-size: 13pt; border-bottom: 1px solid #9aa5b1; } .chart { text-align: center; }")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(c.title)}</title>'
            f"<style>{style}</style></head><body>{_body(c, True, Tables())}</body></html>\n")
