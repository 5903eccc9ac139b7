"""``inspection-viewer summary``: write each inspection's printable summary as PDF or HTML, no window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from viewer.formats.errors import WriteError
from viewer.formats.files import UniqueNames, slug, write_text_atomically
from viewer.formats.kinds import files_read
from viewer.workspace import files_to_open, open_file

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


def summary_format(out: str, fmt: str | None, folder: bool) -> tuple[str, str | None]:
    """The summaries' format and, when the command cannot be carried out, why: ``--format`` when given, else
    the output's name (a folder gets PDF); a name that contradicts ``--format`` is a usage error."""
    suffix = Path(out).suffix.lower()
    by_name = next((name for name, suffixes in SUFFIXES.items() if suffix in suffixes), None)
    if folder:
        return fmt or "pdf", None
    if fmt is None:
        if by_name is None:
            return "pdf", f"{out}: a summary's name ends in .pdf or .html (or give a folder for several, ending in /)"
        return by_name, None
    if by_name != fmt:
        return fmt, (f"{out}: --format {fmt} writes a {fmt.upper()} summary, whose name ends in "
                     f"{' or '.join(SUFFIXES[fmt])}; leave --format out to write what the name says")
    return fmt, None


def run_summary(inputs: list[str], out: str, fmt: str | None = None, paper: str = "a4",
                stream: TextIO | None = None, err: TextIO | None = None) -> int:
    """Write the summaries; ``fmt`` None takes the format from the output's name."""
    from viewer.printout.summary import build_summary
    from viewer.printout.summary_html import summary_html

    stream, err = stream or sys.stdout, err or sys.stderr
    files, expanded, _ = files_to_open(inputs)  # a folder given stands for the files in it, as for check
    reading = files_read(inputs)
    folder = out.endswith(("/", os.sep)) or Path(out).is_dir()
    fmt, problem = summary_format(out, fmt, folder)
    if Path(out).resolve() in reading:
        problem = f"{out} is one of the inputs; the viewer never writes to a file it reads"
    if not problem and len(files) > 1 and not folder:
        problem = f"{len(files)} files give several summaries: give a folder for -o, ending in /"
    if problem:
        err.write(f"error: {problem}\n")
        return 2
    try:
        Path(out if folder else Path(out).parent).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err.write(f"error: cannot make the folder for {out}: {exc.strerror or exc}\n")
        return 1
    if fmt == "pdf":
        _ensure_gui_for_printing()
        from viewer.printing.summary import write_summary_pdf
    for error in expanded.failed:  # a folder that held nothing to print
        stream.write(f"{error.path}: FAILED - {error.message}\n")
    names = UniqueNames(reading)
    failed, written = len(expanded.failed), 0
    for number, source in enumerate(files, start=1):
        prefix = f"[{number}/{len(files)}] {source}" if len(files) > 1 else source  # no "[1/1]" for one file
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
            path = names.choose(path)
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
            except WriteError as exc:
                failed += 1
                stream.write(f"{prefix}: FAILED - {exc}\n")
                continue
            written += 1
            stream.write(f"{prefix} -> {path} ({done})\n")
            stream.flush()
    stream.write(f"{written} written, {failed} failed\n")
    return 1 if failed else 0
