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
from functools import lru_cache
from pathlib import Path

from viewer.formats.errors import LoadError, NotInspectorateTextError, UnreadableFileError
from viewer.formats.kinds import discover, is_csv_book, kind_of, read_path
from viewer.model.framework import FrameworkError, load_framework
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, assess
from viewer.workspace.collector import collector_paused
from viewer.workspace.crash_log import crash_message, log_crash

EMPTY_FOLDER = "no inspection files, workbooks or reports in this folder"
# A file larger than this opens off the GUI thread whatever its kind: a workbook of 1,000 inspections (4.5 MB)
# takes 1.7 s to read, one of 50 (about 250 KB) a tenth of a second; an inspection file this size, 10 ms.
BACKGROUND_BYTES = 256 * 1024


@dataclass(frozen=True)
class OpenedInspection:
    """One inspection open: the file it came from, its part of a workbook, and its framework's verdict."""

    file: str  # the path as given
    part: str  # the inspection's id in a workbook of several; "" for a file of one
    kind: str  # the FileKind's name
    inspection: Inspection
    assessment: Assessment
    # What identifies it: opening the same file (and part) again replaces it. Worked out once, where the
    # file is opened (the window's worker thread), not each time the list of open inspections looks.
    key: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (resolved(self.file), self.part))

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


@lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def resolved(file: str) -> str:
    """The file's absolute path with every link resolved, as ``Path.resolve`` gives it, but with its folder
    resolved once for all the files in it (a thousand realpath calls took 0.1 s)."""
    path = os.path.abspath(file)
    if os.path.islink(path):
        return os.path.realpath(path)
    folder, name = os.path.split(path)
    return os.path.join(_real_folder(folder), name)


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
    except OSError as error:  # the file system refused (a name too long, a vanished disk): not the viewer's fault
        result.failed.append(UnreadableFileError(source, f"could not be read: {error.strerror or error}"))
        return result
    except Exception as error:  # noqa: BLE001 (a bug in a reader or in the rules: this file fails, the rest open)
        result.failed.append(unexpected_failure(source, error))
        return result
    if loaded.found or loaded.missing:
        unit = loaded.inspections[0].unit.shown_name if loaded.inspections else ""
        result.notes.append(ImportNotes(source, unit, loaded.found, loaded.missing))
    return result


def unexpected_failure(path: str, error: Exception) -> LoadError:
    """A bug met while opening ``path``: logged with its traceback, and reported as that file's failure."""
    return LoadError(path, crash_message(error, log_crash(error, f"opening {path}")))


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a loop of links: not a folder; reading it says why
        return False


def files_to_open(paths: Iterable[str | os.PathLike]) -> tuple[list[str], OpenResult, dict[str, str]]:
    """Each path, with every folder replaced by the files under it (a folder of CSV tables stays one
    workbook); the result holds the files no reader takes; and, for each file found in a folder rather
    than named, that folder."""
    files: list[str] = []
    folder_of: dict[str, str] = {}
    result = OpenResult()
    for path in paths:
        folder = Path(path)
        if not _is_folder(folder) or is_csv_book(folder):
            files.append(str(path))
            continue
        found, passed = discover(folder)
        files += [str(p) for p in found]
        folder_of.update((str(p), str(path)) for p in found)
        result.passed_over += [str(p) for p in passed]
        if not found:
            result.failed.append(_nothing_in(str(path), len(passed)))
    return files, result, folder_of


def _nothing_in(folder: str, passed: int) -> LoadError:
    also = f" ({passed} other file{'s' if passed != 1 else ''} passed over)" if passed else ""
    return UnreadableFileError(folder, EMPTY_FOLDER + also)


def open_paths(paths: Iterable[str | os.PathLike], cancelled: Callable[[], bool] = lambda: False,
               on_file: Callable[[int, int, str, OpenResult], None] | None = None) -> OpenResult:
    """Open files and folders in order and return everything that happened. ``cancelled`` is asked before
    each file. ``on_file(done, total, path, result)`` hears each file's result as it comes (the window's
    worker hands batches on from there), first, with ``done`` 0, what expanding the folders gave, and last,
    with ``done`` equal to the total and no path, any folder that held nothing to open."""
    files, result, folder_of = files_to_open(paths)
    if on_file is not None and (result.failed or result.passed_over):
        on_file(0, len(files), "", result)
    useful: set[str] = set()  # folders that gave an inspection or a real failure
    finished = True
    with collector_paused():  # see collector: thousands of inspections are hundreds of thousands of objects
        for done, path in enumerate(files, start=1):
            if cancelled():
                finished = False
                break
            one = open_file(path)
            if path in folder_of and any(isinstance(e, NotInspectorateTextError) for e in one.failed):
                one = OpenResult(passed_over=[path])  # a README or a picture beside the reports: listed, not an error
            elif path in folder_of:
                useful.add(folder_of[path])
            result.extend(one)
            if on_file is not None:
                on_file(done, len(files), path, one)
    empty = sorted(set(folder_of.values()) - useful) if finished else []
    if empty:
        last = OpenResult(failed=[_nothing_in(folder, sum(folder_of.get(p) == folder for p in result.passed_over))
                                  for folder in empty])
        result.extend(last)
        if on_file is not None:
            on_file(len(files), len(files), "", last)
    return result


def needs_background(path: str | os.PathLike) -> bool:
    """True for what may take more than a blink to open, which the window opens off the GUI thread: a
    folder (of files, or of CSV tables), a PDF report, and any file over ``BACKGROUND_BYTES``."""
    if _is_folder(Path(path)):
        return True
    try:
        return kind_of(path).background or os.path.getsize(path) > BACKGROUND_BYTES
    except Exception:  # noqa: BLE001 (missing, unreadable, even a bug in sniffing: opened at once, which says why)
        return False
