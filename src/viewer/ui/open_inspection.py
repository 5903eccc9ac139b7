"""An inspection open in the window: the file it came from, and where in that file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from viewer.model.framework import load_framework
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, assess


@dataclass(frozen=True)
class OpenInspection:
    file: str  # the resolved path of the file opened
    inspection: Inspection
    assessment: Assessment
    part: str = ""  # the inspection's id, when the file is a workbook of several

    @property
    def path(self) -> str:
        """What identifies it in the window: opening the same file (and part) again reloads it in place."""
        return f"{self.file}#{self.part}" if self.part else self.file


def open_entries(path: str, inspections: list[Inspection]) -> list[OpenInspection]:
    """Entries for what one file held, each with its rules applied."""
    resolved = str(Path(path).resolve())
    many = len(inspections) > 1
    return [
        OpenInspection(resolved, i, assess(i, load_framework(i.framework_id)),
                       i.source_path.rsplit("#", 1)[1] if many and i.source_path and "#" in i.source_path else "")
        for i in inspections
    ]
