"""Open whatever a person points at: an inspection file, a workbook, a published report, or a folder.

The kind is decided by content as well as by name, so a report saved as ``.txt`` that is really
HTML, or an inspection file without the ``.json`` ending, still opens the right way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from viewer.formats.errors import UnreadableFileError
from viewer.model.inspection import Inspection

INSPECTION_SUFFIXES = {".json"}
WORKBOOK_SUFFIXES = {".xlsx", ".ods"}
REPORT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}
OPENABLE_SUFFIXES = INSPECTION_SUFFIXES | WORKBOOK_SUFFIXES | REPORT_SUFFIXES
CSV_BOOK_MARKER = "inspections.csv"  # a folder of CSV tables is one workbook


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return b""  # the loader that is chosen reports why the file cannot be read


def load_any(path: str | os.PathLike, found: list[str] | None = None) -> list[Inspection]:
    """Every inspection in ``path``. Raises only :class:`LoadError` subclasses.

    For a published report, what the importer found is appended to ``found`` when given (what it did
    not find is in the inspection's warnings). Only the reader that is needed is imported: checking
    inspection files never loads pandas.
    """
    path = Path(path)
    if path.is_dir():
        if not (path / CSV_BOOK_MARKER).is_file():
            raise UnreadableFileError(str(path), "this is a folder; use File ▸ Open Folder… to open everything in it")
        return _workbook(path)
    suffix, head = path.suffix.lower(), _head(path)
    if suffix in WORKBOOK_SUFFIXES or head.startswith(b"PK\x03\x04"):  # .xlsx and .ods are zip files
        return _workbook(path)
    if suffix == ".csv":
        return _workbook(path.parent)
    if suffix in INSPECTION_SUFFIXES or head.startswith(b"{"):
        from viewer.formats.inspection_file import load_inspection

        return [load_inspection(path)]
    from viewer.formats.published_report.importer import import_report

    result = import_report(path)
    if found is not None:
        found.extend(result.found)
    return [result.inspection]


def _workbook(path: Path) -> list[Inspection]:
    from viewer.formats.workbook import read_workbook

    return read_workbook(path)


def discover(folder: str | os.PathLike) -> Iterator[Path]:
    """The openable files under ``folder``, in a stable order; a folder of CSV tables counts as one workbook."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if CSV_BOOK_MARKER in files:
            yield Path(root)
            dirs[:] = []  # the tables belong to that workbook
            continue
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in OPENABLE_SUFFIXES:
                yield Path(root) / name


def expand(paths: list[str]) -> list[str]:
    """Command-line arguments with each folder replaced by the files under it."""
    out: list[str] = []
    for arg in paths:
        if Path(arg).is_dir() and not (Path(arg) / CSV_BOOK_MARKER).is_file():
            out.extend(str(p) for p in discover(arg))
        else:
            out.append(arg)
    return out

