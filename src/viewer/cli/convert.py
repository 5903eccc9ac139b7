"""``inspection-viewer convert``: between published reports, inspection files and workbooks, no window.

    convert REPORT.pdf OUT.json          import a report (.txt .md .html .pdf) as an inspection file
    convert A.json B.json BOOK.xlsx      many inspections into one workbook (.xlsx, .ods)
    convert A.json B.json TABLES/ --csv  ... or into a folder of CSV tables
    convert BOOK.xlsx OUT/               every inspection of a workbook as its own inspection file
    convert BOOK.ods ONE.json            a workbook holding exactly one inspection

What each output can be is the table of file kinds (``formats.kinds``); inputs are opened through the
workspace, like everything else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from viewer.formats.errors import WriteError
from viewer.formats.files import UniqueNames
from viewer.formats.kinds import INSPECTION_FILE, WRITABLE, files_read, files_written, writer_for
from viewer.model.inspection import Inspection
from viewer.workspace import OpenResult, open_paths


def _say(path: str, one: OpenResult, out: TextIO, err: TextIO) -> None:
    """A line per input; a published report also says what was found and what is missing."""
    for error in one.failed:
        err.write(f"error: {error}\n")
    for notes in one.notes:
        kind = next(o.kind for o in one.opened)
        out.write(f"{path}: imported the {kind} of {notes.unit}\n")
        out.writelines(f"  found: {line}\n" for line in notes.found)
        out.writelines(f"  missing: {line}\n" for line in notes.missing)
    if one.opened and not one.notes:
        n = len(one.opened)
        out.write(f"{path}: {n} inspection{'s' if n != 1 else ''}\n")


def _unwritable(inspections: list[Inspection]) -> str:
    """Which inspection's field holds text UTF-8 cannot hold: "hertfordshire.json#...: $.unit.name: ..."."""
    from viewer.formats.inspection_file.write import inspection_to_dict, unwritable_text

    for inspection in inspections:
        found = unwritable_text(inspection_to_dict(inspection))
        if found:
            return f"{inspection.source_path or inspection.unit.shown_name}: {found}"
    return "text that UTF-8 cannot hold"


def _targets() -> str:
    names = sorted({s for k in WRITABLE if not k.folder for s in k.suffixes})
    return f"write to {', '.join(names)}, a folder ending in /, or --csv"


def run_convert(inputs: list[str], output: str, csv: bool = False, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    from viewer.formats.workbook import WorkbookWriteError, inspection_ids

    out, err = out or sys.stdout, err or sys.stderr
    reading = files_read(inputs)  # every file an input may read: a folder's, every table of a CSV workbook
    target = Path(output)
    to_folder = not csv and (output.endswith(("/", os.sep)) or target.is_dir())
    kind = None if to_folder else writer_for(target, csv)
    if kind is None and not to_folder:
        err.write(f"error: {output}: {_targets()}\n")
        return 2
    clash = next((path for path in files_written(kind, target) if path.resolve() in reading), None) if kind else None
    if clash is not None:
        err.write(f"error: {clash} is one of the inputs; the viewer never writes to a file it reads\n")
        return 2
    opened = open_paths(inputs, on_file=lambda _d, _t, path, one: _say(path, one, out, err))
    if not opened.opened:
        err.write("error: nothing to convert\n")
        return 1
    inspections: list[Inspection] = [o.inspection for o in opened.opened]
    if kind is not None and not kind.many and len(inspections) != 1:
        err.write(f"error: {len(inspections)} inspections cannot go into one {kind.name}; "
                  "give a folder (ending in /) or a workbook (.xlsx, .ods)\n")
        return 2
    unwritten = 0
    try:
        if to_folder:
            target.mkdir(parents=True, exist_ok=True)
            written, names = [], UniqueNames(reading)
            for inspection, name in zip(inspections, inspection_ids(inspections)):  # the ids a workbook uses
                path = names.choose(target / f"{name}{INSPECTION_FILE.suffixes[0]}")
                try:
                    INSPECTION_FILE.write([inspection], path)
                except WriteError as error:  # this one cannot be read back; the others are written
                    err.write(f"error: {error}\n")
                    unwritten += 1
                    continue
                written.append(path)
        else:
            kind.write(inspections, target)
            written = [target]
    except WriteError as error:
        err.write(f"error: {error}\n")
        return 1
    except (OSError, WorkbookWriteError) as error:
        err.write(f"error: cannot write {output}: {getattr(error, 'strerror', None) or error}\n")
        return 1
    except UnicodeEncodeError:  # a workbook writer met text UTF-8 cannot hold
        err.write(f"error: cannot write {output}: {_unwritable(inspections)}\n")
        return 1
    for path in written:
        out.write(f"wrote {path}\n")
    return 1 if opened.failed or unwritten else 0
