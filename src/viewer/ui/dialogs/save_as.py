"""File ▸ Save As…: the selected inspection as an inspection file or a one-inspection workbook."""

from __future__ import annotations

from pathlib import Path

from viewer.model.inspection import Inspection

SAVE_FILTERS = {"Inspection file (*.json)": ".json", "Excel workbook (*.xlsx)": ".xlsx",
                "OpenDocument spreadsheet (*.ods)": ".ods"}


def save_target(path: str, default_suffix: str, opened_paths: list[str]) -> tuple[Path, str | None]:
    """Where to write, and why not when it must not be written: the viewer never writes to a file it opened."""
    target = Path(path)
    if target.suffix.lower() not in (".json", ".xlsx", ".ods"):
        target = target.with_name(target.name + default_suffix)
    opened = {str(Path(p).resolve()) for p in opened_paths}
    if str(target.resolve()) in opened:
        return target, (f"{target.name} is open in the viewer, which never writes to a file it opened. "
                        "Save under another name.")
    return target, None


def write_inspection(inspection: Inspection, target: Path) -> str | None:
    """Write atomically; return a message for the person when it could not be written."""
    try:
        if target.suffix.lower() == ".json":
            from viewer.formats.inspection_file import save_inspection

            save_inspection(inspection, target)
        else:
            from viewer.formats.workbook import write_workbook

            write_workbook([inspection], target)
    except OSError as exc:
        return f"Could not write {target}:\n{exc.strerror or exc}"
    except ValueError as exc:  # WorkbookWriteError: text a spreadsheet cell cannot hold
        return f"Could not write {target}:\n{exc}"
    return None
