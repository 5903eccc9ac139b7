"""What an imported report is checked against: the bundled sample transcribed from the same report.
Shared by the importer's tests (a helper module, not a test module)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conftest import DATA, REPO
from viewer.formats.published_report import ImportResult, import_report
from viewer.model.inspection import Figure, Inspection

SEED = DATA / "hmip-hertfordshire-pdu-2024.txt"
REPORTS = DATA / "reports"
SAMPLE = REPO / "resources" / "samples" / "hertfordshire-pdu-2024.json"
FIGURE_TARGET = 0.95


def _fold(text: str | None) -> str:
    text = (text or "").translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.split())


def _numbers(figure: Figure) -> tuple:
    if figure.count is not None or figure.total is not None:
        return ("pair", figure.count, figure.total)
    return ("value", None if figure.value is None else round(float(figure.value), 3))


@dataclass
class Comparison:
    differences: list[str]
    matched: int
    unmatched: list[str]  # sample figure ids without an imported figure

    @property
    def figure_share(self) -> float:
        return self.matched / (self.matched + len(self.unmatched))


def match_figures(sample: tuple[Figure, ...], imported: tuple[Figure, ...]) -> tuple[int, list[str]]:
    """Match by numbers (count/total, or value) and then by sentence, else by section; ids and labels may differ."""
    free = list(imported)
    matched, unmatched = 0, []
    for wanted in sample:
        same_numbers = [f for f in free if _numbers(f) == _numbers(wanted)]
        by_sentence = [f for f in same_numbers if _fold(f.sentence) == _fold(wanted.sentence)]
        by_section = [f for f in same_numbers if _fold(f.section) == _fold(wanted.section)]
        found = (by_sentence or by_section or [None])[0]
        if found is None:
            unmatched.append(wanted.id)
        else:
            free.remove(found)
            matched += 1
    return matched, unmatched


def compare_with_sample(inspection: Inspection, sample: Inspection) -> Comparison:
    differences = []

    def check(what: str, got, wanted) -> None:
        if got != wanted:
            differences.append(f"{what}: imported {got!r}, sample {wanted!r}")

    check("overall rating", inspection.overall.rating, sample.overall.rating)
    check("score", inspection.overall.score, sample.overall.score)
    check("standards", [s.code for s in inspection.standards], [s.code for s in sample.standards])
    for wanted in sample.standards:
        got = inspection.standard(wanted.code)
        if got is None:
            continue
        check(f"{wanted.code} rating", got.rating, wanted.rating)
        check(f"{wanted.code} key questions", [(_fold(q.question), q.percent_yes, q.theme) for q in got.key_questions],
              [(_fold(q.question), q.percent_yes, q.theme) for q in wanted.key_questions])
    check("recommendations", [(r.number, _fold(r.text)) for r in inspection.recommendations],
          [(r.number, _fold(r.text)) for r in sample.recommendations])
    matched, unmatched = match_figures(sample.figures, inspection.figures)
    return Comparison(differences, matched, unmatched)


def report_comparison(result: ImportResult, sample: Inspection) -> Comparison:
    comparison = compare_with_sample(result.inspection, sample)
    by_id = {f.id: f for f in sample.figures}
    print(f"\n{result.inspection.source_path} ({result.kind}): found {', '.join(result.found)}")
    print(f"missing: {list(result.missing)}")
    print(f"figures matched: {comparison.matched}/{len(sample.figures)} ({comparison.figure_share:.1%})")
    for figure_id in comparison.unmatched:
        figure = by_id[figure_id]
        print(f"  not matched: {figure_id} {figure.display_value!r} in {figure.section}: {figure.sentence}")
    for difference in comparison.differences:
        print(f"  differs: {difference}")
    return comparison


@cache
def imported(path: Path) -> ImportResult:
    """A bundled report variant, imported once per test session (results are immutable)."""
    return import_report(path)
