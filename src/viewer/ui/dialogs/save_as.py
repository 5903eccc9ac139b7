"""File ▸ Save As…: the selected inspection as an inspection file or a one-inspection workbook, the kinds
the table of file kinds can write."""

from __future__ import annotations

from pathlib import Path

from viewer.formats.kinds import INSPECTION_FILE, FileKind, save_filters, writer_for
from viewer.model.inspection import Inspection


def save_dialog_filters() -> tuple[str, dict[str, FileKind]]:
    """The dialog's filter string (an inspection file first) and each filter's kind."""
    kinds = save_filters()
    names = sorted(kinds, key=lambda name: kinds[name] is not INSPECTION_FILE)
    return ";;".join(names), kinds


def save_target(path: str, default: FileKind, opened_paths: list[str]) -> tuple[Path, str | None]:
    """Where to write (``default``'s suffix added when the name has none the viewer writes), and why not
    when it must not be written: the viewer never writes to a file it opened."""
    target = Path(path)
    if writer_for(target) is None:
        target = target.with_name(target.name + default.suffixes[0])
    opened = {str(Path(p).resolve()) for p in opened_paths}
    if str(target.resolve()) in opened:
        return target, (f"{target.name} is open in the viewer, which never writes to a file it opened. "
                        "Save under another name.")
    return target, None


def write_inspection(inspection: Inspection, target: Path) -> str | None:
    """Write atomically; return a message for the person when it could not be written."""
    kind = writer_for(target)
    try:
        kind.write([inspection], target)
    except OSError as exc:
        return f"Could not write {target}:\n{exc.strerror or exc}"
    except ValueError as exc:  # WorkbookWriteError: text a spreadsheet cell cannot hold
        return f"Could not write {target}:\n{exc}"
    return None
