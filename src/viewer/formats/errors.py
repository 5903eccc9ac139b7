"""The one family of errors loaders raise: which file, where in it, and what was expected."""

from __future__ import annotations

import json
from typing import Any


class LoadError(Exception):
    """A file could not be loaded. ``location`` is a JSON path and/or line, or "" for the whole file."""

    def __init__(self, path: str, message: str, location: str = "", line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.location = location
        self.line = line
        super().__init__(str(self))

    @property
    def place(self) -> str:
        parts = [p for p in (f"line {self.line}" if self.line else "", self.location) if p]
        return ", ".join(parts)

    def __str__(self) -> str:
        place = self.place
        return f"{self.path}: {place}: {self.message}" if place else f"{self.path}: {self.message}"


class UnreadableFileError(LoadError):
    """Missing, unreadable, empty, too large or not UTF-8."""


class NotJsonError(LoadError):
    """The text is not valid JSON."""


class SchemaError(LoadError):
    """Valid JSON that does not follow the inspection file format."""


class UnknownFrameworkError(SchemaError):
    """The file names a framework the viewer has no data file for."""


class ReportImportError(LoadError):
    """A published report (text, HTML or PDF) that cannot be read at all: binary data, an encrypted,
    damaged or image-only PDF. A readable report with parts missing imports with warnings instead."""


class NotInspectorateTextError(ReportImportError):
    """A file that is not an inspection, a workbook or the inspectorate's writing (a README, a picture).
    Named by a person, it is refused with this message; found in a folder, it is passed over and listed."""


READS = ("inspection files (.json), workbooks (.xlsx, .ods or a folder of CSV tables) and HM Inspectorate of "
         "Probation's reports, report web pages and press releases (PDF, web page or text)")


def describe(value: Any) -> str:
    """A value as a message names it: null, the number 5, text "59%" (long texts cut), a list, an object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    return "a list" if isinstance(value, list) else "an object"
