"""The library of published outcomes: rebuilt identically from its sources, every value quoted exactly,
every rating and score valid, conflicts kept, and the command line's table."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest

from viewer.cli import main
from viewer.cli.outcomes import record
from viewer.library import Outcome, history, load_library, select
from viewer.library.build import build, inspection_of, outcomes_dir, records, write_library
from viewer.model.framework import load_framework
from viewer.model.ratings import Rating

LIBRARY = load_library()


def test_the_library_is_what_its_sources_and_overrides_build(tmp_path):
    """`make library` was run after the last change to the sources, overrides or importer."""
    written = write_library(build(), tmp_path)
    stored = sorted((outcomes_dir() / "library").glob("*.json"))
    assert [p.name for p in sorted(written)] == [p.name for p in stored]
    for path in stored:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_coverage():
    assert len(LIBRARY) >= 150
    frameworks = Counter(o.inspection.framework_id for o in LIBRARY)
    for programme in ("hmip-probation-crc-nps-2018", "hmip-probation-pdu-2021", "hmip-probation-pdu-2023",
                      "hmip-probation-regional-2024", "hmip-probation-national-2025", "hmip-youth-2018",
                      "hmip-youth-2021", "hmip-youth-2025"):
        assert frameworks[programme] >= 1, programme


def test_every_quotation_is_in_its_stored_source_word_for_word():
    checked = 0
    for outcome in LIBRARY:
        inspection = outcome.inspection
        by_id = {s.id: s for s in inspection.sources}
        for quote in inspection.quotes:
            source = by_id[quote.source]
            assert quote.quote in (source.url if quote.in_address else source.text), (outcome.id, quote)
            checked += 1
    assert checked > 3 * len(LIBRARY)


def test_every_value_shown_has_a_quotation():
    for outcome in LIBRARY:
        inspection = outcome.inspection
        quoted = {q.field for q in inspection.quotes}
        assert "unit.name" in quoted, outcome.id
        if inspection.overall.rating is not None:
            assert inspection.overall.rating.label in {q.value for q in inspection.quotes_for("overall.rating")}
        if inspection.overall.score is not None:
            assert str(inspection.overall.score) in {q.value for q in inspection.quotes_for("overall.score")}
        if inspection.unit.region:
            assert inspection.unit.region in {q.value for q in inspection.quotes_for("unit.region")}
        if inspection.report.published:
            assert inspection.report.published in {q.value for q in inspection.quotes_for("report.published")}
        for standard in inspection.standards:
            assert f"standards.{standard.code}.rating" in quoted, (outcome.id, standard.code)


def test_ratings_are_the_four_labels_and_scores_within_the_framework_range():
    labels = {r.label for r in Rating}
    for outcome in LIBRARY:
        inspection = outcome.inspection
        framework = load_framework(inspection.framework_id)
        for quote in inspection.quotes:
            if quote.field.endswith("rating"):
                assert quote.value in labels, (outcome.id, quote)
        if inspection.overall.score is not None:
            assert framework.max_score is not None, outcome.id
            assert 0 <= inspection.overall.score <= framework.max_score, outcome.id
        for standard in inspection.standards:
            assert framework.definition(standard.code) is not None, (outcome.id, standard.code)


def test_where_sources_disagree_both_are_kept_and_the_value_left_empty():
    folder = outcomes_dir()
    all_records, sources = records(folder)
    first, second = [r for r in all_records if r.unit == "Kirklees PDU" and r.year == "2023"][:2]
    # the same inspection stated twice with different ratings: nothing is picked
    second.values["overall.rating"] = [("Good", second.values["unit.name"][0][1], False)]
    merged = inspection_of([first, second], sources)
    assert merged.overall.rating is None
    assert {q.value for q in merged.quotes_for("overall.rating")} == {"Inadequate", "Good"}


def test_units_inspected_twice_are_both_kept_and_linked():
    for unit in ("Kirklees PDU", "Sheffield PDU", "Derby City PDU", "Essex North PDU",
                 "Leicester, Leicestershire and Rutland PDU"):
        found = select(LIBRARY, unit=unit)
        assert len(found) >= 2, unit
        assert [o.id for o in history(found[0].inspection, LIBRARY)] == [o.id for o in history(found[1].inspection,
                                                                                               LIBRARY)]
    # a county's probation service is not its youth justice service
    kirklees = select(LIBRARY, unit="Kirklees PDU")[0].inspection
    assert all(o.inspection.unit.kind == "PDU" for o in history(kirklees, LIBRARY))


def test_a_programme_no_sentence_names_is_said_to_be_inferred():
    for outcome in LIBRARY:
        inspection = outcome.inspection
        if not inspection.quotes_for("framework"):
            assert inspection.report.framework_note.startswith(("Programme inferred", "Programme assumed"))


def test_outcomes_json_has_each_value_with_its_quotation(capsys):
    assert main(["outcomes", "--framework", "hmip-probation-pdu-2021", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["framework"] == "hmip-probation-pdu-2021" for r in rows)
    sheffield = next(r for r in rows if r["unit"] == "Sheffield PDU" and r["overall_score"] is not None)
    assert (sheffield["overall_rating"], sheffield["overall_score"], sheffield["max_score"]) == ("Inadequate", 1, 27)
    for row in rows:
        for key in ("unit", "kind", "region", "framework", "published", "overall_rating", "overall_score",
                    "max_score", "standards", "source_url", "quotes", "source_text"):
            assert key in row
        for field, quote in row["quotes"].items():
            assert quote in row["source_text"] or quote in (row["source_url"] or "") or any(
                quote in (s["url"] or "") for s in row["sources"]), (row["unit"], field)


def test_outcomes_csv_and_region_filter(capsys):
    assert main(["outcomes", "--region", "north west", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["region"] for r in rows} == {"North West"}
    assert {"Cumbria PDU", "Knowsley and St Helens PDU"} <= {r["unit"] for r in rows}


def test_outcomes_unknown_framework_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["outcomes", "--framework", "hmip-probation-pdu-2099"])
    assert stopped.value.code == 2
    assert "unknown framework" in capsys.readouterr().err


def test_a_record_names_its_conflicts_and_not_two_wordings_of_one_name():
    folder = outcomes_dir()
    all_records, sources = records(folder)
    first, second = [r for r in all_records if r.unit == "Kirklees PDU" and r.year == "2023"][:2]
    second.values["overall.rating"] = [("Good", second.values["unit.name"][0][1], False)]
    row = record(Outcome("kirklees", inspection_of([first, second], sources)))
    assert row["overall_rating"] is None
    assert {c["value"] for c in row["conflicts"]["overall.rating"]} == {"Inadequate", "Good"}
    assert "unit.name" not in row["conflicts"]
    assert not any(record(o)["conflicts"] for o in LIBRARY)  # the library as built has none left
