"""An inspection file's text as JSON values, strictly, with the JSON path of anything JSON does not allow.

Python's ``json`` module reads ``NaN``, ``Infinity`` and ``-Infinity`` (which are not JSON), a number such
as ``1e400`` as infinity, a ``"\\ud800"`` escape as text that cannot be written back, and lets the last
of two equal keys win without a word. A NaN percentage would pass every range check (it compares false)
and then decide a rating. So the text is read with markers for such numbers, and one walk over the
values finds the first of them, or the first text that is not Unicode, at its JSON path (refused), and
every repeated key (a warning: the last value is used, as every JSON reader does, but the file says it
twice and one of them is a mistake).

This is the careful reader: ``fast_read`` takes the files that need none of it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from viewer.formats.errors import shorten
from viewer.formats.inspection_file.fields import Invalid, JsonPath, json_path_text

_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair: no character, and UTF-8 cannot hold it
MAX_DIGITS = 4_000  # Python refuses to read a whole number of more than 4,300 digits
_LONG_DIGITS = re.compile(r"\d{300}")  # a number this long may be past a float's range, or Python's int limit
_LONG_EXPONENT = re.compile(r"[eE][+-]?\d{3}")  # 1e400


class JsonSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


class _Number:
    """Where the text has a number no inspection file can hold: what is said about it."""

    def __init__(self, said: str) -> None:
        self.said = said


def _constant(name: str) -> _Number:
    return _Number(f"{name} is not a number JSON allows (JSON has no NaN or Infinity); write a number, or null "
                   "when the value is not published")


def _float(text: str) -> float | _Number:
    value = float(text)
    return value if math.isfinite(value) else _Number(f"the number {shorten(text, 40)} is too large to be read")


def _int(text: str) -> int | _Number:
    digits = len(text.lstrip("-"))
    return int(text) if digits <= MAX_DIGITS else _Number(f"a whole number of {digits:,} digits is too large to be read")


class _Objects:
    """Builds plain dicts (the checks ask ``type(x) is dict``) and remembers, by identity, the keys each was
    given more than once."""

    def __init__(self) -> None:
        self.repeated: dict[int, dict[str, int]] = {}

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            self.repeated[id(obj)] = {key: n for key, n in Counter(key for key, _ in pairs).items() if n > 1}
        return obj


def _not_unicode(text: str, what: str = "the text") -> str | None:
    bad = _SURROGATE.search(text)
    if bad is None:
        return None
    return (f"{what} has \\u{ord(bad.group()):04x} at character {bad.start() + 1:,}, half of a UTF-16 pair and no "
            "character on its own; it cannot be read or written as UTF-8")


def _walk(data: Any, repeated: dict[int, dict[str, int]]) -> tuple[list[str], tuple[JsonPath, str] | None]:
    """Every repeated key (as warnings), and the first value that cannot be read, with its path. A loop
    over a stack, not recursion: a hostile file may nest thousands deep. Texts and numbers are looked at
    where they stand; only objects and lists are stacked (a file may hold a million values)."""
    warnings: list[str] = []
    stack: list[tuple[JsonPath, Any]] = [([], data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, n in repeated.get(id(value), {}).items():
                warnings.append(f"{json_path_text(path + [key])}: key '{shorten(key)}' is given {n} times in one "
                                "object; the last value is used")
            items = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            items = [(None, value)]  # the file is one value
        nested = []
        for key, item in items:  # the path of a value is made only when it is needed
            if type(key) is str and _SURROGATE.search(key):
                return warnings, (path + [key], _not_unicode(key, "the key"))
            if type(item) is str:
                if _SURROGATE.search(item):
                    return warnings, (path if key is None else path + [key], _not_unicode(item))
            elif isinstance(item, (dict, list)):
                nested.append((path + [key], item))
            elif isinstance(item, _Number):
                return warnings, (path if key is None else path + [key], item.said)
        stack.extend(reversed(nested))
    return warnings, None


def json_values(text: str) -> tuple[Any, list[str]]:
    """The values of a JSON text and the warnings about it (repeated keys). Raises :class:`JsonSyntaxError`
    for text that is not JSON, and ``Invalid`` with the JSON path for a value JSON does not allow."""
    objects = _Objects()
    # The number hooks run in Python for every number: installed only where the text may need them.
    huge_int = _int if _LONG_DIGITS.search(text) else None
    huge_float = _float if _LONG_DIGITS.search(text) or _LONG_EXPONENT.search(text) else None
    try:
        data = json.loads(text, object_pairs_hook=objects, parse_constant=_constant, parse_float=huge_float,
                          parse_int=huge_int)
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise JsonSyntaxError("not valid JSON for an inspection file: it nests lists or objects too deeply to read "
                              "(an inspection file nests four levels)") from None
    warnings, bad = _walk(data, objects.repeated)
    if bad is not None:
        raise Invalid(*bad)
    return data, warnings
