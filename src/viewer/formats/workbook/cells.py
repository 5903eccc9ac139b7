"""The cells of a workbook: what a spreadsheet engine returns turned into the model's values, and back.

Reading a cell goes through :func:`read_cell` (or :func:`read_column`, fast for a whole column), which
turns text, numbers, dates and empty cells into the model's values or raises :class:`BadCell` with a
plain message; the caller adds the sheet, row and column. Writing goes through :func:`cell_text` and
:func:`encode_list`, which are the exact inverse.

List cells: one item per line ("texts": strengths, evidence ...) or separated by commas or line breaks
("ids": figure ids, standard codes, gap areas). When a list cannot be written that way and read back
equal (an item with a line break, a comma in an id, leading spaces, an empty item), it is written as a
JSON list of strings, ``["first", "second"]``, which the reader recognises.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from viewer.formats.errors import describe
from viewer.formats.workbook.layout import Column
from viewer.formats.workbook.limits import MAX_CELL_CHARS
from viewer.model.ratings import Rating, match_rating

__all__ = ["MAX_CELL_CHARS", "BadCell", "cell_text", "decode_ids", "decode_texts", "encode_list", "guard_csv_text",
           "is_empty", "plain_texts", "read_cell", "read_column", "unguard_csv_text"]


class BadCell(ValueError):
    """A cell that does not hold what its column expects; the message is for the user.

    ``index`` is the cell's position in the column read by :func:`read_column`.
    """

    index: int = -1


# ---- reading cells ----------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def describe_cell(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).upper()} (a true/false cell)"
    if isinstance(value, datetime):
        return f"a date {value.date().isoformat()}" if value.time() == datetime.min.time() else f"a date {value}"
    if isinstance(value, date):
        return f"a date {value.isoformat()}"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN (not a number)" if value != value else f"{'minus ' if value < 0 else ''}infinity"
    if isinstance(value, (str, int, float)):
        return describe(value)  # the words the inspection-file messages use
    return f"a {type(value).__name__} cell"


def shown(text: str) -> str:
    """Text as a message quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:37] + "..."


def is_empty(value: Any) -> bool:
    """None or only spaces. (NaN is not empty: it is refused where a cell is read.)"""
    return value is None or (type(value) is str and not value.strip())


def _text(value: Any, column: Column) -> str:
    kind = type(value)
    if kind is str:
        return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if kind is int or (kind is float and value.is_integer()):
        return str(int(value))  # a code or label Excel stored as a number
    if kind is float and math.isfinite(value):
        return repr(value)
    if isinstance(value, (datetime, date)) and column.kind in ("month", "day"):
        return f"{value.year:04d}-{value.month:02d}" + (f"-{value.day:02d}" if column.kind == "day" else "")
    raise BadCell(f"expected text, found {describe_cell(value)}")


_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _flag(value: Any) -> bool:
    """A true/false cell: a spreadsheet's TRUE or FALSE, or true, false, yes, no, 1 or 0 as text."""
    if type(value) is bool:
        return value
    flag = _FLAGS.get(str(int(value)) if type(value) in (int, float) and float(value).is_integer() else
                      str(value).strip().lower())
    if flag is None:
        raise BadCell(f"expected true or false, found {describe_cell(value)}")
    return flag


def _number(value: Any, column: Column) -> int | float:
    number = value
    if type(value) is str and _NUMBER_TEXT.fullmatch(value.strip()):
        number = float(value)
    whole = column.kind == "int"
    if type(number) not in (int, float) or not math.isfinite(number) or (whole and not float(number).is_integer()):
        expected = "a whole number" if whole else "a number"
        raise BadCell(f"expected {expected}{column.what}, found {describe_cell(value)}")
    if float(number).is_integer():
        number = int(number)
    if (column.low is not None and number < column.low) or (column.high is not None and number > column.high):
        raise BadCell(f"{number:g} is outside the range {column.low:g} to {column.high:g}{column.what}")
    return number


def read_rating(value: Any, warn: Callable[[str], None]) -> Rating:
    if type(value) is not str:
        raise BadCell(f"expected a rating label, found {describe_cell(value)}")
    rating, exact = match_rating(value.strip())
    if rating is None:
        known = ", ".join(f"'{r.label}'" for r in Rating)
        raise BadCell(f"unknown rating label '{shown(value)}' (expected one of {known})")
    if not exact:
        warn(f"rating '{shown(value)}' read as '{rating.label}'; please use that spelling")
    return rating


def _json_list(text: str) -> tuple[str, ...] | None:
    try:
        items = json.loads(text)
    except ValueError:
        return None
    if type(items) is list and all(type(i) is str for i in items):
        return tuple(items)
    return None


def decode_texts(text: str) -> tuple[str, ...]:
    """One item per line (blank lines and surrounding spaces ignored), or a JSON list of strings."""
    listed = _json_list(text) if text[:1] == "[" else None
    if listed is not None:
        return listed
    return tuple(filter(None, map(str.strip, text.split("\n"))))


def decode_ids(text: str) -> tuple[str, ...]:
    """Items separated by commas or line breaks, or a JSON list of strings."""
    listed = _json_list(text) if text[:1] == "[" else None
    if listed is not None:
        return listed
    return tuple(filter(None, map(str.strip, text.replace("\n", ",").split(","))))


def read_cell(column: Column, value: Any, notes: list[str]) -> Any:
    """The model value of one cell; None (or ``()`` for lists) when the cell is empty.

    A rating spelled differently from its label is read, and a warning appended to ``notes``.
    """
    if type(value) is str and len(value) > MAX_CELL_CHARS:
        raise BadCell(f"the cell holds {len(value):,} characters; a cell may hold at most {MAX_CELL_CHARS:,}")
    if is_empty(value):
        if column.required:
            raise BadCell(f"required column '{column.column_name}' is empty")
        return () if column.kind in ("texts", "ids") else None
    kind = column.kind
    if kind in ("number", "int"):
        return _number(value, column)
    if kind == "flag":
        return _flag(value)
    if kind == "rating":
        return read_rating(value, notes.append)
    text = _text(value, column)
    if kind == "texts":
        return _within(decode_texts(text), column)
    if kind == "ids":
        return _within(decode_ids(text), column)
    _within((text,), column)
    if column.choices and text not in column.choices:
        raise BadCell(f"unknown {column.column_name} '{shown(text)}' (expected one of {', '.join(column.choices)})")
    return text


def _within(texts: tuple[str, ...], column: Column) -> tuple[str, ...]:
    """The texts, when none is longer than the column's texts may be (``Field.most_chars``)."""
    most = column.most_chars
    for text in texts:
        if most and len(text) > most:
            raise BadCell(f"the text has {len(text):,} characters (starting \"{text[:40]}…\"); "
                          f"{column.column_name} may have at most {most:,}")
    return texts


_SLOW = object()  # a cell the fast path leaves to read_cell
_RATINGS = {r.label: r for r in Rating}
_LARGEST = sys.float_info.max  # a number past it is infinite: refused, as NaN is


def plain_texts(values: Sequence[Any]) -> bool:
    """True when every cell is text, none longer than a cell may be, with no carriage return and none only
    spaces (empty is fine). Whole-column checks in C: no Python code runs per cell."""
    try:  # str.isspace and str.join raise TypeError for a number, date or true/false cell
        return (max(map(len, values), default=0) <= MAX_CELL_CHARS and not any(map(str.isspace, values))
                and "\r" not in "".join(values))
    except TypeError:
        return False


def _plain_shared(values: Sequence[Any], shared: dict[Any, Any]) -> bool:
    """For a column whose texts repeat: fill ``shared`` with each distinct cell (first copy), and say
    whether all of them are plain texts (see :func:`plain_texts`), checking each distinct text once."""
    empty = shared[""]
    try:
        shared.update(zip(values, values))  # a later copy of a text replaces the first: equal, harmless
    except TypeError:
        return False
    shared[""] = empty
    return plain_texts(list(shared)[1:])  # the first key is ""


def read_column(column: Column, values: Sequence[Any], notes: list[tuple[int, str]]) -> list[Any]:
    """:func:`read_cell` for a whole column, fast for the usual cells (a thousand inspections are
    1.4 million cells). Raises :class:`BadCell` with ``index`` set; warnings go to ``notes`` as
    (index, message).
    """
    kind = column.kind
    empty = _SLOW if column.required else (() if kind in ("texts", "ids") else None)
    shared_already = bool(column.choices) or kind == "rating"  # choices and ratings are one object each
    if kind in ("int", "number"):
        low = -_LARGEST if column.low is None else column.low
        high = _LARGEST if column.high is None else column.high
        whole = kind == "int"
        out = [(int(v) if v.is_integer() else _SLOW if whole else v) if type(v) is float and low <= v <= high
               else v if type(v) is int and low <= v <= high
               else empty if v == "" or v is None else _SLOW for v in values]
    elif kind == "rating":
        out = [(_RATINGS.get(v, _SLOW) if v else empty) if type(v) is str else empty if v is None else _SLOW
               for v in values]
    elif kind == "flag":  # few cells (one per quotation): each read by read_cell
        out = [v if type(v) is bool else empty if v == "" or v is None else _SLOW for v in values]
    elif column.choices:  # each cell becomes the one string of its choice
        choices = {choice: choice for choice in column.choices}
        out = [choices.get(v) or (empty if v == "" or v is None else _SLOW) for v in values]
    else:
        decode = decode_texts if kind == "texts" else decode_ids if kind == "ids" else None
        shared: dict[Any, Any] = {"": empty}
        if column.shared and not decode and _plain_shared(values, shared):
            out = list(map(shared.__getitem__, values))  # one copy of each text; "" is the empty cell
            shared_already = True
        elif not column.shared and plain_texts(values):  # whole-column checks in C, then one cheap pass
            if decode:
                out = [decode(v) if v else empty for v in values]
            else:
                out = [v if v else empty for v in values] if "" in values else list(values)
        else:
            out = [(decode(v) if decode else v) if type(v) is str and v and "\r" not in v and not v.isspace()
                   and len(v) <= MAX_CELL_CHARS else empty if v == "" or v is None else _SLOW for v in values]
    if column.shared and not shared_already:
        shared = {}
        out = list(map(shared.setdefault, out, out))
    most = column.most_chars
    if most and kind not in ("int", "number", "rating", "flag") and most < MAX_CELL_CHARS and any(
            type(v) is str and len(v) > most for v in values):
        out = [_SLOW if type(v) is str and len(v) > most else o for v, o in zip(values, out)]  # read_cell says why
    if _SLOW in out:
        cell_notes: list[str] = []
        for i, value in enumerate(out):
            if value is _SLOW:
                try:
                    out[i] = read_cell(column, values[i], cell_notes)
                except BadCell as bad:
                    bad.index = i
                    raise
                notes.extend((i, note) for note in cell_notes)
                cell_notes.clear()
    return out


# ---- writing cells ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # XML cannot hold them


def cell_text(text: str) -> str:
    """Text as written to a cell: line breaks as LF (spreadsheets do not keep CR). Raises BadCell."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        raise BadCell(f"holds a character (U+{ord(bad.group()):04X}) that spreadsheets cannot store")
    if len(text) > MAX_CELL_CHARS:
        raise BadCell(f"holds {len(text):,} characters; a spreadsheet cell holds at most {MAX_CELL_CHARS:,}")
    return text


def encode_list(items: tuple[str, ...], kind: str) -> str | None:
    """A list cell: lines (or ", " for ids) when that reads back equal, else a JSON list."""
    if not items:
        return None
    items = tuple(cell_text(i) for i in items)
    plain = ("\n" if kind == "texts" else ", ").join(items)
    decode = decode_texts if kind == "texts" else decode_ids
    return cell_text(plain if decode(plain) == items else json.dumps(list(items), ensure_ascii=False))


# CSV opened in Excel runs a cell starting with = + - @ (or a tab or carriage return before one) as a
# formula. Such text is written with a leading apostrophe, and a text that starts with an apostrophe
# before one of those gets one more; reading a CSV file removes exactly one, so the round trip is exact.
_FORMULA_START = "=+-@\t\r"


def guard_csv_text(text: str) -> str:
    first, second = text[:1], text[1:2]
    if (first and first in _FORMULA_START) or (first == "'" and second and second in _FORMULA_START + "'"):
        return "'" + text
    return text


def unguard_csv_text(text: str) -> str:
    if text[:1] == "'" and text[1:2] and text[1] in _FORMULA_START + "'":
        return text[1:]
    return text
