"""Every kind of file the viewer opens or writes, in one table.

The Open and Save dialogs' filters, folder discovery, ``convert``'s outputs and the workspace all read
this table, so adding a kind is one row. A kind is decided once per path: by content first (a PDF
saved as ``.txt`` is a PDF, an HTML page saved as ``.txt`` is a web page, a zip is a workbook), then by
the name. Readers are imported only when a file of their kind is read: checking inspection files never
loads pandas or the PDF reader.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from viewer.formats.errors import READS, NotInspectorateTextError, UnreadableFileError
from viewer.model.inspection import Inspection

CSV_BOOK_MARKER = "inspections.csv"  # a folder holding this file is one workbook of CSV tables
HEAD_BYTES = 4096


@dataclass(frozen=True)
class Loaded:
    """What one file held: its inspections, and for a published report what the importer found and missed."""

    inspections: list[Inspection]
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileKind:
    name: str  # what people call it: "inspection file", "Excel workbook", "published report (PDF)"
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the one written
    read: Callable[[Path], Loaded] | None = None  # None: recognised only to be refused with ``refusal``
    write: Callable[[Sequence[Inspection], Path], None] | None = None
    many: bool = False  # the writer takes many inspections (a workbook), not exactly one
    background: bool = False  # slow to read (seconds): the window reads it off the GUI thread
    folder: bool = False  # the "file" is a folder (CSV tables)
    refusal: str = ""  # the message for a kind the viewer recognises but does not read
    sniff: Callable[[bytes], bool] = field(default=lambda head: False)  # recognised by its first bytes

    @property
    def dialog_filter(self) -> str:
        """"Inspection file (*.json)": one entry of a file dialog's filter list."""
        return f"{self.name[:1].upper()}{self.name[1:]} ({' '.join('*' + s for s in self.suffixes)})"


# ---- readers and writers, imported when first used ---------------------------------------------------

def _read_inspection_file(path: Path) -> Loaded:
    from viewer.formats.inspection_file import load_inspection

    return Loaded([load_inspection(path)])


def _write_inspection_file(inspections: Sequence[Inspection], path: Path) -> None:
    from viewer.formats.inspection_file import save_inspection

    [inspection] = inspections
    save_inspection(inspection, path)


def _read_workbook(path: Path) -> Loaded:
    from viewer.formats.workbook import read_workbook

    return Loaded(read_workbook(path))


def _write_workbook(inspections: Sequence[Inspection], path: Path) -> None:
    from viewer.formats.workbook import write_workbook

    write_workbook(inspections, path)


def _read_published_report(path: Path) -> Loaded:
    from viewer.formats.published_report import import_report

    result = import_report(path)
    return Loaded([result.inspection], result.found, result.missing)


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_ods(head: bytes) -> bool:
    return _is_zip(head) and b"application/vnd.oasis.opendocument.spreadsheet" in head[:200]


def _is_json(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def _is_html(head: bytes) -> bool:
    from viewer.formats.published_report.decode import looks_like_html

    return looks_like_html(head)


def _is_picture(head: bytes) -> bool:
    return head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")) or \
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _is_word(head: bytes) -> bool:
    return head.startswith(b"\xd0\xcf\x11\xe0") or (_is_zip(head) and b"word/" in head[:HEAD_BYTES])


INSPECTION_FILE = FileKind("inspection file", (".json",), _read_inspection_file, _write_inspection_file,
                           sniff=_is_json)
XLSX = FileKind("Excel workbook", (".xlsx",), _read_workbook, _write_workbook, many=True,
                sniff=lambda head: _is_zip(head) and not _is_ods(head) and not _is_word(head))
ODS = FileKind("OpenDocument spreadsheet", (".ods",), _read_workbook, _write_workbook, many=True, sniff=_is_ods)
CSV_TABLES = FileKind("folder of CSV tables", (".csv",), _read_workbook, _write_workbook, many=True, folder=True)
REPORT_PDF = FileKind("published report (PDF)", (".pdf",), _read_published_report, background=True, sniff=_is_pdf)
REPORT_HTML = FileKind("published report (web page)", (".html", ".htm", ".xhtml"), _read_published_report,
                       sniff=_is_html)
REPORT_TEXT = FileKind("published report (text)", (".txt", ".md", ".markdown", ".text"), _read_published_report)
WORD = FileKind("Word document", (".docx", ".doc", ".odt", ".rtf"), sniff=_is_word,
                refusal="Word documents are not read: save the report as PDF, web page or text")
PICTURE = FileKind("picture", (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), sniff=_is_picture,
                   refusal=f"pictures are not read. The viewer reads {READS}")

# In the order the content is tested: specific signatures before loose ones.
KINDS: tuple[FileKind, ...] = (REPORT_PDF, WORD, PICTURE, ODS, XLSX, INSPECTION_FILE, REPORT_HTML, REPORT_TEXT,
                               CSV_TABLES)
OPENABLE = tuple(k for k in KINDS if k.read is not None)
WRITABLE = tuple(k for k in KINDS if k.write is not None)


def head_of(path: Path) -> bytes:
    """The first bytes of a regular file (b"" for anything else: its reader says why it cannot be read)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return b""


def _check_folder_listable(folder: Path) -> None:
    """A folder whose files cannot be listed (permission denied) is named as such, wherever it is met."""
    try:
        with os.scandir(folder):
            pass
    except PermissionError:
        raise UnreadableFileError(str(folder), "permission denied: the folder cannot be read, so the files in it "
                                               "cannot be opened") from None
    except OSError as exc:
        raise UnreadableFileError(str(folder), f"the folder cannot be read ({exc.strerror or exc})") from None


def is_csv_book(folder: Path) -> bool:
    try:
        return (folder / CSV_BOOK_MARKER).is_file()
    except OSError:
        return False


def kind_of(path: str | os.PathLike) -> FileKind:
    """The kind of ``path``: content first, then the name; a text of unknown name is offered to the
    published-report importer, which refuses what is not an inspectorate text."""
    path = Path(path)
    if path.is_dir():
        if is_csv_book(path):
            return CSV_TABLES
        _check_folder_listable(path)
        raise UnreadableFileError(str(path), "this is a folder: open it with File ▸ Open Folder… "
                                             "(or give it to the command line, which opens everything in it)")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return CSV_TABLES
    head = head_of(path)
    for kind in KINDS:
        if kind.sniff(head):
            return kind
    by_name = next((k for k in KINDS if suffix in k.suffixes), None)
    if by_name is not None:
        return by_name
    return INSPECTION_FILE if not head else REPORT_TEXT


def read_path(path: str | os.PathLike) -> tuple[FileKind, Loaded]:
    """Read any openable path. Raises only :class:`~viewer.formats.errors.LoadError` subclasses."""
    path = Path(path)
    kind = kind_of(path)
    if kind.read is None:
        raise NotInspectorateTextError(str(path), kind.refusal)
    if kind is CSV_TABLES and not path.is_dir():
        path = path.parent  # any one of the tables stands for its folder
    return kind, kind.read(path)


def writer_for(target: str | os.PathLike, csv: bool = False) -> FileKind | None:
    """The kind ``target`` is written as: by its suffix, or a folder of CSV tables with ``csv``."""
    if csv:
        return CSV_TABLES
    suffix = Path(target).suffix.lower()
    return next((k for k in WRITABLE if not k.folder and suffix in k.suffixes), None)


def files_read(paths: Sequence[str | os.PathLike]) -> set[Path]:
    """Every file that opening ``paths`` may read, resolved: a file itself, every table of a folder of CSV
    tables (one table stands for its folder), every file under a folder. What a command writes is checked
    against these, so that it never writes over one of its inputs."""
    read: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.suffix.lower() == ".csv" and not path.is_dir():
            path = path.parent
        if not path.is_dir():
            read.add(path.resolve())
            continue
        for root, _dirs, files in os.walk(path):
            read.update(Path(root, name).resolve() for name in files)
    return read


def files_written(kind: FileKind, target: str | os.PathLike) -> list[Path]:
    """Every file writing ``kind`` to ``target`` writes: the file itself, or for a folder of CSV tables one
    table per sheet and its README."""
    target = Path(target)
    if not kind.folder:
        return [target]
    from viewer.formats.workbook.layout import SHEET_NAMES

    return [target / f"{name}.csv" for name in SHEET_NAMES] + [target / "README.txt"]


def discover(folder: str | os.PathLike) -> tuple[list[Path], list[Path]]:
    """The openable files under ``folder`` in a stable order (a folder of CSV tables counts as one
    workbook), and the files passed over because no reader takes them. Hidden files are left out.

    A folder (``folder`` itself or one under it) that cannot be listed is among the files found, in its
    place: opening it says why it cannot be read (``read_path``), so it is reported, never skipped."""
    found: list[Path] = []
    passed: list[Path] = []
    suffixes = {s for k in OPENABLE if not k.folder for s in k.suffixes}
    for root, dirs, files in os.walk(folder, onerror=lambda error: found.append(Path(error.filename))):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if CSV_BOOK_MARKER in files:
            found.append(Path(root))
            dirs[:] = []  # the tables belong to that workbook
            continue
        for name in sorted(files):
            if name.startswith("."):
                continue
            (found if Path(name).suffix.lower() in suffixes else passed).append(Path(root) / name)
    return found, passed


def open_filter() -> str:
    """The Open dialog's filters: everything openable, then each kind, then all files."""
    patterns = " ".join(f"*{s}" for k in OPENABLE for s in k.suffixes)
    return ";;".join([f"Inspections, workbooks and reports ({patterns})"]
                     + [k.dialog_filter for k in OPENABLE if not k.folder] + ["All files (*)"])


def save_filters() -> dict[str, FileKind]:
    """The Save As dialog's filters (one inspection: an inspection file or a one-inspection workbook)."""
    return {k.dialog_filter: k for k in WRITABLE if not k.folder}
