"""The bundled sample inspection against the report it was transcribed from, and against the schema.

Pure tests: no Qt. The report text in ``tests/data`` is the HM Inspectorate of Probation report on
Hertfordshire PDU (July 2024), unchanged; see ``tests/data/README.md``.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from viewer.formats.inspection_file import load_inspection
from viewer.model.inspection import FIGURE_TOPICS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "hertfordshire-pdu-2024.json"
SCHEMA = REPO / "resources" / "schema" / "inspection.schema.json"
REPORT = REPO / "tests" / "data" / "hmip-hertfordshire-pdu-2024.txt"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NUMBER_WORDS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
# A number as the report writes it: digits (with thousands commas) or a word ("eight out of 10").
_NUM = r"(\d[\d,]*|" + "|".join(w for w in NUMBER_WORDS if w != "no") + r")"
OUT_OF_PATTERNS = [
    # "25 out of 36", "eight out of 10", "43 out of the 54", "10 out of the cohort of 54", "12 out 35" (sic)
    (re.compile(rf"\b{_NUM} out (?:of )?(?:the )?(?:[a-z]+ of )?{_NUM}\b", re.IGNORECASE), "count_first"),
    # "Out of 42 relevant cases inspected, only 26 ...", "Out of the four ... standards, three ..."
    (re.compile(rf"\bOut of (?:the )?{_NUM}\b[^.]*?, (?:only )?{_NUM}\b"), "total_first"),
    # "one of eight PDUs"
    (re.compile(rf"\b{_NUM} of (?:the )?{_NUM}\b", re.IGNORECASE), "count_first"),
]


def _to_int(token: str) -> int:
    token = token.lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token.replace(",", ""))


def normalise(text: str) -> str:
    """Report text as a reader quotes it: no footnotes or footnote marks, page breaks and line ends as spaces."""
    kept = [line for line in text.splitlines() if line[:1] not in SUPERSCRIPTS or not line.strip()]
    joined = re.sub(f"[{SUPERSCRIPTS}]", "", "\n".join(kept))
    return re.sub(r"\s+", " ", joined).strip()


def numbers_in(sentence: str) -> set[float]:
    found = {float(t.replace(",", "")) for t in re.findall(r"\d[\d,]*(?:\.\d+)?", sentence)}
    found |= {float(NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", sentence.lower()) if w in NUMBER_WORDS}
    return found


def out_of_pairs(text: str) -> Counter:
    pairs: Counter = Counter()
    for pattern, order in OUT_OF_PATTERNS:
        for match in pattern.finditer(text):
            a, b = _to_int(match.group(1)), _to_int(match.group(2))
            pairs[(a, b) if order == "count_first" else (b, a)] += 1
    return pairs


@pytest.fixture(scope="module")
def raw_report() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(raw_report: str) -> str:
    return normalise(raw_report)


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


# --- the sample as the viewer reads it ---------------------------------------------------------

def test_sample_loads_without_warnings() -> None:
    inspection = load_inspection(SAMPLE)
    assert inspection.warnings == ()
    assert [s.code for s in inspection.standards] == ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]
    assert len(inspection.recommendations) == 7
    assert {f.topic for f in inspection.figures} == set(FIGURE_TOPICS)


def test_sample_is_utf8_with_the_reports_own_characters() -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    assert "\\u" not in text, "write characters as themselves, not \\u escapes"
    assert "–" in text  # the en dashes of the report


# --- every number is linked to a real sentence ------------------------------------------------

def test_report_copy_has_the_expected_out_of_phrases(report: str) -> None:
    # A guard on the regular expressions below: the report has 38 "x out of y" phrasings, plus
    # "Out of the four ..., three" and "one of eight".
    assert sum(out_of_pairs(report).values()) == 40


def test_every_out_of_phrase_is_a_figure(report: str, data: dict) -> None:
    in_report = out_of_pairs(report)
    in_sample = Counter((f["count"], f["total"]) for f in data["figures"] if "count" in f)
    missing = {f"{c} out of {t}": n - in_sample[(c, t)] for (c, t), n in in_report.items() if in_sample[(c, t)] < n}
    assert not missing, f"'x out of y' phrases in the report without enough figures (pair: how many missing): {missing}"


def test_every_figure_with_count_and_total_is_an_out_of_phrase(report: str, data: dict) -> None:
    in_report = out_of_pairs(report)
    extra = [f["id"] for f in data["figures"] if "count" in f and (f["count"], f["total"]) not in in_report]
    assert not extra


def test_figure_sentences_occur_verbatim_in_report(report: str, data: dict) -> None:
    missing = [f["id"] for f in data["figures"] if re.sub(r"\s+", " ", f["sentence"]) not in report]
    assert not missing, f"figure sentences not found in the report: {missing}"


def test_figure_sentences_are_whole_sentences(raw_report: str, report: str, data: dict) -> None:
    line_starts = {line.strip().removeprefix("- ")[:40] for line in raw_report.splitlines()}
    partial = []
    for figure in data["figures"]:
        sentence = figure["sentence"]
        assert not any(ch in SUPERSCRIPTS for ch in sentence), figure["id"]
        starts = sentence[0].isupper() and (
            sentence[:40] in line_starts or re.search(r"(?:[.?!:)”'] |- )" + re.escape(sentence), report)
        )
        ends = sentence.rstrip("'").endswith((".", ")")) and re.search(re.escape(sentence) + r"(?: |$)", report)
        if not (starts and ends):
            partial.append(figure["id"])
    assert not partial, f"figure sentences that are not whole sentences of the report: {partial}"


def test_figure_numbers_occur_in_their_sentence(data: dict) -> None:
    wrong = []
    for figure in data["figures"]:
        found = numbers_in(figure["sentence"])
        wanted = [figure[k] for k in ("count", "total", "value") if figure.get(k) is not None]
        if any(float(n) not in found for n in wanted):
            wrong.append((figure["id"], wanted, sorted(found)))
    assert not wrong, f"figures whose numbers are not in their sentence: {wrong}"


def test_out_of_figures_have_no_value_and_percentages_are_in_range(data: dict) -> None:
    for figure in data["figures"]:
        if "count" in figure:
            assert "value" not in figure and "total" in figure, figure["id"]
        if figure.get("unit") == "percent":
            assert 0 <= figure["value"] <= 200, figure["id"]  # workloads run above 100 per cent


@pytest.mark.parametrize("pair,sentence_start", [
    ((32, 35), "In our survey, 32 out of 35 staff"),
    ((12, 35), "This was not meeting staff needs, with only 12 out 35"),
    ((8, 10), "Where cases were inspected with accredited programme requirements"),
    ((26, 42), "Out of 42 relevant cases inspected, only 26"),
    ((10, 54), "Whilst it may be difficult to draw any direct causality"),
])
def test_tricky_out_of_phrasings(data: dict, pair: tuple[int, int], sentence_start: str) -> None:
    assert any((f.get("count"), f.get("total")) == pair and f["sentence"].startswith(sentence_start)
               for f in data["figures"])


def test_repeated_out_of_phrases_keep_one_figure_per_section(data: dict) -> None:
    crs = [f for f in data["figures"] if (f.get("count"), f.get("total")) == (15, 44)]
    assert sorted(f["standard"] for f in crs) == ["P1.3", "P2.3"]


@pytest.mark.parametrize("value,unit", [
    (1204588, "people"), (24.2, "percent"), (24, "percent"), (9.6, "FTE"), (85, "FTE"), (1003, "people"),
    (675, "people"), (554, "people"), (600, "enquiries"), (54, "enquiries"), (117, "percent"), (150, "percent"),
    (58, "percent"), (61, "percent"), (19, "percent"), (96, "percent"), (30, "percent"), (74, "percent"),
    (83, "percent"), (56, "percent"), (84, "days"), (200, None), (77, "people"), (62, "surveys"),
])
def test_key_figures_are_present(data: dict, value: float, unit: str | None) -> None:
    assert any(f.get("value") == value and f.get("unit") == unit for f in data["figures"])


def test_figure_ids_unique_and_references_resolve(data: dict) -> None:
    ids = [f["id"] for f in data["figures"]]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    codes = {s["code"] for s in data["standards"]}
    assert {f["standard"] for f in data["figures"] if "standard" in f} <= codes
    for gap in data["service_gaps"]:
        assert set(gap["figure_ids"]) <= set(ids), gap["area"]
        assert gap.get("standard") in codes
    areas = [g["area"] for g in data["service_gaps"]]
    assert len(areas) == len(set(areas))
    for rec in data["recommendations"]:
        assert set(rec.get("gap_areas", [])) <= set(areas), rec["number"]
        assert set(rec.get("standards", [])) <= codes, rec["number"]


# --- text transcribed from the report ----------------------------------------------------------

def test_standard_texts_occur_verbatim_in_report(report: str, data: dict) -> None:
    missing = []
    for standard in data["standards"]:
        for key in ("statement", "summary"):
            if key in standard and standard[key] not in report:
                missing.append((standard["code"], key))
        for key in ("strengths", "areas_for_improvement"):
            missing += [(standard["code"], key, t[:50]) for t in standard.get(key, []) if t not in report]
    assert not missing


def test_every_bullet_of_each_standard_is_transcribed(raw_report: str, data: dict) -> None:
    sections = re.split(r"^P \d\.\d\. ", raw_report, flags=re.MULTILINE)[1:]
    by_code = {s["code"]: s for s in data["standards"]}
    for section, code in zip(sections, by_code):
        body = section.split("\nFeedback from people on probation")[0].split("\nOutcomes\n")[0]
        bullets = len(re.findall(r"^- ", body, flags=re.MULTILINE))
        standard = by_code[code]
        assert len(standard["strengths"]) + len(standard["areas_for_improvement"]) == bullets, code
        assert standard["statement"] in normalise(section)


def test_domain_one_standards_have_summaries_and_domain_two_do_not(data: dict) -> None:
    for standard in data["standards"]:
        if standard["code"].startswith("P1"):
            assert standard["summary"].strip(), standard["code"]
        else:
            assert "summary" not in standard


def test_service_gap_evidence_occurs_verbatim_in_report(report: str, data: dict) -> None:
    missing = [(g["area"], e[:50]) for g in data["service_gaps"] for e in g["evidence"] if e not in report]
    assert not missing


def test_recommendations_are_verbatim(raw_report: str, data: dict) -> None:
    block = raw_report.split("Hertfordshire PDU should:")[1].split("\nBackground\n")[0]
    in_report = [(int(n), t) for n, t in re.findall(r"^(\d+)\. (.+)$", block, flags=re.MULTILINE)]
    assert len(in_report) == 7
    assert [(r["number"], r["text"]) for r in data["recommendations"]] == in_report


def test_key_question_percentages_match_report_tables(raw_report: str, data: dict) -> None:
    tables = {q: int(p) for q, p in re.findall(r"^(.+\?)\t(\d+)%$", raw_report, flags=re.MULTILINE)}
    assert len(tables) == 12
    in_sample = {q["question"]: q["percent_yes"] for s in data["standards"] for q in s.get("key_questions", [])}
    assert in_sample == tables


# --- the schema ---------------------------------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema(schema: dict) -> None:
    Draft202012Validator.check_schema(schema)


def test_sample_validates_against_schema(schema: dict, data: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(data)]
    assert not errors


def _percent_120(d: dict) -> None:
    d["standards"][3]["key_questions"][0]["percent_yes"] = 120


def _no_unit(d: dict) -> None:
    del d["unit"]


def _wrong_format(d: dict) -> None:
    d["format"] = "inspection-viewer/2"


def _no_format(d: dict) -> None:
    del d["format"]


def _blank_framework(d: dict) -> None:
    d["framework"] = "  "


def _unknown_topic(d: dict) -> None:
    d["figures"][0]["topic"] = "weather"


def _unknown_theme(d: dict) -> None:
    d["standards"][3]["key_questions"][0]["theme"] = "speed"


def _fractional_score(d: dict) -> None:
    d["overall"]["score"] = 4.5


def _negative_score(d: dict) -> None:
    d["overall"]["score"] = -1


def _rating_number(d: dict) -> None:
    d["standards"][0]["rating"] = 3


def _figure_without_label(d: dict) -> None:
    del d["figures"][0]["label"]


def _gap_without_title(d: dict) -> None:
    del d["service_gaps"][0]["title"]


def _recommendation_number_zero(d: dict) -> None:
    d["recommendations"][0]["number"] = 0


def _standard_without_code(d: dict) -> None:
    del d["standards"][0]["code"]


def _question_without_text(d: dict) -> None:
    del d["standards"][3]["key_questions"][0]["question"]


def _percent_as_text(d: dict) -> None:
    d["standards"][3]["key_questions"][0]["percent_yes"] = "59%"


@pytest.mark.parametrize("breakage", [
    _percent_120, _no_unit, _wrong_format, _no_format, _blank_framework, _unknown_topic, _unknown_theme,
    _fractional_score, _negative_score, _rating_number, _figure_without_label, _gap_without_title,
    _recommendation_number_zero, _standard_without_code, _question_without_text, _percent_as_text,
])
def test_broken_copies_fail_schema_validation(schema: dict, data: dict, breakage) -> None:
    broken = copy.deepcopy(data)
    breakage(broken)
    assert not Draft202012Validator(schema).is_valid(broken)


def test_schema_allows_what_the_loader_allows(schema: dict, data: dict) -> None:
    relaxed = copy.deepcopy(data)
    relaxed["overall"] = {"rating": None, "score": None, "max_score": 21}
    relaxed["standards"][3]["key_questions"][0]["percent_yes"] = None
    relaxed["standards"][0]["rating"] = "requires improvement"  # a variant spelling: the loader warns, not fails
    relaxed["notes"] = "checked against the PDF"
    relaxed["something_new"] = True  # unknown keys: the loader warns and ignores them
    assert Draft202012Validator(schema).is_valid(relaxed)


def test_schema_documents_every_property(schema: dict) -> None:
    undocumented = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    undocumented.append(f"{path}.{name}")
            for key, sub in node.items():
                walk(sub, f"{path}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}[{i}]")

    walk(schema, "$")
    assert not undocumented
