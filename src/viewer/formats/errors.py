"""The one family of errors loaders raise: which file, where in it, and what was expected."""

from __future__ import annotations

import json
import math
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


class ReportTooLargeError(ReportImportError):
    """A report past one of the limits no real report reaches (its text, a line, a sentence, its figures):
    refused while it is read, before the time and memory are spent."""


class NotInspectorateTextError(ReportImportError):
    """A file that is not an inspection, a workbook or the inspectorate's writing (a README, a picture).
    Named by a person, it is refused with this message; found in a folder, it is passed over and listed."""


class WriteError(ValueError):
    """A file the viewer would write but must not: text that cannot be encoded, a file larger than the viewer
    reads back. The message names the file, the field and the reason; nothing has been written."""


READS = ("inspection files (.json), workbooks (.xlsx, .ods or a folder of CSV tables) and HM Inspectorate of "
         "Probation's reports, report web pages and press releases (PDF, web page or text)")


SHOWN_CHARS = 80  # a quoted value longer than this is cut in a message: a 1 MB name is not repeated in full


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` as a message quotes it: whole when short, else its start and its length
    ("Hertfordshire PDU Hertfordshire…  (1,000,000 characters)")."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def describe(value: Any) -> str:
    """A value as a message names it: null, the number 5, text "59%" (long texts cut), a list, an object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        if len(value) <= SHOWN_CHARS:
            return f"text {json.dumps(value, ensure_ascii=False)}"
        return f"text {json.dumps(value[:SHOWN_CHARS], ensure_ascii=False)[:-1]}…\" ({len(value):,} characters)"
    if isinstance(value, (int, float)):
        shown = number_text(value)
        return shown if shown.startswith("a ") else f"the number {shown}"
    return "a list" if isinstance(value, list) else "an object"


def number_text(value: float) -> str:
    """A number as a message shows it: 117, 9.6, 1e+20, NaN, Infinity, or the size of a huge whole number
    (which Python cannot even print past 4,300 digits)."""
    if isinstance(value, int) and abs(value) >= 10**16:
        return f"a whole number of {math.floor(math.log10(abs(value))) + 1:,} digits"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return f"{value:g}"
