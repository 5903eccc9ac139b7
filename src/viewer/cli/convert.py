"""``inspection-viewer convert``: between published reports, inspection files and workbooks, no window.

    convert REPORT.pdf OUT.json          import a report (.txt .md .html .pdf) as an inspection file
    convert A.json B.json BOOK.xlsx      many inspections into one workbook (.xlsx, .ods)
    convert A.json B.json TABLES/ --csv  ... or into a folder of CSV tables
    convert BOOK.xlsx OUT/               every inspection of a workbook as its own inspection file
    convert BOOK.ods ONE.json            a workbook holding exactly one inspection
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from viewer.formats.any_file import REPORT_SUFFIXES, load_any
from viewer.formats.errors import LoadError
from viewer.formats.files import unique_path
from viewer.model.inspection import Inspection


def _load(path: str, out: TextIO) -> list[Inspection]:
    """Load one input; a report also says what was found and what is missing."""
    from viewer.formats.published_report.importer import import_report, looks_like_report

    if Path(path).suffix.lower() in REPORT_SUFFIXES and looks_like_report(path):
        result = import_report(path)
        out.write(f"{path}: imported the {result.kind} report of {result.inspection.unit.name}\n")
        for line in result.found:
            out.write(f"  found: {line}\n")
        for line in result.missing:
            out.write(f"  missing: {line}\n")
        return [result.inspection]
    inspections = load_any(path)
    out.write(f"{path}: {len(inspections)} inspection{'s' if len(inspections) != 1 else ''}\n")
    return inspections


def run_convert(inputs: list[str], output: str, csv: bool = False, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    from viewer.formats.inspection_file import save_inspection
    from viewer.formats.workbook import WorkbookWriteError, inspection_ids, write_workbook

    out, err = out or sys.stdout, err or sys.stderr
    reading = {Path(p).resolve() for p in inputs}
    if Path(output).resolve() in reading:
        err.write(f"error: {output} is one of the inputs; the viewer never writes to a file it reads\n")
        return 2
    inspections: list[Inspection] = []
    failed = 0
    for path in inputs:
        try:
            inspections.extend(_load(path, out))
        except LoadError as error:
            failed += 1
            err.write(f"error: {error}\n")
    if not inspections:
        err.write("error: nothing to convert\n")
        return 1
    target = Path(output)
    to_folder = output.endswith(("/", os.sep)) or target.is_dir()
    try:
        if csv:
            write_workbook(inspections, target)
            written = [target]
        elif to_folder:
            target.mkdir(parents=True, exist_ok=True)
            written, taken = [], set()
            for inspection, name in zip(inspections, inspection_ids(inspections)):  # the ids a workbook uses
                path = unique_path(target / f"{name}.json", taken, reading)
                save_inspection(inspection, path)
                written.append(path)
        elif target.suffix.lower() == ".json":
            if len(inspections) != 1:
                err.write(f"error: {len(inspections)} inspections cannot go into one inspection file; "
                          "give a folder (ending in /) or a workbook (.xlsx, .ods)\n")
                return 2
            save_inspection(inspections[0], target)
            written = [target]
        elif target.suffix.lower() in (".xlsx", ".ods"):
            write_workbook(inspections, target)
            written = [target]
        else:
            err.write(f"error: {output}: write to .json, .xlsx or .ods, a folder ending in /, or --csv\n")
            return 2
    except (OSError, WorkbookWriteError) as error:
        err.write(f"error: cannot write {output}: {getattr(error, 'strerror', None) or error}\n")
        return 1
    for path in written:
        out.write(f"wrote {path}\n")
    return 1 if failed else 0
