"""Every inspection programme since 2018 as a framework file: its shape, the status of each rule, the
`frameworks` command, and `check` on a fictional inspection of each (tests/data/frameworks/)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import DATA, run_cli
from viewer.formats.inspection_file import load_inspection
from viewer.model.framework import STATUSES, all_frameworks, available_frameworks, load_framework
from viewer.model.rating_rules import assess

SAMPLES = DATA / "frameworks"
MAX_SCORES = {"hmip-probation-crc-nps-2018": 30, "hmip-probation-pdu-2021": 27, "hmip-probation-pdu-2023": 21,
              "hmip-youth-2018": 36, "hmip-youth-2021": 36, "hmip-youth-2025": None,
              "hmip-probation-regional-2024": None, "hmip-probation-national-2025": None,
              "hmip-probation-dynamic-2025": None}


def test_every_programme_has_a_framework_with_its_maximum_score():
    assert available_frameworks() == sorted(MAX_SCORES)
    for framework in all_frameworks():
        assert framework.max_score == MAX_SCORES[framework.id], framework.id
        assert framework.name and framework.years and framework.programme


@pytest.mark.parametrize("framework_id", sorted(MAX_SCORES))
def test_every_rule_says_how_sure_it_is_and_every_source_quotes(framework_id):
    framework = load_framework(framework_id)
    for band in framework.key_question_bands + framework.overall_bands:
        assert band.status in STATUSES and band.source, (framework_id, band)
    assert framework.sources, "a framework cites where its rules come from"
    for source in framework.sources:
        assert source.url.startswith(("https://", "http://", "report: ")) and len(source.quote) > 5
    if framework.points:
        assert framework.points_rule is not None and framework.points_rule.status in STATUSES
    else:
        assert framework.overall_rule is not None, "without points, the file says what is known of the overall rule"
    codes = [s.code for s in framework.standards]
    assert len(codes) == len(set(codes)) and all(s.domain in framework.domains for s in framework.standards)


def test_standards_counted_and_kinds_of_unit():
    crc = load_framework("hmip-probation-crc-nps-2018")
    assert [s.code for s in crc.standards_for("CRC")][-2:] == ["4.1", "4.2"]
    assert [s.code for s in crc.standards_for("NPS division")][-2:] == ["3.1", "3.2"]
    youth = load_framework("hmip-youth-2021")
    assert [s.code for s in youth.standards if not s.counts_in_score] == ["4.1"]  # resettlement, rated apart
    assert load_framework("hmip-youth-2018").definition("3.4").name == "Joint working"
    assert youth.definition("3.4").name == "Out-of-court disposal policy and provision"


@pytest.mark.parametrize("framework_id, computed, score", [
    ("hmip-probation-crc-nps-2018", "Requires improvement", 13),
    ("hmip-probation-pdu-2021", "Inadequate", 3),
    ("hmip-youth-2018", "Good", 24),
    ("hmip-youth-2021", "Outstanding", 32),  # 4.1 (Inadequate) is not in the score
    ("hmip-youth-2025", None, None),
    ("hmip-probation-regional-2024", None, None),
    ("hmip-probation-national-2025", None, None),
    ("hmip-probation-dynamic-2025", None, None),
])
def test_check_computes_what_each_framework_allows(framework_id, computed, score):
    result = run_cli("check", "--json", str(SAMPLES / f"{framework_id}.json"))
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)
    assert report["overall"]["computed"] == computed and report["overall"]["score_computed"] == score
    assert report["overall"]["max_score"] == MAX_SCORES[framework_id]
    if computed is not None:
        assert report["overall"]["published"] == computed and report["warnings"] == []
        lowest = [s["lowest_percent"] for s in report["standards"] if s["lowest_percent"] is not None]
        assert lowest and all(s["computed"] for s in report["standards"] if s["lowest_percent"] is not None)


def test_why_nothing_is_computed_is_said():
    regional = load_inspection(SAMPLES / "hmip-probation-regional-2024.json")
    rule = assess(regional, load_framework(regional.framework_id)).overall.rule
    assert rule.startswith("HMI Probation regional inspections (2023 programme) gives no score the viewer can compute")
    crc = load_inspection(SAMPLES / "hmip-probation-crc-nps-2018.json")
    unknown_kind = replace(crc, unit=replace(crc.unit, kind=None),
                           standards=tuple(s for s in crc.standards if not s.code.startswith("4.")))
    rule = assess(unknown_kind, load_framework(crc.framework_id)).overall.rule
    assert "rates each kind of unit (CRC, NPS) on its own standards" in rule
    pdu = load_inspection(DATA.parent.parent / "resources" / "samples" / "hertfordshire-pdu-2024.json")
    overall = assess(pdu, load_framework(pdu.framework_id)).overall
    assert "(consistent with every published outcome found, but not published as a rule)" in overall.rule


def test_frameworks_command_lists_them_all():
    text = run_cli("frameworks")
    assert text.returncode == 0
    assert "hmip-youth-2021  HMI Probation youth justice service inspections (2021 refreshed standards)" in text.stdout
    assert "3.1 (code inferred)" in text.stdout and "not in the score" in text.stdout
    listed = json.loads(run_cli("frameworks", "--json").stdout)
    assert [f["id"] for f in listed] == sorted(MAX_SCORES)
    for record in listed:
        assert {"id", "name", "years", "max_score", "standards"} <= set(record)
    pdu = next(f for f in listed if f["id"] == "hmip-probation-pdu-2023")
    assert pdu["max_score"] == 21 and pdu["standards"][3] == {
        "code": "P2.1", "name": "Assessment", "domain": 2, "domain_name": "Service delivery",
        "rated_by_key_questions": True, "applies_to": [], "counts_in_score": True, "code_status": "confirmed"}
