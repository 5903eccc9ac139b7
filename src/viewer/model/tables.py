"""What the inspection tabs (and the printed summary) show, as pandas tables and plain chart data.

One place decides the rows, columns, labels and colours, so that the screen and paper never
disagree. No Qt here: these functions can be used from a script or a notebook.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from viewer.model import palette
from viewer.model.framework import CAVEATS, STATUSES, Band, Framework
from viewer.model.inspection import FIGURE_TOPICS, KEY_QUESTION_THEMES, Figure, Inspection
from viewer.model.rating_rules import Assessment, StandardAssessment, band_label, lowest_key_question
from viewer.model.ratings import NOT_PUBLISHED, Rating, colours_for, label_or_missing, match_rating

AGREES = "agrees"
DIFFERS = "DIFFERS"
JUDGEMENT = "not computed — inspectors' judgement"
CANNOT_COMPUTE = "cannot compute"
COMPUTED_ONLY = "computed only — not published"
DECIDING = "deciding"
NOT_COMPUTED = "—"  # the Computed cell of a standard the rules do not rate; the Check column says why

# Colours of the Check column (background, text); the word is always written as well.
CHECK_COLOURS: dict[str, tuple[str, str]] = {
    AGREES: palette.AGREES, DIFFERS: palette.DIFFERS, JUDGEMENT: palette.NEUTRAL, CANNOT_COMPUTE: palette.CAUTION,
    COMPUTED_ONLY: palette.CAUTION,
}

STAFFING_TOPICS = ("caseload", "staffing", "workload", "staff_survey")

RATINGS_COLUMNS = ["Code", "Standard", "Domain", "Published", "Computed", "Check", "Rule"]
KEY_QUESTION_COLUMNS = ["Question", "Theme", "% Yes", "Band", "Deciding"]
FIGURE_COLUMNS = ["Topic", "What", "Value", "Number", "Standard", "Section", "Sentence"]
RECOMMENDATION_COLUMNS = ["No.", "Recommendation", "Standards", "Gap areas"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


# ----------------------------------------------------------------------------------------- helpers

def rating_cell_colours(label: str) -> tuple[str, str]:
    """Background and text colour for a cell holding a rating label or "not published"."""
    rating, _ = match_rating(label) if label and label != NOT_PUBLISHED else (None, False)
    return colours_for(rating)


def check_colours(check: str) -> tuple[str, str]:
    return CHECK_COLOURS.get(check, CHECK_COLOURS[JUDGEMENT])


def display_month(published: str | None) -> str:
    """'2024-07' → 'July 2024'; anything else is returned as written (or '' when missing)."""
    if not published:
        return ""
    try:
        year, month = published.split("-")[:2]
        return f"{_MONTHS[int(month) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return published


def display_day(day: str | None) -> str:
    """'2024-04-15' → '15 April 2024'."""
    if not day:
        return ""
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


_ACRONYMS = {"crs": "CRS", "cas3": "CAS3", "iom": "IOM", "ete": "ETE", "pdu": "PDU"}


def area_label(area: str) -> str:
    """A service-gap area as written in files ('finance_benefit_debt') → 'Finance benefit debt'."""
    words = [_ACRONYMS.get(w.lower(), w) for w in area.replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else text


def domain_label(framework: Framework, domain: int | None) -> str:
    if domain is None:
        return "not in framework"
    name = framework.domains.get(domain)
    return f"{domain}. {name}" if name else f"Domain {domain}"


def check_text(sa: StandardAssessment, framework: Framework) -> str:
    if sa.computed is None:
        definition = framework.definition(sa.code)
        if definition is not None and not definition.rated_by_key_questions:
            return JUDGEMENT
        return CANNOT_COMPUTE
    if sa.published is None:
        return COMPUTED_ONLY
    return DIFFERS if sa.disagrees else AGREES


def figure_number(figure: Figure) -> float:
    """A figure as one number for sorting: the value, or count/total as a percentage."""
    if figure.count is not None and figure.total:
        return figure.count / figure.total * 100
    return float(figure.value) if figure.value is not None else math.nan


# ------------------------------------------------------------------------------------ the ratings

@dataclass(frozen=True)
class OverallSummary:
    """The ratings header: who, when, the overall rating and score, and whether the rules agree."""

    unit_name: str
    region: str
    published: str  # "July 2024", or ""
    fieldwork: str  # "15 April 2024", or ""
    framework_name: str
    published_rating: Rating | None
    computed_rating: Rating | None
    published_score: str  # "4/21" or "not published"
    computed_score: str  # "4/21" or "cannot compute"
    agrees: bool
    flag: str  # "✓ published and computed agree" or "⚠ differs: ..."
    rule: str
    bands_note: str
    neutral: bool = False  # a partial inspection (a press release): nothing the rules could check

    @property
    def published_label(self) -> str:
        return label_or_missing(self.published_rating)

    @property
    def computed_label(self) -> str:
        return self.computed_rating.label if self.computed_rating else CANNOT_COMPUTE


def anything_to_check(inspection: Inspection) -> bool:
    """True when the inspection gives a standard's rating or a key question: something rules work from."""
    return any(s.rating is not None or s.key_questions for s in inspection.standards) or \
        inspection.overall.score is not None


def overall_summary(inspection: Inspection, assessment: Assessment) -> OverallSummary:
    o = assessment.overall
    pub_score = o.score_text(o.published_score) or NOT_PUBLISHED
    comp_score = o.score_text(o.computed_score) or CANNOT_COMPUTE
    if assessment.disagreements:
        flag = "⚠ differs: " + "; ".join(
            f"{d.where} published {d.published}, rules give {d.computed}" for d in assessment.disagreements
        )
    elif o.computed_rating is None and not anything_to_check(inspection):
        flag = "nothing to check: the source gives the outcome, not the ratings the rules work from"
    elif o.computed_rating is None:
        flag = "⚠ the overall rating cannot be computed from the rules"
    else:
        flag = "✓ published and computed agree"
    return OverallSummary(
        unit_name=inspection.unit.shown_name,
        region=inspection.unit.region or "",
        published=display_month(inspection.report.published),
        fieldwork=display_day(inspection.report.fieldwork_start),
        framework_name=assessment.framework.name,
        published_rating=o.published_rating,
        computed_rating=o.computed_rating,
        published_score=pub_score,
        computed_score=comp_score,
        agrees=not assessment.disagreements and o.computed_rating is not None,
        flag=flag,
        neutral=flag.startswith("nothing to check"),
        rule=o.rule,
        bands_note=overall_bands_note(assessment.framework, o.band),
    )


def overall_bands_note(framework: Framework, band: Band | None = None) -> str:
    """Provenance of the score bands, in words; names the band the inspection falls in."""
    if not framework.overall_bands:
        rule = framework.overall_rule
        why = f" {rule.source}" if rule is not None and rule.source else ""
        return f"{framework.name} publishes no score bands the viewer can use: the overall rating is only shown.{why}"
    by_status = {status: [b for b in framework.overall_bands if b.status == status] for status in STATUSES}
    if len(by_status["confirmed"]) == len(framework.overall_bands):
        note = "Score bands are published by the inspectorate."
    else:
        parts = [f"{', '.join(f'{band_label(b)} {b.rating.label}' for b in bands)} {CAVEATS[status]}"
                 for status, bands in by_status.items() if bands and status != "confirmed"]
        note = "Score bands: " + "; ".join(parts) + "."
    if band is not None and band.source:
        note += f" Band {band_label(band)}, {band.rating.label}: {band.source}"
    return note


def key_question_bands_text(framework: Framework) -> str:
    """"0–49% Inadequate (consistent) · 50–64% …": the bands of the framework, each with how sure it is."""
    return "  ·  ".join(f"{band_label(b)}% {b.rating.label} ({b.status})" for b in framework.key_question_bands)


def bands_table(bands: tuple[Band, ...], unit: str = "") -> pd.DataFrame:
    """Rating, Range, Status, Source for a framework's key-question or overall bands."""
    rows = [[b.rating.label, f"{band_label(b)}{unit}", b.status, b.source] for b in bands]
    return pd.DataFrame(rows, columns=["Rating", "Range", "Status", "Source"])


def ratings_table(inspection: Inspection, assessment: Assessment) -> pd.DataFrame:
    """One row per standard: published and computed rating, whether they agree, and the rule."""
    fw = assessment.framework
    rows = [
        [sa.code, sa.name, domain_label(fw, sa.domain), label_or_missing(sa.published),
         sa.computed.label if sa.computed else NOT_COMPUTED, check_text(sa, fw), sa.rule]
        for sa in assessment.standards
    ]
    return pd.DataFrame(rows, columns=RATINGS_COLUMNS)


# ------------------------------------------------------------------------------- the key questions

@dataclass(frozen=True)
class KeyQuestionBar:
    question: str
    theme: str  # the theme's label, or the question when the theme is unknown
    percent: float
    rating: Rating | None  # the band's rating
    deciding: bool


def key_question_bars(inspection: Inspection, assessment: Assessment, code: str) -> list[KeyQuestionBar]:
    """The key questions of one standard with a published percentage, in the report's order."""
    standard = inspection.standard(code)
    if standard is None:
        return []
    lowest = lowest_key_question(standard)
    fw = assessment.framework
    bars = []
    for q in standard.key_questions:
        if q.percent_yes is None:
            continue
        band = fw.key_question_band(q.percent_yes)
        bars.append(KeyQuestionBar(
            q.question, KEY_QUESTION_THEMES.get(q.theme or "", q.question), q.percent_yes,
            band.rating if band else None, q is lowest,
        ))
    return bars


def key_questions_table(inspection: Inspection, assessment: Assessment, code: str) -> pd.DataFrame:
    standard = inspection.standard(code)
    lowest = lowest_key_question(standard) if standard else None
    fw = assessment.framework
    rows = []
    for q in standard.key_questions if standard else ():
        if q.percent_yes is None:
            band_text = NOT_PUBLISHED
        else:
            band = fw.key_question_band(q.percent_yes)
            band_text = band.rating.label if band else "outside every band"
        rows.append([
            q.question, KEY_QUESTION_THEMES.get(q.theme or "", ""),
            q.percent_yes if q.percent_yes is not None else math.nan, band_text, DECIDING if q is lowest else "",
        ])
    return pd.DataFrame(rows, columns=KEY_QUESTION_COLUMNS)


def band_edges(framework: Framework) -> list[tuple[float, str]]:
    """Lower edges of the key-question bands above zero, with the rating they start: [(50, 'Requires...'), ...]."""
    return [(b.low, b.rating.label) for b in sorted(framework.key_question_bands, key=lambda b: b.low) if b.low > 0]


def rated_by_key_questions(assessment: Assessment) -> list[StandardAssessment]:
    fw = assessment.framework
    return [sa for sa in assessment.standards
            if (d := fw.definition(sa.code)) is not None and d.rated_by_key_questions]


# ------------------------------------------------------------------------------------- the figures

def figures_table(inspection: Inspection, topics: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """Every figure (or those of the given topics, in the report's order) with the sentence it came from."""
    rows = [
        [FIGURE_TOPICS.get(f.topic, f.topic), f.label, f.display_value, figure_number(f), f.standard or "",
         f.section or "", f.sentence or ""]
        for f in inspection.figures if topics is None or f.topic in topics
    ]
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    frame["Number"] = frame["Number"].astype(float)
    return frame


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    sentence: str = ""


@dataclass(frozen=True)
class ProportionBar:
    label: str
    count: int
    total: int
    sentence: str = ""

    @property
    def percent(self) -> float:
        return self.count / self.total * 100 if self.total else 0.0

    @property
    def text(self) -> str:
        return f"{self.count}/{self.total}"


def _bars(inspection: Inspection, topic: str, unit: str) -> list[Bar]:
    return [Bar(f.label, float(f.value), f.sentence or "") for f in inspection.figures
            if f.topic == topic and f.unit == unit and f.value is not None]


def caseload_bars(inspection: Inspection) -> list[Bar]:
    return _bars(inspection, "caseload", "people")


def workload_bars(inspection: Inspection) -> list[Bar]:
    return _bars(inspection, "workload", "percent")


def _proportion(f: Figure) -> ProportionBar:
    return ProportionBar(f.label, f.count, f.total, f.sentence or "")


def staff_survey_bars(inspection: Inspection) -> list[ProportionBar]:
    return [_proportion(f) for f in inspection.figures
            if f.topic == "staff_survey" and f.count is not None and f.total]


def service_findings_bars(inspection: Inspection) -> list[ProportionBar]:
    """'x out of y' figures about services: topic services, or linked from a service gap.

    A finding the report repeats in two sections (same label, count and total) is shown once.
    """
    linked = {fid for gap in inspection.service_gaps for fid in gap.figure_ids}
    bars: list[ProportionBar] = []
    seen: set[tuple[str, int, int]] = set()
    for f in inspection.figures:
        if f.count is None or not f.total or not (f.topic == "services" or f.id in linked):
            continue
        key = (f.label.casefold(), f.count, f.total)
        if key not in seen:
            seen.add(key)
            bars.append(_proportion(f))
    return bars


# -------------------------------------------------------------------------- gaps and recommendations

def gap_figures(inspection: Inspection, figure_ids: tuple[str, ...]) -> list[Figure]:
    by_id = {f.id: f for f in inspection.figures}
    return [by_id[i] for i in figure_ids if i in by_id]


def recommendations_table(inspection: Inspection) -> pd.DataFrame:
    """The recommendations, each as a sentence: reports list them after "Hertfordshire PDU should:", so an
    item that starts in lower case ("ensure that …") is read as "Hertfordshire PDU should ensure that …"."""
    lead = f"{inspection.unit.name} should " if inspection.unit.name else ""
    rows = [
        [r.number, lead + r.text if lead and r.text[:1].islower() else r.text, ", ".join(r.standards),
         ", ".join(area_label(a) for a in r.gap_areas)]
        for r in sorted(inspection.recommendations, key=lambda r: r.number)
    ]
    return pd.DataFrame(rows, columns=RECOMMENDATION_COLUMNS)
