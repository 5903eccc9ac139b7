"""One description of an inspection's fields (``model.fields``): the inspection file, the workbook and the
JSON Schema all follow it."""

from __future__ import annotations

import dataclasses
import json

import pytest

from viewer.formats.inspection_file import fields as json_fields
from viewer.formats.workbook.layout import SHEET
from viewer.model import fields
from viewer.model.inspection import Inspection
from viewer.resource_files import resource_path

SCHEMA = json.loads(resource_path("schema", "inspection.schema.json").read_text(encoding="utf-8"))
RECORDS = [fields.UNIT, fields.REPORT, fields.OVERALL, fields.CASES, *fields.LISTS.values(), *fields.PROVENANCE.values()]
# What a record's dataclass holds that is not a value of its own: a standard's key questions are a list.
NOT_VALUES = {("standard", "key_questions")}


def _schema_of(record: fields.Record) -> dict:
    return SCHEMA["$defs"][record.name] if record.name in SCHEMA["$defs"] else SCHEMA["properties"][record.name]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.name)
def test_every_value_of_the_model_is_described(record):
    described = {f.key for f in record.fields}
    own = {f.name for f in dataclasses.fields(record.type)}
    assert own - described == {key for name, key in NOT_VALUES if name == record.name}


def test_every_part_of_an_inspection_has_a_record():
    parts = {f.name for f in dataclasses.fields(Inspection)}
    named = {r.name for r in fields.INSPECTION_PARTS} | (set(fields.LISTS) - {"key_questions"}) | set(fields.PROVENANCE)
    assert parts - named == {"framework_id", "source_path", "source_part", "warnings"}


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.name)
def test_the_json_schema_follows_the_description(record):
    schema = _schema_of(record)
    properties = schema["properties"]
    structural = {"standard": {"key_questions", "domain"}, "overall": {"max_score"}}.get(record.name, set())
    assert set(properties) == {f.key for f in record.fields} | structural
    assert sorted(schema.get("required", [])) == sorted(f.key for f in record.fields if f.required)
    for f in record.fields:
        prop = properties[f.key]
        if f.choices:
            assert [c for c in prop["enum"] if c is not None] == list(f.choices), f.key
        if f.kind in ("number", "int") and f.key != "score":  # the score's top is the framework's maximum
            assert (prop.get("minimum"), prop.get("maximum")) == (f.low, f.high), f.key
        if f.kind in ("texts", "ids"):
            assert "array" in prop["type"], f.key


def test_the_inspection_file_checks_and_the_workbook_columns_come_from_it():
    assert set(json_fields.FIGURE) == {f.key for f in fields.FIGURE.fields}
    assert json_fields.FIGURE.required == ("id", "topic", "label")
    assert json_fields.FIGURE["id"].shared
    figures = SHEET["figures"].column_names
    assert figures == ("inspection_id", "figure_id", "topic", "label", "value", "unit", "count", "total",
                       "standard", "section", "sentence")
    head = SHEET["inspections"].column_names
    assert head[:3] == ("id", "format_version", "framework")
    assert set(head[3:]) == {f.column_name for r in fields.INSPECTION_PARTS for f in r.fields}
