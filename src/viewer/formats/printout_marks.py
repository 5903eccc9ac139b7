"""The first line of every summary and comparison the viewer prints, shared by the printout that writes
it and the published-report importer that refuses it: the viewer never reads its own printout back in
as if it were the inspectorate's report."""

from __future__ import annotations

SUMMARY_MARK = "HM Inspectorate of Probation inspection · summary"
COMPARISON_MARK = "HM Inspectorate of Probation inspections · comparison"


def is_own_printout(text: str) -> bool:
    """True when the start of ``text`` (a PDF's or page's text, whitespace folded) carries one of the marks."""
    start = " ".join(text[:3000].split())
    return SUMMARY_MARK in start or COMPARISON_MARK in start
