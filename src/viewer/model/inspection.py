"""The inspection as plain dataclasses: what a report publishes, nothing computed.

Every published value is optional: ``None`` means the report (or file) does not give it, and the
viewer shows "not published" and computes what it can.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dataclasses import dataclass, field

from viewer.model.ratings import Rating

# Topics a figure can belong to, with the label users see.
FIGURE_TOPICS: dict[str, str] = {
    "caseload": "Caseload",
    "staffing": "Staffing",
    "workload": "Workload",
    "staff_survey": "Staff survey",
    "case_findings": "Case findings",
    "services": "Services",
    "user_voice": "User Voice",
    "outcomes": "Outcomes",
    "context": "Context",
}

# Key-question themes: every domain-two standard asks one question of each.
KEY_QUESTION_THEMES: dict[str, str] = {
    "engagement": "Engaging the person on probation",
    "desistance": "Desistance / reducing reoffending",
    "safety": "Keeping other people safe",
}


UNIT_NOT_STATED = "unit not stated"


@dataclass(frozen=True, slots=True)
class Unit:
    name: str | None = None  # None when the source names no unit (a press release about several units)
    kind: str | None = None
    region: str | None = None

    @property
    def shown_name(self) -> str:
        return self.name or UNIT_NOT_STATED


@dataclass(frozen=True, slots=True)
class ReportInfo:
    title: str | None = None
    published: str | None = None  # "YYYY-MM" as printed on the report
    fieldwork_start: str | None = None  # "YYYY-MM-DD"
    url: str | None = None
    lead_inspector: str | None = None
    document: str | None = None  # what it was read from: "report" or "press release"
    # how the programme was decided when no sentence of a source names it ("Programme inferred, not stated: …")
    framework_note: str | None = None


@dataclass(frozen=True, slots=True)
class CaseSample:
    """Cases inspected; ``total`` is what "cases needed for the next band" is worked out from."""

    community_orders: int | None = None
    licences: int | None = None
    interviews: int | None = None

    @property
    def total(self) -> int | None:
        if self.community_orders is None or self.licences is None:
            return None
        return self.community_orders + self.licences


@dataclass(frozen=True, slots=True)
class KeyQuestion:
    question: str
    percent_yes: float | None = None
    theme: str | None = None  # one of KEY_QUESTION_THEMES, when known
    cases_yes: int | None = None  # exact counts, when the data workbook gives them
    cases_total: int | None = None


@dataclass(frozen=True, slots=True)
class Standard:
    code: str
    name: str | None = None
    rating: Rating | None = None
    statement: str | None = None
    summary: str | None = None
    strengths: tuple[str, ...] = ()
    areas_for_improvement: tuple[str, ...] = ()
    key_questions: tuple[KeyQuestion, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A number from the report, with the sentence it came from."""

    id: str
    topic: str
    label: str
    value: float | None = None
    unit: str | None = None  # "people", "FTE", "percent", "cases", "staff", ...
    count: int | None = None  # "x out of y": x
    total: int | None = None  # "x out of y": y
    standard: str | None = None
    section: str | None = None
    sentence: str | None = None

    @property
    def display_value(self) -> str:
        if self.count is not None and self.total is not None:
            return f"{self.count} out of {self.total}"
        if self.value is None:
            # a figure the report gives only in words ("just under two thirds"): its words, not a blank
            words = _IN_WORDS.search(self.label)
            return words.group(1) if words else "in words only (see the sentence)"
        number = f"{self.value:,.1f}".rstrip("0").rstrip(".")
        if self.unit == "percent":
            return f"{number}%"
        return f"{number} {self.unit}" if self.unit else number


_IN_WORDS = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")  # the report's own words, quoted in the figure's label


@dataclass(frozen=True, slots=True)
class ServiceGap:
    area: str
    title: str
    description: str | None = None
    evidence: tuple[str, ...] = ()
    standard: str | None = None
    figure_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Recommendation:
    number: int
    text: str
    standards: tuple[str, ...] = ()
    gap_areas: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A text a value was read from: a report, its web page or a press release, and where it is published."""

    id: str
    url: str | None = None
    document: str | None = None  # "report" or "press release"
    text: str | None = None  # the stored text its quotations come from (the page's opening, for the library)


@dataclass(frozen=True, slots=True)
class Quote:
    """The words of a source that state one value: the evidence behind it."""

    field: str  # what it states: "overall.rating", "overall.score", "unit.name", "standards.P2.1.rating" ...
    value: str  # the value as the viewer reads it: "Requires improvement", "4", "2024-07"
    quote: str  # the source's words, exactly
    source: str  # the id of a SourceDocument of the inspection
    in_address: bool = False  # read from the source's web address (a year), not from its text


def agreed_value(values: Iterable[str]) -> str | None:
    """The value sources stating one thing agree on, None when they disagree (then neither is picked). A
    year agrees with a month of that year: "2019" and "2019-03" give "2019-03"."""
    distinct = sorted(set(values), key=len)
    if distinct and all(v == distinct[-1] or distinct[-1].startswith(v + "-") for v in distinct):
        return distinct[-1]
    return None


@dataclass(frozen=True, slots=True)
class OverallPublished:
    rating: Rating | None = None
    score: int | None = None


@dataclass(frozen=True, slots=True)
class Inspection:
    framework_id: str
    unit: Unit
    report: ReportInfo = field(default_factory=ReportInfo)
    overall: OverallPublished = field(default_factory=OverallPublished)
    cases: CaseSample = field(default_factory=CaseSample)
    standards: tuple[Standard, ...] = ()
    figures: tuple[Figure, ...] = ()
    service_gaps: tuple[ServiceGap, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    sources: tuple[SourceDocument, ...] = ()  # the texts its values were read from, with ...
    quotes: tuple[Quote, ...] = ()  # ... the words that state each value
    source_path: str | None = None  # the file it was read from
    source_part: str | None = None  # its id in that file, when the file is a workbook
    warnings: tuple[str, ...] = ()

    def standard(self, code: str) -> Standard | None:
        return next((s for s in self.standards if s.code == code), None)

    def quotes_for(self, field: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.field == field)

    @property
    def title(self) -> str:
        if self.report.published:
            return f"{self.unit.shown_name} ({self.report.published})"
        return self.unit.shown_name
