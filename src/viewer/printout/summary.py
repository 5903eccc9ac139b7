"""The printable summary of one inspection, as data.

Everything here comes from the same ``model.tables`` functions the tabs use, so the screen and
the paper never disagree. ``summary_html`` turns it into HTML; the Qt layer prints that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from viewer.model import charts
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment
from viewer.model.ratings import Rating
from viewer.model.tables import (
    STAFFING_TOPICS, OverallSummary, figures_table, key_question_bands_text, key_question_bars, key_questions_table,
    overall_summary,
    rated_by_key_questions, ratings_table,
)
from viewer.printout.svg_charts import ChartSvg, chart_svg


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
    bands: str = ""  # the key-question bands of the framework, each with its status

    def all_charts(self) -> list[ChartSvg]:
        return [s.chart for s in self.key_questions if s.chart] + list(self.charts)


def _staffing_charts(inspection: Inspection) -> list[ChartSvg]:
    """The staffing tab's three charts, those with bars, titled (the page has one heading for them all)."""
    drawn = (charts.caseload_chart(inspection), charts.workload_chart(inspection), charts.staff_survey_chart(inspection))
    return [chart_svg(chart, title=True) for chart in drawn if chart.rows]


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
        chart = charts.key_questions_chart(inspection, assessment, sa.code)
        sections.append(KeyQuestionSection(sa.code, sa.name, sa.published, sa.computed, rows, needed,
                                           chart_svg(chart) if chart.rows else None))
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
        bands=key_question_bands_text(assessment.framework),
    )

