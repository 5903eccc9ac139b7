"""Hostile inspection files: numbers JSON does not have, numbers no computer holds, nesting thousands deep,
repeated keys, text that is not Unicode, megabyte values in messages, files the viewer could not read back.
Each ends in a plain message at its JSON path (or a warning), never a traceback, never a wrong rating."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from viewer.formats.errors import LoadError, NotJsonError, SchemaError, WriteError
from viewer.formats.inspection_file import load_inspection, parse_inspection_text, save_inspection
from viewer.formats.inspection_file.fast_read import fast_inspection
from viewer.formats.inspection_file.read import inspection_from_data
from viewer.formats.inspection_file.fields import Invalid
from viewer.formats.inspection_file.write import MAX_FILE_BYTES
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.model.ratings import Rating

PERCENT = '"percent_yes": 17'  # P2.1's third key question in the sample (keeping other people safe)
PERCENT_PLACE = "$.standards[3].key_questions[2].percent_yes"


@pytest.fixture
def sample_text(sample_path) -> str:
    return sample_path.read_text(encoding="utf-8")


def _file(tmp_path, text: str, name: str = "hostile.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path) -> LoadError:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(LoadError) as caught:
        load_inspection(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert "Traceback" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("token, words", [
    ("NaN", "NaN is not a number JSON allows (JSON has no NaN or Infinity)"),
    ("Infinity", "Infinity is not a number JSON allows"),
    ("-Infinity", "-Infinity is not a number JSON allows"),
    ("1e400", "the number 1e400 is too large to be read"),
    ("9" * 5000, "a whole number of 5,000 digits is too large to be read"),
    ("1" + "0" * 400, "a whole number of 401 digits is outside the range 0 to 100 (a percentage)"),
    ("1e20", "1e+20 is outside the range 0 to 100 (a percentage)"),
])
def test_numbers_json_has_not_or_no_computer_holds_are_refused_at_their_path(tmp_path, sample_text, token, words):
    assert sample_text.count(PERCENT) == 1
    error = _refused(_file(tmp_path, sample_text.replace(PERCENT, f'"percent_yes": {token}')))
    assert isinstance(error, SchemaError)
    assert error.location == PERCENT_PLACE and error.line is not None
    assert words in error.message
    assert len(str(error)) < 400  # a 5,000-digit number is not repeated


def test_nan_is_refused_even_where_the_viewer_ignores_the_value(tmp_path, sample_text):
    text = sample_text.replace('"format"', '"notes": {"a": [1, NaN]},\n  "format"', 1)
    error = _refused(_file(tmp_path, text))
    assert error.place == "line 2, $.notes.a[1]" and "NaN is not a number JSON allows" in error.message


def test_a_nan_percentage_never_decides_a_rating(sample_path):
    """NaN compares false with every bound: if it got past the range check, the lowest key question would
    be whichever came first and the standard would be rated from it."""
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["standards"][3]["key_questions"][2]["percent_yes"] = float("nan")
    with pytest.raises(Invalid) as caught:
        inspection_from_data(data)
    assert caught.value.json_path == ["standards", 3, "key_questions", 2, "percent_yes"]
    assert "expected a number (a percentage), found the number NaN" in caught.value.message
    sample = load_inspection(sample_path)
    assert assess(sample, load_framework(sample.framework_id)).standard("P2.1").computed == Rating.INADEQUATE


@pytest.mark.parametrize("depth", [260, 5000, 100_000])
def test_a_json_error_deep_inside_nested_lists_is_a_plain_message(tmp_path, sample_text, depth):
    nested = "[" * depth + "1,]" + "]" * (depth - 1)  # a trailing comma at the bottom
    error = _refused(_file(tmp_path, sample_text.replace('"format"', f'"notes": {nested},\n  "format"', 1)))
    assert isinstance(error, NotJsonError)
    assert "not valid JSON" in error.message and "Recursion" not in str(error)


def test_valid_but_deep_nesting_where_an_object_belongs_is_named(tmp_path, sample_text):
    nested = "[" * 300 + "]" * 300
    error = _refused(_file(tmp_path, sample_text.replace('"unit": {', f'"unit": {nested}, "x": {{', 1)))
    assert error.location == "$.unit" and error.message == "expected an object {...}, found a list"


def test_repeated_keys_load_with_a_warning_and_the_last_value(tmp_path, sample_text):
    text = sample_text.replace('"name": "Hertfordshire PDU"', '"name": "Old: name", "name": "Hertfordshire PDU"', 1)
    text = text.replace(PERCENT, f'{PERCENT}, "percent_yes": 18')
    inspection = load_inspection(_file(tmp_path, text))
    assert inspection.unit.name == "Hertfordshire PDU"
    assert inspection.standard("P2.1").key_questions[2].percent_yes == 18
    assert inspection.warnings[:2] == (
        "$.unit.name: key 'name' is given 2 times in one object; the last value is used",
        f"{PERCENT_PLACE}: key 'percent_yes' is given 2 times in one object; the last value is used",
    )


def test_a_lone_surrogate_in_a_file_is_refused_at_its_path(tmp_path, sample_text):
    text = sample_text.replace('"Hertfordshire PDU"', '"Hertfordshire \\ud800 PDU"', 1)
    error = _refused(_file(tmp_path, text))
    assert error.location == "$.unit.name"
    assert "\\ud800 at character 15, half of a UTF-16 pair" in error.message


def test_megabyte_values_are_shortened_in_messages(tmp_path, sample_text):
    huge = "x" * 1_000_000
    for text in (sample_text.replace('"theme": "safety"', f'"theme": "{huge}"', 1),
                 sample_text.replace('"rating": "Inadequate"', f'"rating": "{huge}"', 1),
                 sample_text.replace('"framework": "hmip-probation-pdu-2023"', f'"framework": "{huge}"', 1),
                 sample_text.replace(PERCENT, f'"percent_yes": "{huge}"', 1)):
        error = _refused(_file(tmp_path, text))
        assert "1,000,000 characters" in error.message and len(str(error)) < 600, str(error)[:600]
    warned = load_inspection(_file(tmp_path, sample_text.replace('"format"', f'"{huge}": 1, "format"', 1)))
    assert len(warned.warnings[0]) < 300 and "(1,000,000 characters)" in warned.warnings[0]


@pytest.mark.parametrize("old, new, place", [
    ('"name": "Hertfordshire PDU"', '"name": "' + "X" * 1_000_000 + '"', "$.unit.name"),
    ('"theme": "safety"', '"theme": "safety", "question": "' + "Q" * 30_000 + '"', "$.standards[3].key_questions[2].question"),
])
def test_a_text_past_any_report_is_refused_before_a_tab_or_a_printout_meets_it(tmp_path, sample_text, old, new,
                                                                                 place):
    """A 1 MB unit name took minutes to print and gigabytes to show: names stop at 1,000 characters, the
    report's paragraphs at 20,000."""
    error = _refused(_file(tmp_path, sample_text.replace(old, new, 1)))
    assert place in str(error) and "may have at most" in error.message and len(str(error)) < 400


def test_a_workbook_cell_past_its_columns_limit_is_refused_at_its_place(tmp_path, sample_path):
    import csv

    from viewer.formats.workbook import WorkbookError, read_workbook, write_workbook

    folder = tmp_path / "book"
    write_workbook([load_inspection(sample_path)], folder)
    rows = list(csv.reader((folder / "inspections.csv").open(encoding="utf-8-sig")))
    rows[1][rows[0].index("unit_name")] = "Y" * 5_000
    with (folder / "inspections.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    with pytest.raises(WorkbookError) as refused:
        read_workbook(folder)
    assert refused.value.place == "file 'inspections.csv', row 2, column 'unit_name'"
    assert refused.value.message.endswith("unit_name may have at most 1,000")


# ---- the fast reader and the careful one agree ---------------------------------------------------------

VARIANTS = {
    "as written": lambda t: t,
    "with a byte-order mark": lambda t: "\ufeff" + t,
    "with notes": lambda t: t.replace('"format"', '"notes": "See: page 2", "format"', 1),
    "with a null": lambda t: t.replace('"format"', '"cases": null, "format"', 1),
    "an escaped colon": lambda t: t.replace('"Hertfordshire PDU"', '"Hertfordshire\\u003a PDU"', 1),
    "a colon in a name": lambda t: t.replace('"Hertfordshire PDU"', '"Hertfordshire: PDU"', 1),
    "a repeated key behind an escaped colon": lambda t: t.replace(
        '"name": "Hertfordshire PDU"', '"name": "a:b", "name": "Hertfordshire\\u003a PDU"', 1),
    "compact": lambda t: json.dumps(json.loads(t), separators=(",", ":")),
    "a whole number as 17.0": lambda t: t.replace(PERCENT, '"percent_yes": 17.0'),
    "a variant rating": lambda t: t.replace('"rating": "Inadequate"', '"rating": "INADEQUATE"', 1),
    "an unknown key": lambda t: t.replace('"format"', '"colour": "blue", "format"', 1),
    "a blank figure id": lambda t: t.replace('"id": "', '"id": " ", "x": "', 1),
    "an empty list": lambda t: t.replace('"format"', '"quotes": [], "format"', 1),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_the_fast_reader_gives_what_the_careful_reader_gives_or_leaves_it_to_it(sample_text, name):
    text = VARIANTS[name](sample_text)
    fast = fast_inspection(text.encode("utf-8"), "f.json")
    try:
        careful = parse_inspection_text(text.lstrip("\ufeff"), "f.json")
    except LoadError:
        careful = None
    if fast is not None:
        assert fast == careful and careful.warnings == ()
    if name in ("as written", "with a byte-order mark", "with notes", "a colon in a name", "compact",
                "an empty list"):
        assert fast is not None, "a plain file takes the fast way"
    if name == "a repeated key behind an escaped colon":
        assert fast is None and careful.warnings


# ---- writing: never what the viewer could not read back ----------------------------------------------

def test_text_utf8_cannot_hold_is_refused_by_field_and_the_target_is_untouched(tmp_path, sample_path):
    sample = load_inspection(sample_path)
    target = tmp_path / "out.json"
    target.write_text("the user's file", encoding="utf-8")
    broken = replace(sample, figures=sample.figures[:3] + (replace(sample.figures[3], label="half \udc80 pair"),))
    with pytest.raises(WriteError) as caught:
        save_inspection(broken, target)
    assert str(caught.value) == (f"{target}: cannot write $.figures[3].label: the text has \\udc80 at character 6, "
                                 "half of a UTF-16 pair and no character on its own, which UTF-8 cannot hold")
    assert target.read_text(encoding="utf-8") == "the user's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_file_larger_than_the_reader_takes_is_not_written(tmp_path, sample_path):
    sample = load_inspection(sample_path)
    huge = replace(sample, standards=(replace(sample.standards[0], summary="y" * MAX_FILE_BYTES),))
    with pytest.raises(WriteError, match=r"would be 20\.1 MB; inspection files are limited to 20 MB, the most the "
                                         r"viewer reads, so it would not open again"):
        save_inspection(huge, tmp_path / "huge.json")
    assert list(tmp_path.iterdir()) == []


def test_nan_reaching_a_writer_is_refused_at_its_place_in_every_format(tmp_path, sample_path):
    """Files are refused NaN when read; one made in code must not be written either (XlsxWriter raised a
    TypeError, the others wrote what the viewer would then refuse)."""
    from viewer.formats.workbook import WorkbookWriteError, write_workbook

    inspection = load_inspection(sample_path)
    standard = inspection.standards[3]
    bad = replace(standard, key_questions=(replace(standard.key_questions[0], percent_yes=float("nan")),)
                  + standard.key_questions[1:])
    inspection = replace(inspection, standards=inspection.standards[:3] + (bad,) + inspection.standards[4:])
    with pytest.raises(WriteError) as refused:
        save_inspection(inspection, tmp_path / "x.json")
    assert "$.standards[3].key_questions[0].percent_yes: nan is not a number JSON can hold" in str(refused.value)
    for name in ("x.xlsx", "x.ods", "x-tables"):
        with pytest.raises(WorkbookWriteError) as refused:
            write_workbook([inspection], tmp_path / name)
        assert "sheet 'key_questions', column 'percent_yes': nan is not a number" in str(refused.value)
    assert list(tmp_path.iterdir()) == []
