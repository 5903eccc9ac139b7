"""Every chart the viewer draws, described once: bars, their labels and values, the rating bands and
their edges (from the framework), reference lines, ticks and colours (from the palette).

Two renderers draw these descriptions: pyqtgraph on screen (``charts``) and SVG on paper
(``printout.svg_charts``), so screen and paper never disagree. No Qt here.
"""

from __future__ import annotations

import re

import math
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.model import palette
from viewer.model.compare_across import AcrossUnits
from viewer.model.compare_counts import COUNT_RATINGS
from viewer.model.framework import Framework
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment
from viewer.model.ratings import Rating, colours_for, match_rating
from viewer.model.tables import (
    Bar, ProportionBar, caseload_bars, key_question_bars, service_findings_bars, staff_survey_bars, workload_bars,
)

PERCENT_YES = "Percentage of inspected cases answered 'Yes'"
FULL_WORKLOAD = "100% = a full workload"


@dataclass(frozen=True)
class Segment:
    """One stretch of a bar, drawn from where the previous one ended."""

    value: float
    colour: str
    text: str = ""  # written inside the segment (a count)
    text_colour: str = palette.TEXT


@dataclass(frozen=True)
class BarRow:
    label: str  # the category, on the left
    segments: tuple[Segment, ...]
    text: str  # written after the bar: "17%", "1,003", "25/36 (69%)"
    emphasis: bool = False  # a heavy outline and bold text: the deciding question, the selected unit
    track: bool = False  # the whole 0..max track drawn faintly behind (a proportion)
    note: str = ""  # the sentence or question behind the bar, for a tooltip

    @property
    def value(self) -> float:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True)
class Band:
    """A tinted stretch of the value axis with its rating's name written above it."""

    low: float
    high: float
    label: str
    tint: str


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    x_title: str
    rows: tuple[BarRow, ...]
    max_value: float  # the end of the value axis
    ticks: tuple[float, ...]
    tick_suffix: str = ""  # "%" for percentages
    bands: tuple[Band, ...] = ()
    edges: tuple[float, ...] = ()  # dashed lines at the band edges
    reference: tuple[float, str] | None = None  # a heavy dashed line with its label
    legend: tuple[tuple[str, str], ...] = ()  # (colour, label)
    empty_text: str = ""  # what the chart says when it has no bars

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.rows]

    @property
    def values(self) -> list[float]:
        return [r.value for r in self.rows]

    def tick_text(self, value: float) -> str:
        number = f"{value:,.0f}" if value == int(value) else f"{value:g}"
        return number + self.tick_suffix


def empty_chart(text: str) -> BarChart:
    """A chart with no bars that says why."""
    return BarChart("empty", "", "", (), 1.0, (), empty_text=text)


def nice_ticks(largest: float, count: int = 5) -> tuple[float, ...]:
    """0 and round steps (1, 2, 2.5 or 5 times a power of ten) up to at least ``largest``."""
    if largest <= 0:
        return (0.0, 1.0)
    raw = largest / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return tuple(i * step for i in range(int(math.ceil(largest / step)) + 1))


def _whole_ticks(largest: float) -> tuple[float, ...]:
    """Ticks for counts of things: whole steps only."""
    step = max(1.0, nice_ticks(largest)[1])
    return tuple(step * i for i in range(int(math.ceil(largest / step)) + 1))


def rating_bands(framework: Framework) -> tuple[tuple[Band, ...], tuple[float, ...]]:
    """The framework's key-question bands as tinted stretches of 0–100 %, and their edges above zero."""
    bands = sorted(framework.key_question_bands, key=lambda b: b.low)
    # Published percentages are whole numbers: 0–49 and 50–64 meet at 50 on the axis.
    stretches = tuple(Band(b.low, min(b.high + 1, 100.0) if b.high < 100 else 100.0, b.rating.label,
                           palette.BAND_TINTS[b.rating.label]) for b in bands)
    return stretches, tuple(b.low for b in bands if b.low > 0)


def _percent_ticks(edges: Sequence[float]) -> tuple[float, ...]:
    return (0.0, *edges, 100.0)


# ---- one inspection ---------------------------------------------------------------------------------

def key_questions_chart(inspection: Inspection, assessment: Assessment, code: str, name: str = "") -> BarChart:
    """% Yes of one standard's key questions against the rating bands, the deciding (lowest) one marked."""
    bands, edges = rating_bands(assessment.framework)
    rows = tuple(
        BarRow(b.theme, (Segment(b.percent, colours_for(b.rating)[0]),),
               f"{b.percent:g}%" + ("  ◀ deciding" if b.deciding else ""), emphasis=b.deciding, note=b.question)
        for b in key_question_bars(inspection, assessment, code))
    return BarChart(f"kq-{code}", f"{code} {name}".strip(), PERCENT_YES, rows, 100.0, _percent_ticks(edges), "%",
                    bands, edges, empty_text="No key-question percentages published for this standard")


def caseload_chart(inspection: Inspection) -> BarChart:
    bars: list[Bar] = caseload_bars(inspection)
    top = max((b.value for b in bars), default=0.0)
    ticks = nice_ticks(top)
    rows = tuple(BarRow(b.label, (Segment(b.value, palette.BAR),), f"{b.value:,.0f}", note=b.sentence) for b in bars)
    return BarChart("caseload", "Caseload by type", "People on probation", rows, ticks[-1], ticks,
                    empty_text="No caseload figures in this inspection")


def workload_chart(inspection: Inspection) -> BarChart:
    """Workload as a percentage of the measure: up to 100 % in blue, what lies beyond a full workload in red."""
    bars: list[Bar] = workload_bars(inspection)
    top = max([150.0] + [b.value for b in bars])
    step = 25 if top <= 150 else 50
    ticks = tuple(float(v) for v in range(0, int(math.ceil(top / step)) * step + 1, step))
    rows = tuple(BarRow(b.label, (Segment(min(b.value, 100.0), palette.BAR),)
                        + ((Segment(b.value - 100.0, palette.OVER_CAPACITY),) if b.value > 100 else ()),
                        f"{b.value:g}%", note=b.sentence) for b in bars)
    return BarChart("workload", "Workload against the measure",
                    "Workload, % of the workload measurement tool's capacity", rows, ticks[-1], ticks, "%",
                    reference=(100.0, FULL_WORKLOAD), empty_text="No workload percentages in this inspection")


def _proportion_rows(bars: Sequence[ProportionBar], colour: str) -> tuple[BarRow, ...]:
    return tuple(BarRow(b.label, (Segment(b.percent, colour),), f"{b.text} ({b.percent:.0f}%)", track=True,
                        note=b.sentence) for b in bars if b.total)


# A statement whose "yes" is bad news ("did not believe staffing levels were sufficient"): read from the
# report's own words in the figure's label. Inferred, so a label that says neither way stays neutral.
_NEGATIVE = re.compile(r"\b(?:not|no longer|never|unmanageable|insufficient|too (?:high|many|much)|lacked|unable)\b",
                       re.IGNORECASE)
HIGHER_IS_WORSE = "▼ a negative statement: higher is worse"


def staff_survey_chart(inspection: Inspection) -> BarChart:
    """Staff-survey statements: a negative statement's bar in another colour and marked, so 91 % who "did not
    believe staffing levels were sufficient" does not read as the best result."""
    bars = [b for b in staff_survey_bars(inspection) if b.total]
    rows = tuple(BarRow(b.label, (Segment(b.percent, palette.SURVEY_NEGATIVE if _NEGATIVE.search(b.label)
                                          else palette.SURVEY),),
                        f"{b.text} ({b.percent:.0f}%)" + (" ▼" if _NEGATIVE.search(b.label) else ""),
                        track=True, note=b.sentence) for b in bars)
    legend = ((palette.SURVEY, "positive statement"), (palette.SURVEY_NEGATIVE, HIGHER_IS_WORSE)) \
        if any(_NEGATIVE.search(b.label) for b in bars) else ()
    return BarChart("staff-survey", "Staff survey", "Share of staff responding", rows, 100.0,
                    (0.0, 25.0, 50.0, 75.0, 100.0), "%", legend=legend,
                    empty_text="No staff-survey results in this inspection")


def service_findings_chart(inspection: Inspection) -> BarChart:
    return BarChart("service-findings", "Service-related case findings", "Share of relevant cases or respondents",
                    _proportion_rows(service_findings_bars(inspection), palette.FINDINGS), 100.0,
                    (0.0, 25.0, 50.0, 75.0, 100.0), "%",
                    empty_text="No 'x out of y' findings about services in this inspection")


# ---- many inspections -------------------------------------------------------------------------------

def across_units_chart(across: AcrossUnits) -> BarChart:
    """One bar per unit (% Yes, coloured by its band, lowest first), the highlighted unit outlined."""
    edges = tuple(edge for edge, _ in across.edges)
    labels = [Rating.INADEQUATE.label] + [label for _, label in across.edges]
    bands = tuple(Band(low, high, label, palette.BAND_TINTS[label])
                  for low, high, label in zip((0.0, *edges), (*edges, 100.0), labels))
    rows = tuple(BarRow(b.unit, (Segment(b.percent, colours_for(b.rating)[0]),),
                        f"{b.percent:g}%" + ("  ◀ selected" if b.selected else ""), emphasis=b.selected)
                 for b in across.bars)
    return BarChart(f"across-{across.code}", across.title, PERCENT_YES, rows, 100.0, _percent_ticks(edges), "%",
                    bands, edges, empty_text="No unit publishes a percentage for this question")


def rating_counts_chart(labels: Sequence[str], counts: Sequence[Sequence[int]], what: str) -> BarChart:
    """Stacked bars, one per region: a segment per rating (best first, then "not published") with its
    count written inside. ``counts[i]`` follows ``COUNT_RATINGS``."""
    rows = []
    for label, row in zip(labels, counts):
        segments = []
        for rating, count in zip(COUNT_RATINGS, row):
            if count:
                background, foreground = colours_for(match_rating(rating)[0])
                segments.append(Segment(float(count), background, f"{count}", foreground))
        rows.append(BarRow(label, tuple(segments), f"{sum(row)} in all"))
    largest = max([sum(r) for r in counts] + [1])
    ticks = _whole_ticks(largest)
    present = [r for i, r in enumerate(COUNT_RATINGS) if any(row[i] for row in counts)]
    legend = tuple((colours_for(match_rating(r)[0])[0], r) for r in present)
    return BarChart("rating-counts", f"Number of {what} ratings", f"Number of {what} ratings", tuple(rows),
                    ticks[-1], ticks, legend=legend, empty_text="No ratings to count")
