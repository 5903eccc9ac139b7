"""Reading a workbook: its six tables from an .xlsx or .ods file (python-calamine) or from a folder of
CSV files (the standard library's csv module), then into inspections (``workbook.book``).

The sheets and their columns are defined in ``workbook.layout`` and explained in the README sheet of
every written workbook. No pandas: a table is a list of columns of cells, which is all the checks need.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from viewer.formats.errors import LoadError, UnreadableFileError
from viewer.formats.files import size_text
from viewer.formats.workbook.book import BookReader, Columns, WorkbookError, sheet_key
from viewer.formats.workbook.cells import unguard_csv_text
from viewer.formats.workbook.layout import SHEET_NAMES
from viewer.model.inspection import Inspection

# 1,000 inspections are a 4.5 MB .xlsx; refuse far more than anyone keeps in one workbook, and zip bombs,
# before the reader inflates them.
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1_000_000_000
# The largest sheet first: its cells are in memory twice (the engine's and Python's) while it loads, and
# the peak is lowest when nothing else is in memory yet.
_LOAD_ORDER = ("figures", "standards", "service_gaps", "key_questions", "recommendations", "inspections")


def read_workbook(path: str | os.PathLike) -> list[Inspection]:
    """Read every inspection of a workbook, in the order of the sheet 'inspections'.

    ``path`` is an .xlsx or .ods file, a folder of CSV files, or any one of that folder's six CSV
    files (which stands for the folder). Raises only :class:`LoadError` subclasses.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.stem.lower() in SHEET_NAMES and path.is_file():
        path = path.parent
    if path.is_dir():
        tables = csv_tables(path)
        where = {name: f"file '{name}.csv'" for name in SHEET_NAMES}
    else:
        tables = spreadsheet_tables(path)
        where = {name: f"sheet '{name}'" for name in SHEET_NAMES}
    return BookReader(str(path), where).read(tables)


def _check_spreadsheet_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFileError(str(path), "file not found") from None
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if size > MAX_WORKBOOK_BYTES:
        raise UnreadableFileError(str(path), f"file is {size_text(size)}; workbooks are limited to "
                                             f"{size_text(MAX_WORKBOOK_BYTES)}")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFileError(str(path), "not an .xlsx or .ods workbook (the file is not a zip archive); "
                                             "old .xls files must be saved as .xlsx first") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(str(path), f"the workbook unpacks to {unpacked / 1e9:.1f} GB; workbooks are "
                                             f"limited to {MAX_UNPACKED_BYTES / 1e9:.0f} GB unpacked")


def missing_tables(path: Path, found: Sequence[str], where: str) -> None:
    missing = [name for name in SHEET_NAMES if name not in found]
    if missing:
        also = f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""
        if where == "sheet":
            raise WorkbookError(str(path), f"the sheet is missing{also}; a workbook has the sheets "
                                           f"{', '.join(SHEET_NAMES)}", f"sheet '{missing[0]}'")
        raise WorkbookError(str(path), f"the file is missing{also}; a CSV workbook is a folder with the files "
                                       f"{', '.join(n + '.csv' for n in SHEET_NAMES)}", f"file '{missing[0]}.csv'")


def _as_columns(rows: list[list]) -> Columns:
    """Rows (of any lengths) as columns of equal length, short rows filled with empty cells."""
    width = max(map(len, rows), default=0)
    if any(len(row) != width for row in rows):
        rows = [row + [""] * (width - len(row)) for row in rows]
    return [list(column) for column in zip(*rows)]


def spreadsheet_tables(path: Path) -> dict[str, Columns]:
    """Every sheet of an .xlsx or .ods file, column by column, read with python-calamine (the fastest and
    leanest reader measured: see bench/workbook_io.py)."""
    _check_spreadsheet_file(path)
    tables: dict[str, Columns] = {}
    try:
        from python_calamine import CalamineWorkbook

        with CalamineWorkbook.from_path(str(path)) as book:
            names = {sheet_key(name): name for name in book.sheet_names}
            missing_tables(path, list(names), "sheet")
            for name in _LOAD_ORDER:
                rows = book.get_sheet_by_name(names[name]).to_python(skip_empty_area=False)
                tables[name] = _as_columns(rows)
                del rows  # one sheet's rows in memory at a time
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - the engine raises zip, XML and its own errors: all mean unreadable
        raise UnreadableFileError(str(path), f"cannot be read as a {path.suffix} workbook ({exc})") from None
    return tables


def _csv_files(folder: Path) -> dict[str, Path]:
    try:
        return {p.name.lower(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    except OSError:
        return {}


def csv_tables(folder: Path) -> dict[str, Columns]:
    """The six CSV files of a folder, column by column (UTF-8; comma or, as Excel writes in some locales,
    semicolon separated)."""
    files = _csv_files(folder)
    missing_tables(folder, [name[:-4] for name in files], "file")
    size = sum(files[f"{name}.csv"].stat().st_size for name in SHEET_NAMES)
    if size > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(str(folder), f"the CSV files hold {size / 1e9:.1f} GB; CSV workbooks are limited "
                                               f"to {MAX_UNPACKED_BYTES / 1e9:.0f} GB")
    tables: dict[str, Columns] = {}
    for name in SHEET_NAMES:
        where = f"file '{name}.csv'"
        try:
            text = files[f"{name}.csv"].read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFileError(str(folder), "not UTF-8 text; in Excel save as 'CSV UTF-8 (Comma delimited)'",
                                      where) from None
        except OSError as exc:
            raise UnreadableFileError(str(folder), f"cannot be read ({exc.strerror or exc})", where) from None
        first_line = text.split("\n", 1)[0]
        separator = ";" if ";" in first_line and "," not in first_line else ","
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
        except csv.Error as exc:
            raise WorkbookError(str(folder), f"not a valid CSV table ({exc})", where) from None
        tables[name] = [[unguard_csv_text(v) if v[:1] == "'" else v for v in column]
                        for column in _as_columns(rows)]
    return tables
