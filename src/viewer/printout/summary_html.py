"""The summary as HTML: every value from a file escaped, charts as placeholders or inline SVG.

The HTML keeps to what both browsers and Qt's rich-text engine understand (tables with cellpadding
and bgcolor, inline styles, ``<thead>`` for header rows repeated on each page), so the standalone
file and the printed page read the same.
"""

from __future__ import annotations

from html import escape

from viewer.formats.printout_marks import SUMMARY_MARK
from viewer.model.ratings import Rating, colours_for, label_or_missing
from viewer.model.tables import check_colours
from viewer.printout.summary import Summary
from viewer.printout.svg_charts import ChartSvg

HEAD_BG = "#e9edf2"
RULE = "#9aa5b1"
CHART_SCHEME = "chart:"  # <img src="chart:ID">: the printer draws chart ID there, as vectors
EVIDENCE_PER_GAP = 1  # a summary quotes; the viewer shows every sentence


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _badge(rating: Rating | None, size: str = "9pt") -> str:
    bg, fg = colours_for(rating)
    return (f'<span style="background-color:{bg}; color:{fg}; font-weight:bold; font-size:{size};">'
            f"&nbsp;{_e(label_or_missing(rating))}&nbsp;</span>")


def _cell(text: str, *, bg: str | None = None, fg: str | None = None, bold: bool = False, align: str = "left",
          width: str | None = None, header: bool = False) -> str:
    tag = "th" if header else "td"
    attrs = f' align="{align}"' + (f' bgcolor="{bg}"' if bg else "") + (f' width="{width}"' if width else "")
    style = (f"color:{fg};" if fg else "") + ("font-weight:bold;" if bold or header else "")
    return f'<{tag}{attrs} style="{style}">{text}</{tag}>'


class _Tables:
    """Emits data tables, split where the printer asked for a page break before a row.

    ``breaks`` holds ``(table, row)`` pairs (the n-th data table of the summary, 0-based body row);
    ``emitted`` records, for every ``<table>`` written, which data table it shows and from which
    row, so the printer can map Qt's tables back to these rows.
    """

    def __init__(self, breaks: frozenset[tuple[int, int]]) -> None:
        self.breaks = breaks
        self.count = 0
        self.emitted: list[tuple[int, int]] = []

    def __call__(self, headers: list[tuple[str, str | None]], rows: list[str], size: str = "") -> str:
        table, self.count = self.count, self.count + 1
        head = "".join(_cell(_e(h), bg=HEAD_BG, header=True, width=w) for h, w in headers)
        starts = [0] + sorted(r for t, r in self.breaks if t == table and 0 < r < len(rows))
        parts = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(rows)
            brk = " page-break-before:always;" if (i or (table, 0) in self.breaks) else ""
            font = f" font-size:{size};" if size else ""
            self.emitted.append((table, start))
            parts.append('<table width="100%" border="1" cellspacing="0" cellpadding="2" '
                         f'style="border-color:{RULE}; border-collapse:collapse; margin-bottom:6pt;{brk}{font}">'
                         f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows[start:end])}</tbody></table>")
        return "".join(parts)


def _chart(chart: ChartSvg, inline: bool) -> str:
    if inline:
        return f'<div class="chart">{chart.svg}</div>'
    return (f'<p align="center"><img src="{CHART_SCHEME}{_e(chart.id)}" width="{chart.width_pt:.0f}" '
            f'height="{chart.height_pt:.0f}"></p>')


def _title_block(s: Summary) -> str:
    o = s.overall
    meta = "  ·  ".join(_e(x) for x in (
        f"{o.region} region" if o.region else "", f"report published {o.published}" if o.published else "",
        f"fieldwork from {o.fieldwork}" if o.fieldwork else "", o.framework_name) if x)
    flag_bg, flag_fg = check_colours("agrees" if o.agrees else "DIFFERS")
    return (
        f'<p style="font-size:8pt; color:#555555; margin:0;">{SUMMARY_MARK}</p>'
        f'<h1 style="font-size:20pt; margin-top:2pt; margin-bottom:2pt;">{_e(o.unit_name)}</h1>'
        f'<p style="color:#444444; margin-top:0;">{meta}</p>'
        '<table cellspacing="0" cellpadding="4" style="margin-bottom:4pt;"><tr>'
        '<td style="font-weight:bold; font-size:11pt;">Overall rating</td>'
        f"<td>{_badge(o.published_rating, '13pt')}</td>"
        f'<td style="font-size:11pt;">Score <b>{_e(o.published_score)}</b> published · '
        f"<b>{_e(o.computed_score)}</b> computed</td></tr></table>"
        f'<table cellspacing="0" cellpadding="4"><tr><td bgcolor="{flag_bg}" style="color:{flag_fg}; font-weight:bold;">'
        f"{_e(o.flag)}</td></tr></table>"
        f'<p style="font-size:7.5pt; color:#555555;">{_e(o.rule.rstrip("."))}. {_e(o.bands_note)}</p>'
    )


def _ratings_grid(s: Summary, _table: _Tables) -> str:
    rows = []
    for r in s.ratings:
        published_bg, published_fg = colours_for(r.published)
        computed_bg, computed_fg = colours_for(r.computed) if r.computed else ("#ffffff", "#404040")
        check_bg, check_fg = check_colours(r.check)
        rows.append("<tr>" + _cell(_e(r.code), bold=True) + _cell(_e(r.name))
                    + _cell(_e(label_or_missing(r.published)), bg=published_bg, fg=published_fg, bold=True)
                    + _cell(_e(r.computed.label if r.computed else "—"), bg=computed_bg, fg=computed_fg)
                    + _cell(_e(r.check), bg=check_bg, fg=check_fg) + "</tr>")
    return ("<h2>Ratings</h2>" + _table([("Code", "8%"), ("Standard", "30%"), ("Published", "20%"),
                                         ("Rules give", "20%"), ("Check", None)], rows))


def _key_questions(s: Summary, inline: bool, _table: _Tables) -> str:
    parts = ['<h2>Key questions</h2><p style="color:#444444;">Each standard rated by key questions takes the band '
             f"of its lowest key question: {_e(s.bands)}.</p>"]
    for sec in s.key_questions:
        computed = f" · rules give {_e(sec.computed.label)}" if sec.computed else ""
        parts.append(f'<h3>{_e(sec.code)} {_e(sec.name)}  {_badge(sec.published, "8.5pt")}'
                     f'<span style="font-weight:normal; font-size:8.5pt;">{computed}</span></h3>')
        rows = []
        for q in sec.rows:
            bg, fg = colours_for(q.band) if q.band else ("#ffffff", "#404040")
            rows.append("<tr>" + _cell(_e(q.question), bold=q.deciding) + _cell(_e(q.percent), align="right", bold=q.deciding)
                        + _cell(_e(label_or_missing(q.band)), bg=bg, fg=fg)
                        + _cell("◀ deciding" if q.deciding else "", bold=True) + "</tr>")
        parts.append(_table([("Key question", "58%"), ("% Yes", "9%"), ("Band", "21%"), ("", None)], rows))
        parts.append(f'<p style="font-size:8pt;"><b>Cases needed for the next band:</b> {_e(sec.cases_needed)}.</p>')
        if sec.chart:
            parts.append(_chart(sec.chart, inline))
    return "".join(parts)


def _staffing(s: Summary, inline: bool, _table: _Tables) -> str:
    if not s.figures:
        return "<h2>Staffing and workload</h2><p>No staffing or workload figures in this inspection.</p>"
    rows = ["<tr>" + _cell(_e(f.topic)) + _cell(_e(f.what)) + _cell(_e(f.value), align="right", bold=True)
            + _cell(_e(f.standard)) + "</tr>" for f in s.figures]
    charts = "".join(_chart(c, inline) for c in s.charts)
    return ('<h2>Staffing and workload</h2>'
            + _table([("Topic", "15%"), ("What", "55%"), ("Value", "18%"), ("Standard", None)], rows, "7.5pt")
            + charts)


def _gaps(s: Summary, _table: _Tables) -> str:
    if not s.gaps:
        return "<h2>Service gaps</h2><p>This inspection records no service gaps.</p>"
    rows = []
    for g in s.gaps:
        evidence = "".join(f"<li>“{_e(e)}”</li>" for e in g.evidence[:EVIDENCE_PER_GAP])
        more = len(g.evidence) - EVIDENCE_PER_GAP
        if more > 0:
            evidence += f"<li><i>{more} more quotation{'s' if more > 1 else ''} in the viewer's Service gaps tab</i></li>"
        body = f"{_e(g.description)}" + (f'<ul style="margin-top:2pt;">{evidence}</ul>' if evidence else "")
        rows.append("<tr>" + _cell(f"<b>{_e(g.title)}</b>" + (f"<br>{_e(g.standard)}" if g.standard else ""))
                    + f'<td style="font-size:7.5pt;">{body}</td></tr>')
    return "<h2>Service gaps</h2>" + _table([("Gap", "24%"), ("What the report found", None)], rows)


def _recommendations(s: Summary, _table: _Tables) -> str:
    if not s.recommendations:
        return "<h2>Recommendations</h2><p>No recommendations in this inspection.</p>"
    rows = ["<tr>" + _cell(str(n), align="right", bold=True) + _cell(_e(text)) + "</tr>" for n, text in s.recommendations]
    return "<h2>Recommendations</h2>" + _table([("No.", "6%"), ("The unit should", None)], rows)


BROWSER_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; max-width: 190mm; margin: 10mm auto; color: #1a1a1a; }
h2 { font-size: 13pt; border-bottom: 1px solid #9aa5b1; margin-top: 14pt; }
h3 { font-size: 10.5pt; margin-bottom: 3pt; page-break-after: avoid; }
table { border-collapse: collapse; } tr { page-break-inside: avoid; }
.chart { text-align: center; margin: 4pt 0 10pt; }
@media print { h2 { page-break-after: avoid; } }
"""


def print_html(s: Summary, breaks: frozenset[tuple[int, int]] = frozenset()) -> tuple[str, list[tuple[int, int]]]:
    """HTML for the Qt printer: charts are ``<img src="chart:ID">`` placeholders and tables are split
    before the rows in ``breaks``. Also returns which data table and row each emitted table starts at."""
    tables = _Tables(breaks)
    return f"<html><body>{_body(s, False, tables)}</body></html>", tables.emitted


def _body(s: Summary, inline: bool, tables: _Tables) -> str:
    return (_title_block(s) + _ratings_grid(s, tables) + _key_questions(s, inline, tables)
            + _staffing(s, inline, tables) + _gaps(s, tables) + _recommendations(s, tables))


def summary_html(s: Summary, *, standalone: bool = False) -> str:
    """The whole summary. ``standalone`` gives a file for a browser, with the charts as inline SVG;
    otherwise charts are ``<img src="chart:ID">`` placeholders for the Qt printer to draw."""
    if not standalone:
        return print_html(s)[0]
    body = _body(s, True, _Tables(frozenset()))
    footer = (f'<p style="font-size:7.5pt; color:#555555; border-top:1px solid #9aa5b1;">{_e(s.overall.unit_name)} · '
              f"from {_e(s.source_name)} · printed {_e(s.printed_on)} by Inspection Viewer</p>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{_e(s.overall.unit_name)}: inspection summary</title><style>{BROWSER_STYLE}</style></head>"
            f"<body>{body}{footer}</body></html>\n")
