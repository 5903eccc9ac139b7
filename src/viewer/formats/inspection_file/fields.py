"""The fields of each record in an inspection file, and one fast pass that checks a record against them.

Each record is read in a single loop over its keys (which also finds unknown keys), so checking a
thousand files stays well under the 2-second budget; every problem is raised as ``Invalid`` with
the JSON path, and ``inspection_json`` turns that into a :class:`LoadError` with the line.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import replace
from typing import Any

from viewer.formats.errors import LoadError, SchemaError, describe, number_text, shorten
from viewer.model import fields as model
from viewer.model.fields import Field, Record
from viewer.model.ratings import Rating, match_rating

JsonPath = list  # of str (object keys) and int (list indexes)


class Invalid(Exception):
    def __init__(self, path: JsonPath, message: str, kind: type[LoadError] = SchemaError) -> None:
        super().__init__(message)
        self.json_path, self.message, self.kind = path, message, kind


# A number with no range of its own (a figure's value) is at most this large: populations are millions;
# a larger number is damage, and past 2**53 it is not even held exactly.
MAX_MAGNITUDE = 10**15
# The name of a file in resources/frameworks: never a path, never a megabyte.
FRAMEWORK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def json_path_text(path: JsonPath) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{shorten(step, 40)}" for step in path)


class Spec(dict):
    """A record's fields by key, as the inspection file holds them, with its required keys worked out once."""

    def __init__(self, by_key: dict[str, Field]) -> None:
        super().__init__(by_key)
        self.required = tuple(key for key, field in by_key.items() if field.required)


# In the file, months and days are text, and lists of ids are lists of texts like any other.
_IN_JSON = {"month": "text", "day": "text", "ids": "texts"}


def _structure(key: str, kind: str, required: bool = False) -> Field:
    """A key that holds a part of the file rather than a value: an object, a list, or an ignored note."""
    return Field(key, kind, "", required=required)


def spec(record: Record, *extra: Field) -> Spec:
    """The keys of ``record`` as an inspection file holds them, plus keys of the file's own structure."""
    by_key = {f.key: replace(f, kind=_IN_JSON.get(f.kind, f.kind)) for f in record.fields}
    return Spec(by_key | {f.key: f for f in extra})


ROOT = Spec({f.key: f for f in (
    Field("format", "text", "", required=True), Field("framework", "text", "", required=True),
    _structure("unit", "object", required=True), _structure("report", "object"), _structure("overall", "object"),
    _structure("cases", "object"), _structure("standards", "list"), _structure("figures", "list"),
    _structure("service_gaps", "list"), _structure("recommendations", "list"), _structure("sources", "list"),
    _structure("quotes", "list"), _structure("notes", "ignored"),
)})
UNIT = spec(model.UNIT)
REPORT = spec(model.REPORT)
CASES = spec(model.CASES)
STANDARD = spec(model.STANDARD, _structure("key_questions", "list"), _structure("domain", "ignored"))
KEY_QUESTION = spec(model.KEY_QUESTION)
FIGURE = spec(model.FIGURE)
SERVICE_GAP = spec(model.SERVICE_GAP)
RECOMMENDATION = spec(model.RECOMMENDATION)
SOURCE = spec(model.SOURCE)
QUOTE = spec(model.QUOTE)


def overall_fields(max_score: int | None, framework_name: str) -> Spec:
    """The overall record, its score checked against the framework's maximum (when it has one)."""
    score = model.OVERALL.by_key["score"]
    if max_score is not None:
        score = replace(score, high=max_score, what=f" for a score in {framework_name}")
    return spec(replace(model.OVERALL, fields=(model.OVERALL.by_key["rating"], score)),
                _structure("max_score", "ignored"))


def _number(value: Any, field: Field, path: JsonPath) -> float | int:
    integer = field.kind == "int"
    # NaN compares false with everything, so it would pass any range and then decide a rating: refused first.
    if type(value) not in (int, float) or (type(value) is float and not math.isfinite(value)) \
            or (integer and value != int(value)):
        kind = "a whole number" if integer else "a number"
        raise Invalid(path, f"expected {kind}{field.what}, found {describe(value)}")
    if (field.low is not None and value < field.low) or (field.high is not None and value > field.high):
        raise Invalid(path, f"{number_text(value)} is outside the range {field.low:g} to {field.high:g}{field.what}")
    if abs(value) > MAX_MAGNITUDE:
        raise Invalid(path, f"{number_text(value)} is too large; a number in an inspection file is at most "
                            f"{MAX_MAGNITUDE:,}")
    return int(value) if integer else value


def _rating(value: Any, path: JsonPath, warnings: list[str]) -> Rating:
    if type(value) is not str:
        raise Invalid(path, f"expected a rating label, found {describe(value)}")
    rating, exact = match_rating(value)
    if rating is None:
        known = ", ".join(f"'{r.label}'" for r in Rating)
        raise Invalid(path, f"unknown rating label '{shorten(value)}' (expected one of {known})")
    if not exact:
        warnings.append(f"{json_path_text(path)}: rating '{shorten(value)}' read as '{rating.label}'; please use "
                        "that spelling")
    return rating


def read_record(obj: Any, fields: Spec, path: JsonPath, warnings: list[str]) -> dict[str, Any]:
    """Check one JSON object against its fields; return the present values (ratings as :class:`Rating`)."""
    if type(obj) is not dict:
        raise Invalid(path, f"expected an object {{...}}, found {describe(obj)}")
    out: dict[str, Any] = {}
    for key, value in obj.items():
        field = fields.get(key)
        if field is None:
            warnings.append(f"{json_path_text(path + [key])}: unknown key '{shorten(key)}' ignored")
            continue
        if value is None or field.kind == "ignored":
            continue
        kind = field.kind
        if kind == "text":
            if type(value) is not str:
                raise Invalid(path + [key], f"expected text, found {describe(value)}")
            if field.most_chars and len(value) > field.most_chars:
                raise Invalid(path + [key], _too_long(key, value, field))
            if field.shared:
                value = sys.intern(value)
            if field.choices and value not in field.choices:
                raise Invalid(path + [key], f"unknown {key} '{shorten(value)}' (expected one of "
                                            f"{', '.join(field.choices)})")
        elif kind == "texts":
            if type(value) is not list:
                raise Invalid(path + [key], f"expected a list of texts [...], found {describe(value)}")
            for i, item in enumerate(value):
                if type(item) is not str:
                    raise Invalid(path + [key, i], f"expected text, found {describe(item)}")
                if field.most_chars and len(item) > field.most_chars:
                    raise Invalid(path + [key, i], _too_long(key, item, field))
            value = tuple(value)
        elif kind in ("number", "int"):
            value = _number(value, field, path + [key])
        elif kind == "flag":
            if type(value) is not bool:
                raise Invalid(path + [key], f"expected true or false, found {describe(value)}")
        elif kind == "rating":
            value = _rating(value, path + [key], warnings)
        elif kind == "list" and type(value) is not list:
            raise Invalid(path + [key], f"expected a list [...], found {describe(value)}")
        elif kind == "object" and type(value) is not dict:
            raise Invalid(path + [key], f"expected an object {{...}}, found {describe(value)}")
        out[key] = value
    for key in fields.required:
        if key not in out or (type(out[key]) is str and not out[key].strip()):
            raise Invalid(path + [key], f"required key '{key}' is missing or empty")
    return out


def _too_long(key: str, value: str, field: Field) -> str:
    return (f"the text has {len(value):,} characters (starting \"{value[:40]}…\"); {key} may have at most "
            f"{field.most_chars:,}")


def read_list(record: dict[str, Any], key: str, fields: Spec, path: JsonPath,
              warnings: list[str]) -> list[tuple[JsonPath, dict[str, Any]]]:
    """The records of a list field, each checked, with its JSON path."""
    return [(path + [key, i], read_record(item, fields, path + [key, i], warnings))
            for i, item in enumerate(record.get(key, ()))]
