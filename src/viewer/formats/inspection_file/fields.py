"""The fields of each record in an inspection file, and one fast pass that checks a record against them.

Each record is read in a single loop over its keys (which also finds unknown keys), so checking a
thousand files stays well under the 2-second budget; every problem is raised as ``Invalid`` with
the JSON path, and ``inspection_json`` turns that into a :class:`LoadError` with the line.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from viewer.formats.errors import LoadError, SchemaError
from viewer.model.inspection import FIGURE_TOPICS, KEY_QUESTION_THEMES
from viewer.model.ratings import Rating, match_rating

JsonPath = list  # of str (object keys) and int (list indexes)



class Invalid(Exception):
    def __init__(self, path: JsonPath, message: str, kind: type[LoadError] = SchemaError) -> None:
        super().__init__(message)
        self.json_path, self.message, self.kind = path, message, kind


def json_path_text(path: JsonPath) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def describe(value: Any) -> str:
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


@dataclass(frozen=True)
class Field:
    kind: str  # text, texts, number, int, rating, list, object, ignored
    required: bool = False
    low: float | None = None
    high: float | None = None
    what: str = ""
    choices: tuple[str, ...] = ()
    # Categorical texts (topics, units, standard codes, section names) repeat across thousands of
    # figures and files: one shared copy of each keeps a folder of inspections small in memory.
    shared: bool = False


class Spec(dict):
    """A record's fields by key, with its required keys worked out once."""

    def __init__(self, fields: dict[str, Field]) -> None:
        super().__init__(fields)
        self.required = tuple(key for key, field in fields.items() if field.required)


TEXT, TEXT_REQUIRED, TEXTS = Field("text"), Field("text", required=True), Field("texts")
CATEGORY = Field("text", shared=True)
COUNT = Field("int", low=0, high=1e9)
LIST, OBJECT, IGNORED = Field("list"), Field("object"), Field("ignored")

ROOT = Spec({
    "format": Field("text", required=True), "framework": TEXT_REQUIRED, "unit": Field("object", required=True),
    "report": OBJECT, "overall": OBJECT, "cases": OBJECT, "standards": LIST, "figures": LIST,
    "service_gaps": LIST, "recommendations": LIST, "notes": IGNORED,
})
UNIT = Spec({"name": TEXT_REQUIRED, "kind": TEXT, "region": TEXT})
REPORT = Spec({"title": TEXT, "published": TEXT, "fieldwork_start": TEXT, "url": TEXT, "lead_inspector": TEXT})
CASES = Spec({"community_orders": COUNT, "licences": COUNT, "interviews": COUNT})
STANDARD = Spec({
    "code": TEXT_REQUIRED, "name": TEXT, "rating": Field("rating"), "statement": TEXT, "summary": TEXT,
    "strengths": TEXTS, "areas_for_improvement": TEXTS, "key_questions": LIST, "domain": IGNORED,
})
KEY_QUESTION = Spec({
    "question": TEXT_REQUIRED, "percent_yes": Field("number", low=0, high=100, what=" (a percentage)"),
    "theme": Field("text", choices=tuple(KEY_QUESTION_THEMES), shared=True), "cases_yes": COUNT, "cases_total": COUNT,
})
FIGURE = Spec({
    "id": Field("text", required=True, shared=True),
    "topic": Field("text", required=True, choices=tuple(FIGURE_TOPICS), shared=True),
    "label": TEXT_REQUIRED, "value": Field("number"), "unit": CATEGORY, "count": COUNT, "total": COUNT,
    "standard": CATEGORY, "section": CATEGORY, "sentence": TEXT,
})
SERVICE_GAP = Spec({"area": Field("text", required=True, shared=True), "title": TEXT_REQUIRED,
                    "description": TEXT, "evidence": TEXTS, "standard": CATEGORY, "figure_ids": TEXTS})
RECOMMENDATION = Spec({"number": Field("int", required=True, low=1, high=1000), "text": TEXT_REQUIRED,
                       "standards": TEXTS, "gap_areas": TEXTS})


def overall_fields(max_score: int, framework_name: str) -> Spec:
    return Spec({"rating": Field("rating"), "max_score": IGNORED,
                 "score": Field("int", low=0, high=max_score, what=f" for a score in {framework_name}")})


def _number(value: Any, field: Field, path: JsonPath) -> float | int:
    integer = field.kind == "int"
    if type(value) not in (int, float) or (integer and value != int(value)):
        kind = "a whole number" if integer else "a number"
        raise Invalid(path, f"expected {kind}{field.what}, found {describe(value)}")
    if (field.low is not None and value < field.low) or (field.high is not None and value > field.high):
        raise Invalid(path, f"{value:g} is outside the range {field.low:g} to {field.high:g}{field.what}")
    return int(value) if integer else value


def _rating(value: Any, path: JsonPath, warnings: list[str]) -> Rating:
    if type(value) is not str:
        raise Invalid(path, f"expected a rating label, found {describe(value)}")
    rating, exact = match_rating(value)
    if rating is None:
        known = ", ".join(f"'{r.label}'" for r in Rating)
        raise Invalid(path, f"unknown rating label '{value}' (expected one of {known})")
    if not exact:
        warnings.append(f"{json_path_text(path)}: rating '{value}' read as '{rating.label}'; please use that spelling")
    return rating


def read_record(obj: Any, fields: Spec, path: JsonPath, warnings: list[str]) -> dict[str, Any]:
    """Check one JSON object against its fields; return the present values (ratings as :class:`Rating`)."""
    if type(obj) is not dict:
        raise Invalid(path, f"expected an object {{...}}, found {describe(obj)}")
    out: dict[str, Any] = {}
    for key, value in obj.items():
        field = fields.get(key)
        if field is None:
            warnings.append(f"{json_path_text(path + [key])}: unknown key '{key}' ignored")
            continue
        if value is None or field.kind == "ignored":
            continue
        kind = field.kind
        if kind == "text":
            if type(value) is not str:
                raise Invalid(path + [key], f"expected text, found {describe(value)}")
            if field.shared:
                value = sys.intern(value)
            if field.choices and value not in field.choices:
                raise Invalid(path + [key], f"unknown {key} '{value}' (expected one of {', '.join(field.choices)})")
        elif kind == "texts":
            if type(value) is not list:
                raise Invalid(path + [key], f"expected a list of texts [...], found {describe(value)}")
            for i, item in enumerate(value):
                if type(item) is not str:
                    raise Invalid(path + [key, i], f"expected text, found {describe(item)}")
            value = tuple(value)
        elif kind in ("number", "int"):
            value = _number(value, field, path + [key])
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


def read_list(record: dict[str, Any], key: str, fields: Spec, path: JsonPath,
              warnings: list[str]) -> list[tuple[JsonPath, dict[str, Any]]]:
    """The records of a list field, each checked, with its JSON path."""
    return [(path + [key, i], read_record(item, fields, path + [key, i], warnings))
            for i, item in enumerate(record.get(key, ()))]
