"""Open these paths: decide each one's kind once, read it, apply its framework's rules, and say what
happened — the inspections opened, the files that failed and why, what the importer found in a
published report, and the files a folder held that no reader takes.

The window (in its background worker too), ``check``, ``summary`` and ``convert`` all open files here.
No Qt: scripts can use it as they are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.formats.errors import LoadError, UnreadableFileError
from viewer.formats.kinds import discover, is_csv_book, kind_of, read_path
from viewer.model.framework import FrameworkError, load_framework
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, assess
from viewer.workspace.collector import collector_paused

EMPTY_FOLDER = "no inspection files, workbooks or reports in this folder"


@dataclass(frozen=True)
class OpenedInspection:
    """One inspection open: the file it came from, its part of a workbook, and its framework's verdict."""

    file: str  # the path as given
    part: str  # the inspection's id in a workbook of several; "" for a file of one
    kind: str  # the FileKind's name
    inspection: Inspection
    assessment: Assessment

    @property
    def key(self) -> tuple[str, str]:
        """What identifies it: opening the same file (and part) again replaces it."""
        return str(Path(self.file).resolve()), self.part

    @property
    def shown_path(self) -> str:
        """The path as people read it, with the workbook part: ``book.xlsx#hertfordshire-pdu-2024-07``."""
        return f"{self.file}#{self.part}" if self.part else self.file


@dataclass(frozen=True)
class ImportNotes:
    """What the importer read from a published report, and what the report did not give."""

    file: str
    unit: str
    found: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass
class OpenResult:
    opened: list[OpenedInspection] = field(default_factory=list)
    failed: list[LoadError] = field(default_factory=list)
    notes: list[ImportNotes] = field(default_factory=list)
    passed_over: list[str] = field(default_factory=list)  # files in a folder that no reader takes

    def extend(self, other: OpenResult) -> None:
        self.opened += other.opened
        self.failed += other.failed
        self.notes += other.notes
        self.passed_over += other.passed_over


def _assess(inspection: Inspection) -> Assessment:
    return assess(inspection, load_framework(inspection.framework_id))


def open_file(path: str | os.PathLike) -> OpenResult:
    """Open one file (or one folder of CSV tables). Never raises for a bad file: it is in ``failed``."""
    result = OpenResult()
    source = str(path)
    try:
        kind, loaded = read_path(path)
        many = len(loaded.inspections) > 1
        for inspection in loaded.inspections:
            part = (inspection.source_part or "") if many else ""
            result.opened.append(OpenedInspection(source, part, kind.name, inspection, _assess(inspection)))
    except LoadError as error:
        result.failed.append(error)
        return result
    except FrameworkError as error:  # a framework file shipped with the viewer is broken
        result.failed.append(LoadError(source, str(error)))
        return result
    if loaded.found or loaded.missing:
        unit = loaded.inspections[0].unit.shown_name if loaded.inspections else ""
        result.notes.append(ImportNotes(source, unit, loaded.found, loaded.missing))
    return result


def files_to_open(paths: Iterable[str | os.PathLike]) -> tuple[list[str], OpenResult]:
    """Each path, with every folder replaced by the files under it (a folder of CSV tables stays one
    workbook). The result holds an empty folder as a failure and the files no reader takes."""
    files: list[str] = []
    result = OpenResult()
    for path in paths:
        folder = Path(path)
        if not folder.is_dir() or is_csv_book(folder):
            files.append(str(path))
            continue
        found, passed = discover(folder)
        if not found:
            result.failed.append(UnreadableFileError(str(path), EMPTY_FOLDER))
        files += [str(p) for p in found]
        result.passed_over += [str(p) for p in passed]
    return files, result


def open_paths(paths: Iterable[str | os.PathLike], cancelled: Callable[[], bool] = lambda: False,
               on_file: Callable[[int, int, str, OpenResult], None] | None = None) -> OpenResult:
    """Open files and folders in order and return everything that happened. ``cancelled`` is asked before
    each file. ``on_file(done, total, path, result)`` hears each file's result as it comes (the window's
    worker hands batches on from there), and first, with ``done`` 0, what expanding the folders gave."""
    files, result = files_to_open(paths)
    if on_file is not None and (result.failed or result.passed_over):
        on_file(0, len(files), "", result)
    with collector_paused():  # see collector: thousands of inspections are hundreds of thousands of objects
        for done, path in enumerate(files, start=1):
            if cancelled():
                break
            one = open_file(path)
            result.extend(one)
            if on_file is not None:
                on_file(done, len(files), path, one)
    return result


def needs_background(path: str | os.PathLike) -> bool:
    """True for what takes more than a blink to open (a folder, a PDF report): the window opens it off
    the GUI thread."""
    folder = Path(path)
    if folder.is_dir():
        return not is_csv_book(folder)
    try:
        return kind_of(path).background
    except LoadError:
        return False
