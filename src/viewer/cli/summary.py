"""``inspection-viewer summary``: write each inspection's printable summary as PDF or HTML, no window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from viewer.formats.files import slug, unique_path, write_text_atomically
from viewer.workspace import open_file

SUFFIXES = {"pdf": (".pdf",), "html": (".html", ".htm")}
_APP = None  # the QGuiApplication printing needs, kept alive for the whole command


def _ensure_gui_for_printing() -> None:
    """QTextDocument and QPdfWriter need a QGuiApplication; on a Linux machine without a display,
    the offscreen platform gives one without a window."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    global _APP
    if QGuiApplication.instance() is None:
        _APP = QGuiApplication(sys.argv[:1])


def _usage_problem(inputs: list[str], out: str, fmt: str) -> str | None:
    """Why ``out`` cannot take these summaries, or None. Inputs are never written to."""
    target = Path(out)
    if {Path(i).resolve() for i in inputs} & {target.resolve()}:
        return f"{out} is one of the inputs; the viewer never writes to a file it reads"
    folder = out.endswith(("/", os.sep)) or target.is_dir()
    if len(inputs) > 1 and not folder:
        return f"{len(inputs)} files give several summaries: give a folder for -o, ending in /"
    if not folder and target.suffix.lower() not in SUFFIXES[fmt]:
        return f"{out}: a {fmt.upper()} summary needs a name ending in {' or '.join(SUFFIXES[fmt])}"
    return None


def run_summary(inputs: list[str], out: str, fmt: str = "pdf", paper: str = "a4",
                stream: TextIO | None = None, err: TextIO | None = None) -> int:
    from viewer.printout.summary import build_summary
    from viewer.printout.summary_html import summary_html

    stream, err = stream or sys.stdout, err or sys.stderr
    problem = _usage_problem(inputs, out, fmt)
    if problem:
        err.write(f"error: {problem}\n")
        return 2
    folder = out.endswith(("/", os.sep)) or Path(out).is_dir()
    try:
        Path(out if folder else Path(out).parent).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err.write(f"error: cannot make the folder for {out}: {exc.strerror or exc}\n")
        return 1
    if fmt == "pdf":
        _ensure_gui_for_printing()
        from viewer.printing.summary import write_summary_pdf
    reading = {Path(i).resolve() for i in inputs}
    taken: set[Path] = set()
    failed = written = 0
    for number, source in enumerate(inputs, start=1):
        prefix = f"[{number}/{len(inputs)}] {source}"
        opened = open_file(source)
        for error in opened.failed:
            failed += 1
            stream.write(f"{prefix}: FAILED - {error.place + ': ' if error.place else ''}{error.message}\n")
        if len(opened.opened) > 1 and not folder:
            err.write(f"error: {source} holds {len(opened.opened)} inspections: give a folder for -o, ending in /\n")
            return 2
        for entry in opened.opened:
            inspection = entry.inspection
            path = Path(out) / f"{slug(inspection.unit.name or '') or 'inspection'}.{fmt}" if folder else Path(out)
            path = unique_path(path, taken, reading)
            summary = build_summary(inspection, entry.assessment, Path(source).name)
            try:
                if fmt == "pdf":
                    pages = write_summary_pdf(summary, path, paper)
                    done = f"{pages} page{'s' if pages != 1 else ''}"
                else:
                    write_text_atomically(path, summary_html(summary, standalone=True))
                    done = "HTML"
            except OSError as exc:
                failed += 1
                stream.write(f"{prefix}: FAILED - cannot write {path}: {exc.strerror or exc}\n")
                continue
            written += 1
            stream.write(f"{prefix} -> {path} ({done})\n")
            stream.flush()
    stream.write(f"{written} written, {failed} failed\n")
    return 1 if failed else 0
