"""The printable summary of one inspection, as data.

Everything here comes from the same ``model.tables`` functions the tabs use, so the screen and
the paper never disagree. ``summary_html`` turns it into HTML; the Qt layer prints that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment
from viewer.model.ratings import Rating, colours_for
from viewer.model.tables import (
    STAFFING_TOPICS, OverallSummary, band_edges, caseload_bars, figures_table, key_question_bars,
    key_questions_table, overall_summary, rated_by_key_questions, ratings_table, staff_survey_bars, workload_bars,
)
from viewer.printout.svg_charts import Band, BarRow, ChartSvg, horizontal_bars

BAND_TINT = {  # light versions of the rating colours, behind the key-question bars
    Rating.INADEQUATE: "#f8dde1", Rating.REQUIRES_IMPROVEMENT: "#fdf0d5",
    Rating.GOOD: "#e8f3da", Rating.OUTSTANDING: "#d9e8de",
}
VALUE_BAR = "#3a6ea5"
OVER_CAPACITY = "#c8102e"
SURVEY_BAR = "#5b7fa8"


@dataclass(frozen=True)
class RatingRow:
    code: str
    name: str
    published: Rating | None
    computed: Rating | None
    check: str


@dataclass(frozen=True)
class KeyQuestionRow:
    question: str
    percent: str
    band: Rating | None
    deciding: bool


@dataclass(frozen=True)
class KeyQuestionSection:
    code: str
    name: str
    published: Rating | None
    computed: Rating | None
    rows: tuple[KeyQuestionRow, ...]
    cases_needed: str
    chart: ChartSvg | None


@dataclass(frozen=True)
class FigureRow:
    topic: str
    what: str
    value: str
    standard: str


@dataclass(frozen=True)
class GapEntry:
    title: str
    area: str
    standard: str
    description: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    overall: OverallSummary
    ratings: tuple[RatingRow, ...]
    key_questions: tuple[KeyQuestionSection, ...]
    figures: tuple[FigureRow, ...]
    charts: tuple[ChartSvg, ...]  # staffing and workload
    gaps: tuple[GapEntry, ...]
    recommendations: tuple[tuple[int, str], ...]
    source_name: str
    printed_on: str

    def all_charts(self) -> list[ChartSvg]:
        return [s.chart for s in self.key_questions if s.chart] + list(self.charts)


def _key_question_chart(inspection: Inspection, assessment: Assessment, code: str) -> ChartSvg | None:
    bars = key_question_bars(inspection, assessment, code)
    if not bars:
        return None
    bands = tuple(Band(b.low, b.high + 1 if b.high < 100 else 100, BAND_TINT[b.rating], b.rating.label)
                  for b in assessment.framework.key_question_bands)
    rows = [BarRow(b.theme, b.percent, f"{b.percent:g}%" + ("  ◀ deciding" if b.deciding else ""),
                   colours_for(b.rating)[0], emphasis=b.deciding) for b in bars]
    edges = tuple(edge for edge, _ in band_edges(assessment.framework))
    return horizontal_bars(f"kq-{code}", rows, max_value=100, bands=bands, edges=edges,
                           axis_label="Percentage of inspected cases answered 'Yes'", ticks=(0,) + edges + (100,))


def _nice_step(top: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about four ticks up to ``top``."""
    step = 10 ** max(0, len(str(int(top / 4))) - 1)
    for factor in (1, 2, 5, 10):
        if top / (step * factor) <= 5:
            return step * factor
    return step * 10


def _staffing_charts(inspection: Inspection) -> list[ChartSvg]:
    charts = []
    caseloads = caseload_bars(inspection)
    if caseloads:
        top = max(b.value for b in caseloads)
        step = _nice_step(top)
        charts.append(horizontal_bars(
            "caseload", [BarRow(b.label, b.value, f"{b.value:,.0f}", VALUE_BAR) for b in caseloads],
            max_value=top * 1.1, percent=False, axis_label="People on probation",
            ticks=tuple(step * i for i in range(int(top * 1.1 // step) + 1))))
    workloads = workload_bars(inspection)
    if workloads:
        top = max(150.0, max(b.value for b in workloads) * 1.1)
        rows = [BarRow(b.label, b.value, f"{b.value:g}%", OVER_CAPACITY if b.value > 100 else VALUE_BAR)
                for b in workloads]
        charts.append(horizontal_bars("workload", rows, max_value=top, reference=(100, "100% = a full workload"),
                                      axis_label="Workload, % of the workload measurement tool's capacity",
                                      ticks=(0, 50, 100, 150)))
    survey = staff_survey_bars(inspection)
    if survey:
        rows = [BarRow(b.label, 100 * b.count / b.total, f"{b.count}/{b.total} ({100 * b.count / b.total:.0f}%)",
                       SURVEY_BAR, track=True) for b in survey if b.total]
        charts.append(horizontal_bars("staff-survey", rows, max_value=100, axis_label="Share of staff responding",
                                      ticks=(0, 25, 50, 75, 100)))
    return charts


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"  # no %-d: Windows' strftime lacks it


def build_summary(inspection: Inspection, assessment: Assessment, source_name: str,
                  printed_on: date | None = None) -> Summary:
    ratings = ratings_table(inspection, assessment)
    rating_rows = tuple(
        RatingRow(sa.code, sa.name, sa.published, sa.computed, check)
        for sa, check in zip(assessment.standards, ratings["Check"])
    )
    sections = []
    for sa in rated_by_key_questions(assessment):
        table = key_questions_table(inspection, assessment, sa.code)
        bands = {b.question: b.rating for b in key_question_bars(inspection, assessment, sa.code)}
        rows = tuple(KeyQuestionRow(q, f"{p:g}%" if p == p else "not published", bands.get(q), bool(d))
                     for q, p, d in zip(table["Question"], table["% Yes"], table["Deciding"]))
        if sa.cases_needed is not None:
            needed = sa.cases_needed.text
        elif sa.computed is not None and sa.computed.next_better() is None:
            needed = "none: already in the top band"
        else:
            needed = "cannot be worked out from the published figures"
        sections.append(KeyQuestionSection(sa.code, sa.name, sa.published, sa.computed, rows, needed,
                                           _key_question_chart(inspection, assessment, sa.code)))
    figures = figures_table(inspection, STAFFING_TOPICS)
    figure_rows = tuple(FigureRow(t, w, v, s or "") for t, w, v, s in
                        zip(figures["Topic"], figures["What"], figures["Value"], figures["Standard"]))
    gaps = tuple(GapEntry(g.title, g.area, g.standard or "", g.description or "", g.evidence)
                 for g in inspection.service_gaps)
    recommendations = tuple((r.number, r.text) for r in sorted(inspection.recommendations, key=lambda r: r.number))
    return Summary(
        overall=overall_summary(inspection, assessment), ratings=rating_rows, key_questions=tuple(sections),
        figures=figure_rows, charts=tuple(_staffing_charts(inspection)), gaps=gaps, recommendations=recommendations,
        source_name=source_name, printed_on=_day(printed_on or date.today()),
    )

