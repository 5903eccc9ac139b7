"""``inspection-viewer summary``: write each inspection's printable summary as PDF or HTML, no window."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TextIO

from viewer.formats.atomic_file import write_text_atomically
from viewer.formats.errors import LoadError
from viewer.formats.inspection_json import load_inspection
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "inspection"


def output_paths(inputs: list[str], out: str, extension: str) -> list[Path]:
    """Where each summary goes: ``out`` itself for one file, else ``out/<unit>.<ext>`` per file."""
    target = Path(out)
    if len(inputs) == 1 and not (out.endswith(("/", os.sep)) or target.is_dir()):
        return [target]
    return [target / f"{Path(i).stem}.{extension}" for i in inputs]  # renamed after the unit once loaded


def _unique(path: Path, taken: set[Path]) -> Path:
    candidate, n = path, 2
    while candidate in taken:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    taken.add(candidate)
    return candidate


def _ensure_gui_for_printing() -> None:
    """QTextDocument and QPdfWriter need a QGuiApplication; on a Linux machine without a display,
    the offscreen platform gives one without a window."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _ensure_gui_for_printing.app = QGuiApplication(sys.argv[:1])


def run_summary(inputs: list[str], out: str, fmt: str = "pdf", paper: str = "a4",
                stream: TextIO | None = None) -> int:
    from viewer.report.summary import build_summary
    from viewer.report.summary_html import summary_html

    stream = stream or sys.stdout
    paths = output_paths(inputs, out, fmt)
    folder_mode = len(paths) != 1 or paths[0].parent != Path(out).parent or Path(out).is_dir()
    if folder_mode:
        Path(out).mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        _ensure_gui_for_printing()
        from viewer.ui.summary_printing import write_pdf
    taken: set[Path] = set()
    failed = 0
    for number, (source, path) in enumerate(zip(inputs, paths), start=1):
        prefix = f"[{number}/{len(inputs)}] {source}"
        try:
            inspection = load_inspection(source)
        except LoadError as err:
            failed += 1
            stream.write(f"{prefix}: FAILED - {err.place + ': ' if err.place else ''}{err.message}\n")
            continue
        if folder_mode:
            path = path.with_name(f"{_slug(inspection.unit.name)}.{fmt}")
        path = _unique(path, taken)
        summary = build_summary(inspection, assess(inspection, load_framework(inspection.framework_id)),
                                Path(source).name)
        try:
            if fmt == "pdf":
                pages = write_pdf(summary, path, paper)
                done = f"{pages} page{'s' if pages != 1 else ''}"
            else:
                write_text_atomically(path, summary_html(summary, standalone=True))
                done = "HTML"
        except OSError as exc:
            failed += 1
            stream.write(f"{prefix}: FAILED - cannot write {path}: {exc.strerror or exc}\n")
            continue
        stream.write(f"{prefix} -> {path} ({done})\n")
        stream.flush()
    stream.write(f"{len(inputs) - failed} written, {failed} failed\n")
    return 1 if failed else 0
