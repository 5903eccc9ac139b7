"""The printed summary of one inspection: laid out by the shared pagination rules (no cut rows, no
stranded headings), then painted with a footer on every page."""

from __future__ import annotations

import os

from PySide6.QtGui import QPagedPaintDevice, QTextDocument

from viewer.printing.pages import page_layout, paint_pages, write_pdf
from viewer.printing.pagination import laid_out
from viewer.printout.summary import Summary
from viewer.printout.summary_html import print_html


def build_document(summary: Summary, device: QPagedPaintDevice) -> QTextDocument:
    """The summary laid out for ``device``'s page, with charts in place."""
    return laid_out(device, summary.all_charts(), lambda breaks: print_html(summary, breaks))


def render_summary(summary: Summary, device: QPagedPaintDevice) -> int:
    """Lay out and paint the summary on ``device`` (a QPrinter or QPdfWriter); return the page count."""
    return paint_pages(build_document(summary, device), device,
                       lambda page, pages: (summary.overall.unit_name, f"page {page} of {pages}", summary.source_name))


def write_summary_pdf(summary: Summary, path: str | os.PathLike, paper: str = "a4") -> int:
    """Write the summary as a PDF atomically; return the page count."""
    return write_pdf(path, page_layout(paper), f"{summary.overall.unit_name}: inspection summary",
                     lambda device: render_summary(summary, device))
