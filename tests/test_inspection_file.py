"""Loading inspection files: every defect gets a message naming the file, the place and what was expected."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from viewer.formats.errors import LoadError, NotJsonError, SchemaError, UnknownFrameworkError, UnreadableFileError
from viewer.formats.inspection_file import load_inspection, save_inspection
from viewer.model.ratings import Rating

from conftest import BAD, DATA

# (file, error class, the place named, words the message must contain)
BAD_FILES = [
    ("empty.json", UnreadableFileError, "", "the file is empty"),
    ("not-json.json", NotJsonError, "line 4", "not valid JSON: Expecting ',' delimiter"),
    ("not-utf8.json", UnreadableFileError, "line 7", "not UTF-8 text"),
    ("wrong-format.json", SchemaError, "line 2, $.format", 'this viewer reads "inspection-viewer/1"'),
    ("unknown-framework.json", UnknownFrameworkError, "line 3, $.framework",
     "unknown framework 'hmip-youth-2099' (known: hmip-probation-crc-nps-2018, hmip-probation-dynamic-2025, "
     "hmip-probation-national-2025, hmip-probation-pdu-2021, hmip-probation-pdu-2023, "),
    ("missing-unit.json", SchemaError, "$.unit", "required key 'unit' is missing or empty"),
    ("percent-out-of-range.json", SchemaError, "line 26, $.standards[1].key_questions[0].percent_yes",
     "117 is outside the range 0 to 100"),
    ("percent-as-text.json", SchemaError, "line 26, $.standards[1].key_questions[0].percent_yes",
     'expected a number (a percentage), found text "17%"'),
    ("score-out-of-range.json", SchemaError, "line 11, $.overall.score", "25 is outside the range 0 to 21"),
    ("duplicate-standard-code.json", SchemaError, "line 31, $.standards[2].code",
     "standard code 'P1.1' appears twice (first at $.standards[0])"),
    ("unknown-rating-label.json", SchemaError, "line 17, $.standards[0].rating",
     "unknown rating label 'Satisfactory' (expected one of 'Inadequate', 'Requires improvement', 'Good', 'Outstanding')"),
]


def test_every_bad_file_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(name for name, *_ in BAD_FILES)


@pytest.mark.parametrize("name, kind, place, words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_message(name, kind, place, words):
    path = BAD / name
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(kind) as caught:
        load_inspection(path)
    err = caught.value
    assert isinstance(err, LoadError)
    assert err.path == str(path) and str(path) in str(err)
    assert err.place == place
    assert words in err.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "a loader must never write to its input"


def test_file_over_20_mb_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.json"
    with open(big, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: fast to make, still 21 MB by size
    with pytest.raises(UnreadableFileError, match=r"huge.json: file is 21 MB; inspection files are limited to 20 MB"):
        load_inspection(big)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableFileError, match="file not found"):
        load_inspection(tmp_path / "nope.json")
    with pytest.raises(UnreadableFileError, match="this is a folder"):
        load_inspection(tmp_path)


def test_variant_rating_spellings_load_with_warnings():
    inspection = load_inspection(DATA / "variant-rating-spelling.json")
    assert inspection.standard("P1.1").rating == Rating.REQUIRES_IMPROVEMENT
    assert inspection.overall.rating == Rating.GOOD
    assert inspection.warnings == (
        "$.overall.rating: rating 'GOOD' read as 'Good'; please use that spelling",
        "$.standards[0].rating: rating 'requires  Improvement' read as 'Requires improvement'; please use that spelling",
    )


def test_missing_published_values_are_none(tmp_path):
    path = tmp_path / "sparse.json"
    path.write_text(json.dumps({
        "format": "inspection-viewer/1", "framework": "hmip-probation-pdu-2023",
        "unit": {"name": "Sparse PDU"}, "overall": {"rating": None, "score": None},
        "standards": [{"code": "P2.1", "rating": None, "key_questions": [{"question": "q", "percent_yes": None}]}],
    }), encoding="utf-8")
    inspection = load_inspection(path)
    assert inspection.overall.rating is None and inspection.overall.score is None
    assert inspection.standard("P2.1").key_questions[0].percent_yes is None
    assert inspection.warnings == ()


def test_unknown_keys_warn(tmp_path):
    path = tmp_path / "typo.json"
    path.write_text(json.dumps({"format": "inspection-viewer/1", "framework": "hmip-probation-pdu-2023",
                                "unit": {"name": "X"}, "standard": []}), encoding="utf-8")
    assert load_inspection(path).warnings == ("$.standard: unknown key 'standard' ignored",)


def test_utf8_bom_is_accepted(tmp_path, sample_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + sample_path.read_bytes())
    assert load_inspection(path).unit.name == "Hertfordshire PDU"


def test_round_trip_through_save_is_identical(tmp_path, sample_path):
    original = load_inspection(sample_path)
    out = tmp_path / "copy.json"
    save_inspection(original, out)
    again = load_inspection(out)
    assert again == replace(original, source_path=str(out))
    assert [p.name for p in tmp_path.iterdir()] == ["copy.json"], "no temporary file is left behind"


def test_a_unit_without_a_name_loads_and_says_so():
    inspection = load_inspection(DATA / "unit-not-stated.json")
    assert inspection.unit.name is None and inspection.unit.shown_name == "unit not stated"
    assert inspection.title == "unit not stated"
