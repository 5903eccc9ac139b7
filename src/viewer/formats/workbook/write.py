"""Writing workbooks: inspection ids, the rows of every sheet, and the .xlsx, .ods and CSV writers.

:func:`viewer.formats.workbook.write_workbook` is the entry point; it picks the writer by the target's
name and makes the write atomic.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from viewer.formats.files import atomic_path, ordinary_mode, slug
from viewer.formats.workbook.cells import BadCell, cell_text, encode_list, guard_csv_text
from viewer.formats.workbook.layout import FORMAT_VERSION, SHEET, SHEET_NAMES, SHEETS, Column, readme_rows
from viewer.model.fields import INSPECTION_PARTS, KEY_QUESTION, LISTS, PROVENANCE, Record
from viewer.model.inspection import Inspection

Rows = list[list[Any]]  # a sheet's rows of cell values
SPREADSHEET_SUFFIXES = (".xlsx", ".ods")


class WorkbookWriteError(ValueError):
    """An inspection that cannot be written to a workbook (a cell a spreadsheet cannot hold, a bad path)."""


def write_workbook(inspections: Sequence[Inspection], path: str | os.PathLike) -> None:
    """Write inspections to an .xlsx or .ods file, or to a folder of CSV files (any other name).

    Raises :class:`WorkbookWriteError` for text no spreadsheet can hold, and ``OSError`` from the disk.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    tables = book_rows(inspections)
    if suffix in SPREADSHEET_SUFFIXES:
        if target.is_dir():
            raise WorkbookWriteError(f"{target}: is a folder; cannot write a {suffix} workbook there")
        with atomic_path(target) as tmp:
            (_write_xlsx if suffix == ".xlsx" else _write_ods)(tables, tmp)
    elif suffix == ".csv" or (suffix and not target.is_dir()):
        raise WorkbookWriteError(f"{target}: a workbook is an .xlsx or .ods file, or a folder name for CSV files")
    else:
        _write_csv_folder(tables, target)


def inspection_ids(inspections: Sequence[Inspection]) -> list[str]:
    """Ids from unit name and published month ("hertfordshire-pdu-2024-07"), made unique with -2, -3 ..."""
    used: set[str] = set()
    out = []
    for inspection in inspections:
        base = slug(f"{inspection.unit.name or ''} {inspection.report.published or ''}") or "inspection"
        iid, n = base, 1
        while iid in used:
            n += 1
            iid = f"{base}-{n}"
        used.add(iid)
        out.append(iid)
    return out


def _cells(record: Record, item: object) -> dict[str, object]:
    """A record's values by column name."""
    return {f.column_name: getattr(item, f.key) for f in record.fields}


def _sheet_dicts(iid: str, ins: Inspection) -> dict[str, list[dict[str, object]]]:
    """One inspection's rows for each sheet, by column name; what goes in them is ``model.fields``."""
    head = {"id": iid, "format_version": FORMAT_VERSION, "framework": ins.framework_id}
    for record in INSPECTION_PARTS:
        head |= _cells(record, getattr(ins, record.name))
    rows: dict[str, list[dict[str, object]]] = {"inspections": [head]}
    for name, record in LISTS.items():
        if name == "key_questions":  # they belong to a standard
            rows[name] = [{"inspection_id": iid, "standard_code": s.code} | _cells(KEY_QUESTION, q)
                          for s in ins.standards for q in s.key_questions]
        else:
            rows[name] = [{"inspection_id": iid} | _cells(record, item) for item in getattr(ins, name)]
    for name, record in PROVENANCE.items():
        rows[name] = [{"inspection_id": iid} | _cells(record, item) for item in getattr(ins, name)]
    return rows


def _cell_out(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind in ("texts", "ids"):
        return encode_list(tuple(value), column.kind)
    if column.kind == "rating":
        return value.label
    if isinstance(value, float) and not math.isfinite(value):
        raise BadCell(f"{value} is not a number a workbook can hold (NaN or infinite), and the viewer would refuse it")
    return cell_text(value) if isinstance(value, str) else value


def book_rows(inspections: Sequence[Inspection]) -> dict[str, Rows]:
    """Every sheet's data rows (no header) as cell values: text, numbers or None for empty."""
    tables: dict[str, Rows] = {name: [] for name in SHEET_NAMES}
    for iid, inspection in zip(inspection_ids(inspections), inspections):
        for name, dicts in _sheet_dicts(iid, inspection).items():
            columns = SHEET[name].columns
            for row in dicts:
                try:
                    tables[name].append([_cell_out(column, row[column.column_name]) for column in columns])
                except BadCell as bad:
                    bad_column = next(c.column_name for c in columns if _fails(c, row[c.column_name]))
                    place = f"inspection '{iid}', sheet '{name}', column '{bad_column}'"
                    raise WorkbookWriteError(f"{place}: {bad}") from None
    return tables


def _fails(column: Column, value: Any) -> bool:
    try:
        _cell_out(column, value)
    except BadCell:
        return True
    return False


def _write_xlsx(tables: dict[str, Rows], target: Path) -> None:
    """XlsxWriter, with a shared-string table as Excel writes it: smaller files that read twice as fast
    as openpyxl's inline strings, and written several times faster. Text is always text, never a formula."""
    import xlsxwriter
    import xlsxwriter.exceptions

    book = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    try:
        readme = book.add_worksheet("README")
        for column, width in enumerate((24, 24, 10, 90)):
            readme.set_column(column, column, width)
        for n, row in enumerate(readme_rows()):
            _write_row(readme, n, row, bold if n == 0 else None)
        for sheet in SHEETS:
            ws = book.add_worksheet(sheet.name)
            ws.freeze_panes(1, 0)
            for i, column in enumerate(sheet.columns):
                wide = column.kind == "texts" or column.key in ("summary", "statement", "sentence")
                ws.set_column(i, i, 60 if wide else 18)
            _write_row(ws, 0, sheet.column_names, bold)
            for n, row in enumerate(tables[sheet.name], start=1):
                _write_row(ws, n, row)
    finally:
        try:
            book.close()
        except xlsxwriter.exceptions.FileCreateError as exc:  # a full disk, a folder we may not write: the disk's
            raise OSError(str(exc.__cause__ or exc)) from None  # error, said as every other writer says it


def _write_row(ws: Any, row: int, values: Sequence[Any], style: Any = None) -> None:
    for column, value in enumerate(values):
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            ws.write_boolean(row, column, value, style)
        elif isinstance(value, (int, float)):
            ws.write_number(row, column, value, style)
        else:
            ws.write_string(row, column, str(value), style)


_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{_ODS_MIME}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
)
_SPACE_RUN = re.compile(r"^ +| {2,}| +$")


def _ods_spaces(match: re.Match[str]) -> str:
    """ODF collapses spaces: keep leading, trailing and repeated ones as <text:s/>."""
    run = match.group()
    if match.start() == 0 or match.end() == len(match.string):
        return f'<text:s text:c="{len(run)}"/>'
    return f' <text:s text:c="{len(run) - 1}"/>'


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, str):
        lines = "".join(f"<text:p>{_SPACE_RUN.sub(_ods_spaces, escape(line))}</text:p>" for line in value.split("\n"))
        return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'
    if isinstance(value, bool):  # before numbers: a bool is an int to Python
        word = "true" if value else "false"
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{word}"><text:p>{word.upper()}'
                "</text:p></table:table-cell>")
    number = repr(value)
    return (f'<table:table-cell office:value-type="float" office:value="{number}"><text:p>{number}</text:p>'
            "</table:table-cell>")


def _write_ods(tables: dict[str, Rows], target: Path) -> None:
    """OpenDocument written as a stream: odfpy (and pandas, which uses it) builds the whole document as Python
    objects first, which took 21 s and 600 MB for 100 inspections. Lines are paragraphs, as LibreOffice
    writes them, so line breaks survive a round trip through LibreOffice."""
    sheets = [("README", readme_rows())] + [(s.name, [list(s.column_names), *tables[s.name]]) for s in SHEETS]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _ODS_MIME, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        head, tail = _ODS_CONTENT.split("{tables}")
        with archive.open("content.xml", "w", force_zip64=True) as raw, \
                io.TextIOWrapper(raw, encoding="utf-8") as content:
            content.write(head)
            for name, rows in sheets:
                content.write(f'<table:table table:name="{escape(name)}">')
                content.writelines(f"<table:table-row>{''.join(map(_ods_cell, row))}</table:table-row>"
                                   for row in rows)
                content.write("</table:table>")
            content.write(tail)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard_csv_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _write_csv_folder(tables: dict[str, Rows], target: Path) -> None:
    """Write the six CSV files (UTF-8 with a BOM, so Excel reads accents right) and README.txt.

    All files go to a new folder beside the target first; then that folder is renamed to the target, or,
    when the target folder exists, its files are replaced one by one (other files in it are left alone).
    """
    if target.exists() and not target.is_dir():
        raise WorkbookWriteError(f"{target}: is a file; CSV workbooks are written as a folder")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for sheet in SHEETS:
            with open(staging / f"{sheet.name}.csv", "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(sheet.column_names)
                writer.writerows([_csv_cell(v) for v in row] for row in tables[sheet.name])
        readme = "\n".join("  ".join(cell for cell in row if cell) for row in readme_rows())
        (staging / "README.txt").write_text(readme + "\n", encoding="utf-8")
        if not target.exists():
            staging.chmod(ordinary_mode(directory=True))  # mkdtemp makes a private folder
            os.replace(staging, target)
            return
        for item in staging.iterdir():
            os.replace(item, target / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
