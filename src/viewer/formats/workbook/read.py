"""Reading a workbook: its six tables from an .xlsx or .ods file (python-calamine) or from a folder of
CSV files (the standard library's csv module), then into inspections (``workbook.book``).

The sheets and their columns are defined in ``workbook.layout`` and explained in the README sheet of
every written workbook. No pandas: a table is a list of columns of cells, which is all the checks need.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from viewer.formats.errors import LoadError, UnreadableFileError
from viewer.formats.files import size_text
from viewer.formats.workbook import limits
from viewer.formats.workbook.book import BookReader, Columns, WorkbookError, sheet_key
from viewer.formats.workbook.cells import unguard_csv_text
from viewer.formats.workbook.layout import OPTIONAL_SHEETS, SHEET, SHEET_NAMES
from viewer.formats.workbook.limits import MAX_CELL_CHARS, MAX_CSV_BYTES
from viewer.formats.workbook.scan_ods import check_ods
from viewer.formats.workbook.scan_xlsx import check_xlsx
from viewer.model.inspection import Inspection

# 1,000 inspections are a 4.5 MB .xlsx; refuse far more than anyone keeps in one workbook, and zip bombs,
# before the reader inflates them.
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1_000_000_000
# The largest sheet first: its cells are in memory twice (the engine's and Python's) while it loads, and
# the peak is lowest when nothing else is in memory yet.
_LOAD_ORDER = ("figures", "standards", "service_gaps", "key_questions", "recommendations", "sources", "quotes",
               "inspections")
REQUIRED_SHEETS = tuple(name for name in SHEET_NAMES if name not in OPTIONAL_SHEETS)


def read_workbook(path: str | os.PathLike) -> list[Inspection]:
    """Read every inspection of a workbook, in the order of the sheet 'inspections'.

    ``path`` is an .xlsx or .ods file, a folder of CSV files, or any one of that folder's six CSV
    files (which stands for the folder). Raises only :class:`LoadError` subclasses.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.stem.lower() in SHEET_NAMES and path.is_file():
        path = path.parent
    with _no_cycle_collection():
        if path.is_dir():
            tables = csv_tables(path)
            where = {name: f"file '{name}.csv'" for name in SHEET_NAMES}
        else:
            tables = spreadsheet_tables(path)
            where = {name: f"sheet '{name}'" for name in SHEET_NAMES}
        return BookReader(str(path), where).read(tables)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a workbook loads: the million cells, lists and records it makes
    hold no cycles, and the collector's passes over them were a quarter of the time (0.5 s of 2.0 s for
    1,000 inspections). Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _open_archive(path: Path) -> zipfile.ZipFile:
    """The workbook's zip archive, once its size and its unpacked size are known to be within the limits."""
    source = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(source, "not a regular file (a pipe, socket or device); only files are read")
        if info.st_size > MAX_WORKBOOK_BYTES:
            raise UnreadableFileError(source, f"file is {size_text(info.st_size)}; workbooks are limited to "
                                              f"{size_text(MAX_WORKBOOK_BYTES)}")
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UnreadableFileError(source, "file not found") from None
    except PermissionError:
        raise UnreadableFileError(source, "permission denied: the file cannot be read") from None
    except zipfile.BadZipFile:
        raise UnreadableFileError(source, "not an .xlsx or .ods workbook (the file is not a zip archive); "
                                          "old .xls files must be saved as .xlsx first") from None
    except OSError as exc:
        raise UnreadableFileError(source, f"cannot be read ({exc.strerror or exc})") from None
    names = archive.namelist()
    if len(names) != len(set(names)):  # readers differ on which of two entries of one name they read
        archive.close()
        twice = next(name for name in names if names.count(name) > 1)
        raise UnreadableFileError(source, f"the archive is damaged (it holds two entries named {twice})")
    unpacked = sum(item.file_size for item in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        archive.close()
        raise UnreadableFileError(source, f"the workbook unpacks to {unpacked / 1e9:.1f} GB; workbooks are "
                                          f"limited to {MAX_UNPACKED_BYTES / 1e9:.0f} GB unpacked")
    return archive


def missing_tables(path: Path, found: Sequence[str], where: str) -> None:
    missing = [name for name in REQUIRED_SHEETS if name not in found]
    if missing:
        also = f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""
        if where == "sheet":
            raise WorkbookError(str(path), f"the sheet is missing{also}; a workbook has the sheets "
                                           f"{', '.join(REQUIRED_SHEETS)}", f"sheet '{missing[0]}'")
        raise WorkbookError(str(path), f"the file is missing{also}; a CSV workbook is a folder with the files "
                                       f"{', '.join(n + '.csv' for n in REQUIRED_SHEETS)}", f"file '{missing[0]}.csv'")


def empty_table(name: str) -> Columns:
    """An optional sheet the workbook does not have (it was written before the sheet existed): its header
    row only, so it reads as no rows."""
    return [(column,) for column in SHEET[name].column_names]


def _as_columns(rows: list[list]) -> Columns:
    """Rows (of any lengths) as columns of equal length, short rows filled with empty cells."""
    width = max(map(len, rows), default=0)
    if any(len(row) != width for row in rows):
        rows = [row + [""] * (width - len(row)) for row in rows]
    return list(zip(*rows))


def spreadsheet_tables(path: Path) -> dict[str, Columns]:
    """Every sheet of an .xlsx or .ods file, column by column, read with python-calamine (the fastest and
    leanest reader measured: see bench/workbook_io.py) once ``workbook.scan`` has checked that the sheets are
    within the limits: the engine allocates every cell of a sheet's extent before it returns a row."""
    with _open_archive(path) as archive:
        names = set(archive.namelist())
        if "xl/workbook.bin" in names:
            raise UnreadableFileError(str(path), "an Excel binary workbook (.xlsb); save it as .xlsx first")
        # By content, not by name: the engine picks its reader by the suffix, or tries each for another
        # name, so every format the archive could be read as is checked.
        checks = ([check_xlsx] if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names) else []) + \
                 ([check_ods] if "content.xml" in names else [])
        if not checks:
            raise UnreadableFileError(str(path), f"cannot be read as a {path.suffix} workbook (it holds neither "
                                                 "xl/workbook.xml, as an .xlsx does, nor content.xml, as an .ods does)")
        try:
            for check in checks:
                check(archive, str(path))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise UnreadableFileError(str(path), f"cannot be read as a {path.suffix} workbook ({exc})") from None
    tables: dict[str, Columns] = {}
    try:
        from python_calamine import CalamineWorkbook

        with CalamineWorkbook.from_path(str(path)) as book:
            names = {sheet_key(name): name for name in book.sheet_names}
            missing_tables(path, list(names), "sheet")
            for name in _LOAD_ORDER:
                if name not in names:
                    tables[name] = empty_table(name)
                    continue
                rows = book.get_sheet_by_name(names[name]).to_python(skip_empty_area=False)
                tables[name] = list(zip(*rows))  # the engine's rows are all as long as the sheet is wide
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
    semicolon separated), each read as a stream and checked against the limits row by row."""
    files = _csv_files(folder)
    missing_tables(folder, [name[:-4] for name in files], "file")
    return {name: csv_table(folder, files[f"{name}.csv"], f"file '{name}.csv'") if f"{name}.csv" in files
            else empty_table(name) for name in SHEET_NAMES}


def csv_table(folder: Path, file: Path, where: str) -> Columns:
    source = str(folder)
    try:
        size = file.stat().st_size
        if size > MAX_CSV_BYTES:
            raise UnreadableFileError(source, f"the file is {size_text(size)}; a CSV table is limited to "
                                              f"{size_text(MAX_CSV_BYTES)}", where)
        with open(file, "rb") as raw:
            first_line = raw.readline(64 * 1024).decode("utf-8-sig", "replace")
            raw.seek(0)
            separator = ";" if ";" in first_line and "," not in first_line else ","
            rows = _csv_rows(source, where, io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""), separator,
                             size)
    except UnicodeDecodeError:
        raise UnreadableFileError(source, "not UTF-8 text; in Excel save as 'CSV UTF-8 (Comma delimited)'",
                                  where) from None
    except PermissionError:
        raise UnreadableFileError(source, "permission denied: the file cannot be read", where) from None
    except OSError as exc:
        raise UnreadableFileError(source, f"cannot be read ({exc.strerror or exc})", where) from None
    return [[unguard_csv_text(v) if v[:1] == "'" else v for v in column] for column in _as_columns(rows)]


def _csv_rows(source: str, where: str, text: io.TextIOWrapper, separator: str, size: int) -> list[list[str]]:
    """The rows of a CSV file, refused at the first row past a limit: rows, columns, cells, characters."""
    rows: list[list[str]] = []
    width = 0
    cells = limits.area_limit(size)
    reader = csv.reader(text, delimiter=separator, strict=True)
    try:
        for row in reader:
            number = len(rows) + 1
            if len(row) > width:
                width = len(row)
                if width > limits.MAX_COLUMNS:
                    raise WorkbookError(source, limits.column_limit(f"the row has {width:,} cells"),
                                        f"{where}, row {number}")
            if number > limits.MAX_ROWS:
                raise WorkbookError(source, limits.row_limit(f"the file has more than {limits.MAX_ROWS:,} rows"),
                                    f"{where}, row {number}")
            if number * width > cells:
                raise WorkbookError(source, limits.too_many_cells(number, width, size), f"{where}, row {number}")
            if row and max(map(len, row)) > MAX_CELL_CHARS:
                column = next(i for i, v in enumerate(row) if len(v) > MAX_CELL_CHARS)
                raise WorkbookError(source, f"the cell holds {len(row[column]):,} characters; a cell may hold at most "
                                            f"{MAX_CELL_CHARS:,}", f"{where}, row {number}, column {column + 1}")
            rows.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise WorkbookError(source, f"a cell holds more than {csv.field_size_limit():,} characters; a cell may "
                                        f"hold at most {MAX_CELL_CHARS:,}", f"{where}, line {reader.line_num}") from None
        raise WorkbookError(source, f"not a valid CSV table ({exc})", f"{where}, line {reader.line_num}") from None
    return rows
