"""The summary as HTML: every value from a file escaped, charts as placeholders or inline SVG.

Body text and tables are 9 pt throughout (the printer's default font); notes are 8 pt, the least any
printed text is.
"""

from __future__ import annotations

from viewer.formats.printout_marks import SUMMARY_MARK
from viewer.model.ratings import Rating, colours_for, label_or_missing
from viewer.model.tables import check_colours
from viewer.printout.html_tables import NOTE_STYLE, Tables, cell, chart_html, e
from viewer.printout.summary import Summary

EVIDENCE_PER_GAP = 1  # a summary quotes; the viewer shows every sentence


def _badge(rating: Rating | None, size: str = "9pt") -> str:
    bg, fg = colours_for(rating)
    return (f'<span style="background-color:{bg}; color:{fg}; font-weight:bold; font-size:{size};">'
            f"&nbsp;{e(label_or_missing(rating))}&nbsp;</span>")


def _title_block(s: Summary) -> str:
    o = s.overall
    meta = "  ·  ".join(e(x) for x in (
        f"{o.region} region" if o.region else "", f"report published {o.published}" if o.published else "",
        f"fieldwork from {o.fieldwork}" if o.fieldwork else "", o.framework_name) if x)
    flag_bg, flag_fg = check_colours("agrees" if o.agrees else "DIFFERS")
    return (
        f'<p style="font-size:8pt; color:#555555; margin:0;">{SUMMARY_MARK}</p>'
        f'<h1 style="font-size:20pt; margin-top:2pt; margin-bottom:2pt;">{e(o.unit_name)}</h1>'
        f'<p style="color:#444444; margin-top:0;">{meta}</p>'
        '<table cellspacing="0" cellpadding="4" style="margin-bottom:4pt;"><tr>'
        '<td style="font-weight:bold; font-size:11pt;">Overall rating</td>'
        f"<td>{_badge(o.published_rating, '13pt')}</td>"
        f'<td style="font-size:11pt;">Score <b>{e(o.published_score)}</b> published · '
        f"<b>{e(o.computed_score)}</b> computed</td></tr></table>"
        f'<table cellspacing="0" cellpadding="4"><tr><td bgcolor="{flag_bg}" style="color:{flag_fg}; font-weight:bold;">'
        f"{e(o.flag)}</td></tr></table>"
        f'<p style="{NOTE_STYLE}">{e(o.rule.rstrip("."))}. {e(o.bands_note)}</p>'
    )


def _ratings_grid(s: Summary, _table: Tables) -> str:
    rows = []
    for r in s.ratings:
        published_bg, published_fg = colours_for(r.published)
        computed_bg, computed_fg = colours_for(r.computed) if r.computed else ("#ffffff", "#404040")
        check_bg, check_fg = check_colours(r.check)
        rows.append("<tr>" + cell(e(r.code), bold=True) + cell(e(r.name))
                    + cell(e(label_or_missing(r.published)), bg=published_bg, fg=published_fg, bold=True)
                    + cell(e(r.computed.label if r.computed else "—"), bg=computed_bg, fg=computed_fg)
                    + cell(e(r.check), bg=check_bg, fg=check_fg) + "</tr>")
    return ("<h2>Ratings</h2>" + _table([("Code", "8%"), ("Standard", "30%"), ("Published", "20%"),
                                         ("Rules give", "20%"), ("Check", None)], rows))


def _key_questions(s: Summary, inline: bool, _table: Tables) -> str:
    parts = ['<h2>Key questions</h2><p style="color:#444444;">Each standard rated by key questions takes the band '
             f"of its lowest key question: {e(s.bands)}.</p>"]
    for sec in s.key_questions:
        computed = f" · rules give {e(sec.computed.label)}" if sec.computed else ""
        parts.append(f'<h3>{e(sec.code)} {e(sec.name)}  {_badge(sec.published)}'
                     f'<span style="font-weight:normal; font-size:9pt;">{computed}</span></h3>')
        rows = []
        for q in sec.rows:
            bg, fg = colours_for(q.band) if q.band else ("#ffffff", "#404040")
            rows.append("<tr>" + cell(e(q.question), bold=q.deciding) + cell(e(q.percent), align="right", bold=q.deciding)
                        + cell(e(label_or_missing(q.band)), bg=bg, fg=fg)
                        + cell("◀ deciding" if q.deciding else "", bold=True) + "</tr>")
        parts.append(_table([("Key question", "58%"), ("% Yes", "9%"), ("Band", "21%"), ("", None)], rows))
        parts.append(f'<p><b>Cases needed for the next band:</b> {e(sec.cases_needed)}.</p>')
        if sec.chart:
            parts.append(chart_html(sec.chart, inline))
    return "".join(parts)


def _staffing(s: Summary, inline: bool, _table: Tables) -> str:
    if not s.figures:
        return "<h2>Staffing and workload</h2><p>No staffing or workload figures in this inspection.</p>"
    rows = ["<tr>" + cell(e(f.topic)) + cell(e(f.what)) + cell(e(f.value), align="right", bold=True)
            + cell(e(f.standard)) + "</tr>" for f in s.figures]
    charts = "".join(chart_html(c, inline) for c in s.charts)
    return ('<h2>Staffing and workload</h2>'
            + _table([("Topic", "15%"), ("What", "55%"), ("Value", "18%"), ("Standard", None)], rows)
            + charts)


def _gaps(s: Summary, _table: Tables) -> str:
    if not s.gaps:
        return "<h2>Service gaps</h2><p>This inspection records no service gaps.</p>"
    rows = []
    for g in s.gaps:
        evidence = "".join(f"<li>“{e(quote)}”</li>" for quote in g.evidence[:EVIDENCE_PER_GAP])
        more = len(g.evidence) - EVIDENCE_PER_GAP
        if more > 0:
            evidence += f"<li><i>{more} more quotation{'s' if more > 1 else ''} in the viewer's Service gaps tab</i></li>"
        body = f"{e(g.description)}" + (f'<ul style="margin-top:2pt;">{evidence}</ul>' if evidence else "")
        rows.append("<tr>" + cell(f"<b>{e(g.title)}</b>" + (f"<br>{e(g.standard)}" if g.standard else ""))
                    + cell(body) + "</tr>")
    return "<h2>Service gaps</h2>" + _table([("Gap", "24%"), ("What the report found", None)], rows)


def _recommendations(s: Summary, _table: Tables) -> str:
    if not s.recommendations:
        return "<h2>Recommendations</h2><p>No recommendations in this inspection.</p>"
    rows = ["<tr>" + cell(str(n), align="right", bold=True) + cell(e(text)) + "</tr>" for n, text in s.recommendations]
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
    tables = Tables(breaks)
    return f"<html><body>{_body(s, False, tables)}</body></html>", tables.emitted


def _body(s: Summary, inline: bool, tables: Tables) -> str:
    return (_title_block(s) + _ratings_grid(s, tables) + _key_questions(s, inline, tables)
            + _staffing(s, inline, tables) + _gaps(s, tables) + _recommendations(s, tables))


def summary_html(s: Summary, *, standalone: bool = False) -> str:
    """The whole summary. ``standalone`` gives a file for a browser, with the charts as inline SVG;
    otherwise charts are ``<img src="chart:ID">`` placeholders for the Qt printer to draw."""
    if not standalone:
        return print_html(s)[0]
    body = _body(s, True, Tables(frozenset()))
    footer = (f'<p style="font-size:8pt; color:#555555; border-top:1px solid #9aa5b1;">{e(s.overall.unit_name)} · '
              f"from {e(s.source_name)} · printed {e(s.printed_on)} by Inspection Viewer</p>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{e(s.overall.unit_name)}: inspection summary</title><style>{BROWSER_STYLE}</style></head>"
            f"<body>{body}{footer}</body></html>\n")
