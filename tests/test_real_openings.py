"""The importer on 27 real openings of the inspectorate's texts (reports, report pages, press releases of
every programme since 2018): each gives the unit, overall rating, score and framework its facts file
records where the text states them, and nothing where it does not (tests/data/real-openings/README.md)."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from viewer.formats.published_report import parse_report_text
from viewer.formats.published_report.statements import fold

OPENINGS = DATA / "real-openings"
FACTS = sorted(OPENINGS.glob("*.facts.json"))
# The facts files name programmes; "youth-2018" is the 2018 standards, refreshed in 2021 (two frameworks here).
FRAMEWORKS = {"pdu-2023": {"hmip-probation-pdu-2023"}, "crc-nps-2018": {"hmip-probation-crc-nps-2018"},
              "youth-2018": {"hmip-youth-2018", "hmip-youth-2021"}}


def _imported(facts_path):
    text = facts_path.with_name(facts_path.name.replace(".facts.json", ".txt")).read_text(encoding="utf-8")
    return json.loads(facts_path.read_text(encoding="utf-8")), parse_report_text(text, source=facts_path.name)


@pytest.mark.parametrize("facts_path", FACTS, ids=[p.name.removesuffix(".facts.json") for p in FACTS])
def test_what_the_text_states_and_nothing_else(facts_path):
    facts, result = _imported(facts_path)
    inspection = result.inspection
    if facts["unit"] is None:
        assert inspection.unit.name is None  # several units, or none named: no unit is made up
    elif facts.get("unit_fragment") is not None:  # the text names it (one opening's name is only in its address)
        assert fold(inspection.unit.name or "") == fold(facts["unit"])
    rating = inspection.overall.rating.label if inspection.overall.rating else None
    assert rating == facts["overall_rating"]
    assert inspection.overall.score == facts.get("overall_score")
    if facts["framework"] in FRAMEWORKS:
        assert inspection.framework_id in FRAMEWORKS[facts["framework"]]
    if inspection.report.published:
        assert facts.get("year") == int(inspection.report.published[:4])


def test_the_programme_and_its_clue_are_said(tmp_path):
    _, result = _imported(OPENINGS / "london-three-pdus-press-release.facts.json")
    assert "framework hmip-probation-pdu-2021 (from 'out of a total of 27')" in result.found
    assert any(line.startswith("the text is about several units (Hammersmith, Fulham, Kensington, Chelsea and "
                               "Westminster PDU, Lambeth PDU, Ealing and Hillingdon PDU)") for line in result.found)
    _, press = _imported(OPENINGS / "leeds-pdu-press-release.facts.json")
    assert press.inspection.report.document == "press release"
    assert "a press release: only what it states is imported" in press.found
    assert press.inspection.unit.kind == "PDU"
