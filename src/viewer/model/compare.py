"""Many inspections side by side, as pandas tables: the data behind the Compare tab and its printout.

``entries`` is a sequence of ``(Inspection, Assessment)`` pairs in the order opened; every frame keeps
that position as its index, so a filtered or sorted frame still says where each row came from.
Decisions (shown to users in notes and tooltips):

- A heat-map cell shows the **published** rating. Where a report does not publish one but the
  rules give one, the cell says so: ``"Good (computed)"``, in a paler Good colour. Where a standard is
  not part of a unit's framework the cell reads ``"not in framework"``. Counts of ratings by region
  count published ratings only; a missing one is counted under "not published".
- Inspections of different frameworks are never mixed in one computed figure: ranks and the
  across-units chart take the units of one framework (the selected unit's), counts are grouped by
  framework, and :func:`framework_note` says how many units each framework has.
- Key questions are matched across units by standard code **and** theme (engagement, desistance,
  safety); a unit whose questions carry no theme falls back to the question's position.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from viewer.model import palette
from viewer.model.inspection import KEY_QUESTION_THEMES, Inspection, KeyQuestion, Standard
from viewer.model.rating_rules import Assessment, lowest_key_question
from viewer.model.ratings import NOT_PUBLISHED, Rating, colours_for, label_or_missing, match_rating
from viewer.model.tables import (
    anything_to_check, band_edges, check_colours, display_month, rated_by_key_questions,
)

Entry = tuple[Inspection, Assessment]

COMPUTED_SUFFIX = " (computed)"
NOT_IN_FRAMEWORK = "not in framework"
NO_REGION = "region not given"
NO_YEAR = "year not given"
BY_REGION, BY_YEAR = "Region", "Year"
AGREES, DIFFERS, CANNOT_COMPUTE = "agrees", "DIFFERS", "cannot compute"
OUTCOME_ONLY = "outcome only"  # a press release or report page: it gives nothing the rules work from
NO_DATE = "not given"

UNIT_COLUMNS = ["Unit", "Region", "Framework", "Published", "Overall", "Score", "Score number", "Check", "Source",
                "Year"]
OPEN_FILE, PUBLISHED_OUTCOME = "open file", "published outcome"  # the Source column: where a row comes from
KEY_QUESTION_UNIT_COLUMNS = ["Unit", "Region", "Framework", "Question", "Theme", "% Yes", "Band", "Matched by"]
COUNT_RATINGS = [r.label for r in sorted(Rating, reverse=True)] + [NOT_PUBLISHED]  # best first
OVERALL, ALL_STANDARDS = "Overall", "All standards"
LOWEST = None  # the question key meaning "each unit's lowest key question" (the one deciding the rating)

_THEMES = list(KEY_QUESTION_THEMES)
_ORDINALS = {1: "st", 2: "nd", 3: "rd"}


# ------------------------------------------------------------------------------------------- units

def unit_label(entries: Sequence[Entry], index: int) -> str:
    """The unit's name, with the report month when two open inspections share a name."""
    inspection = entries[index][0]
    names = Counter(i.unit.shown_name for i, _ in entries)
    return inspection.title if names[inspection.unit.shown_name] > 1 else inspection.unit.shown_name


def _rating_text(published: Rating | None, computed: Rating | None) -> str:
    if published is not None:
        return published.label
    if computed is not None:
        return computed.label + COMPUTED_SUFFIX
    return NOT_PUBLISHED


def standard_codes(entries: Sequence[Entry], key_questions_only: bool = False) -> list[str]:
    """Standard codes of the open inspections' frameworks (or only those rated by key questions), in
    framework order, first seen first."""
    codes: list[str] = []
    for _, assessment in entries:
        standards = rated_by_key_questions(assessment) if key_questions_only else assessment.standards
        codes.extend(sa.code for sa in standards if sa.code not in codes)
    return codes


def standard_names(entries: Sequence[Entry]) -> dict[str, str]:
    names: dict[str, str] = {}
    for _, assessment in entries:
        for sa in assessment.standards:
            names.setdefault(sa.code, sa.name)
    return names


def units_frame(entries: Sequence[Entry]) -> pd.DataFrame:
    """One row per inspection: who, where, framework, month, overall rating and score, then one
    column per standard code holding the rating label (see the module notes for missing ones)."""
    codes = standard_codes(entries)
    rows = []
    for inspection, assessment in entries:
        o = assessment.overall
        if o.published_score is not None:
            score, number = o.score_text(o.published_score), float(o.published_score)
        elif o.computed_score is not None:
            score, number = o.score_text(o.computed_score) + COMPUTED_SUFFIX, float(o.computed_score)
        else:
            score, number = NOT_PUBLISHED, math.nan
        check = (DIFFERS if assessment.disagreements else AGREES if o.computed_rating is not None else
                 CANNOT_COMPUTE if anything_to_check(inspection) else OUTCOME_ONLY)
        row = [inspection.unit.shown_name, inspection.unit.region or NO_REGION, assessment.framework.id,
               display_month(inspection.report.published) or NO_DATE, _rating_text(o.published_rating, o.computed_rating),
               score, number, check, OPEN_FILE if inspection.source_path else PUBLISHED_OUTCOME,
               year_of(inspection)]
        for code in codes:
            sa = assessment.standard(code)
            row.append(_rating_text(sa.published, sa.computed) if sa is not None else NOT_IN_FRAMEWORK)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=UNIT_COLUMNS + codes)
    frame["Score number"] = frame["Score number"].astype(float)
    return frame


def year_of(inspection: Inspection) -> str:
    return (inspection.report.published or "")[:4] or NO_YEAR


def cell_rating(text: str) -> Rating | None:
    """The rating a heat-map cell shows ("Good" or "Good (computed)"), or None."""
    if not isinstance(text, str) or text in (NOT_PUBLISHED, NOT_IN_FRAMEWORK):
        return None
    return match_rating(text.removesuffix(COMPUTED_SUFFIX))[0]


def compare_cell_colours(text: str) -> tuple[str, str] | None:
    """Background and text colour of a heat-map cell (rating, check or "not in framework"), else None."""
    if text == NOT_IN_FRAMEWORK:
        return palette.NOT_IN_FRAMEWORK
    if text in (AGREES, DIFFERS, CANNOT_COMPUTE):
        return check_colours(text)
    if text == OUTCOME_ONLY:
        return palette.NEUTRAL
    rating = cell_rating(text)
    if rating is not None and text.endswith(COMPUTED_SUFFIX):
        return palette.tint(colours_for(rating)[0]), palette.TEXT  # paler than a published rating of the same label
    if rating is not None or text == NOT_PUBLISHED:
        return colours_for(rating)
    return None


def cell_note(entry: Entry, column: str) -> str | None:
    """The tooltip of a heat-map cell: the file, the overall rule, or a standard's published and
    computed rating with its rule."""
    inspection, assessment = entry
    field = _QUOTED.get(column, f"standards.{column}.rating")
    quoted = quotations_text(inspection, field)
    if column == "Unit":
        return "\n\n".join(t for t in (inspection.source_path or inspection.title, quoted) if t)
    if column in ("Overall", "Score", "Check"):
        return "\n\n".join(t for t in (quoted if column != "Check" else "", assessment.overall.rule) if t)
    if column in ("Region", "Published", "Framework"):
        return quoted or None
    sa = assessment.standard(column)
    if sa is None:
        return None
    computed = sa.computed.label if sa.computed else "nothing"
    rule = f"{sa.code} {sa.name}: published {label_or_missing(sa.published)}; the rules give {computed}. {sa.rule}"
    return "\n\n".join(t for t in (quoted, rule) if t)


# The quotation behind each column of the units frame (a standard's column: standards.<code>.rating).
_QUOTED = {"Unit": "unit.name", "Region": "unit.region", "Published": "report.published", "Framework": "framework",
           "Overall": "overall.rating", "Score": "overall.score", "Check": ""}


def quotations_text(inspection: Inspection, field: str) -> str:
    """Each quotation that states ``field``, with where it is from: “… words …” — press release, address.
    Two sources stating different values are both shown (the value itself is left empty)."""
    quotes = inspection.quotes_for(field) if field else ()
    sources = {s.id: s for s in inspection.sources}
    lines = []
    for quote in quotes:
        source = sources.get(quote.source)
        where = " ".join(p for p in ((source.document or "source") if source else quote.source,
                                     (source.url or "") if source else "") if p)
        words = f"in its address: {quote.quote}" if quote.in_address else f"“{quote.quote}”"
        lines.append(f"{quote.value}: {words} — {where}")
    if len({q.value for q in quotes}) > 1 and not all(max((q.value for q in quotes), key=len).startswith(q.value)
                                                      for q in quotes):
        lines.insert(0, "Sources disagree; no value is shown:")
    if field == "framework" and inspection.report.framework_note:
        lines.append(inspection.report.framework_note)
    return "\n".join(lines)


def rating_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of a units frame that hold ratings: Overall and the standard codes."""
    return ["Overall"] + [c for c in frame.columns if c not in UNIT_COLUMNS]


def with_sort_keys(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame plus hidden numeric columns so rating columns sort by rating (worst first), and the
    column → sort-column map for the table model."""
    out = frame.copy()
    sort_by = {"Score": "Score number"}
    for column in rating_columns(frame):
        key = f"{column} order"
        out[key] = [float(r.rank) if (r := cell_rating(t)) is not None else math.nan for t in frame[column]]
        sort_by[column] = key
    return out, sort_by


def filter_units(frame: pd.DataFrame, region: str | None = None, rating: str | None = None,
                 framework: str | None = None, year: str | None = None) -> pd.DataFrame:
    """Rows of a units frame in ``region``, with overall ``rating`` (a label, published or computed, or
    "not published"), of ``framework`` (its id) and published in ``year``; None means any. The index is
    kept."""
    keep = pd.Series(True, index=frame.index)
    if year is not None:
        keep &= frame["Year"] == year
    if region is not None:
        keep &= frame["Region"] == region
    if framework is not None:
        keep &= frame["Framework"] == framework
    if rating is not None:
        keep &= frame["Overall"].map(lambda t: t.removesuffix(COMPUTED_SUFFIX)) == rating
    return frame[keep]


# -------------------------------------------------------------------------------------- frameworks

def framework_groups(entries: Sequence[Entry]) -> dict[str, list[int]]:
    """Framework id → positions of its inspections; the framework with most units first."""
    groups: dict[str, list[int]] = {}
    for i, (_, assessment) in enumerate(entries):
        groups.setdefault(assessment.framework.id, []).append(i)
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))


def _some(names: Sequence[str], shown: int = 5) -> str:
    """"A, B, C, D, E and 30 more units" for a long list (the library has many units without figures)."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more units"


def _units(n: int) -> str:
    return f"{n} unit{'s' if n != 1 else ''}"


def framework_note(entries: Sequence[Entry], framework_id: str | None = None) -> str:
    """"hmip-probation-pdu-2023: 3 units; other frameworks shown separately (…)" for the group
    ``framework_id`` (default: the largest); "All 3 units use …" when there is only one framework."""
    groups = framework_groups(entries)
    if not groups:
        return ""
    framework_id = framework_id if framework_id in groups else next(iter(groups))
    if len(groups) == 1:
        n = len(groups[framework_id])
        return f"All {n} units use {framework_id}." if n > 1 else f"1 unit uses {framework_id}."
    others = ", ".join(f"{fid}: {_units(len(ix))}" for fid, ix in groups.items() if fid != framework_id)
    return (f"{framework_id}: {_units(len(groups[framework_id]))}; other frameworks shown separately ({others}) — "
            "figures are never combined across frameworks.")


# ---------------------------------------------------------------------------------- key questions

def question_choices(entries: Sequence[Entry], code: str) -> list[tuple[str | int | None, str]]:
    """The questions of standard ``code`` that can be compared: the lowest (deciding) one, each theme
    any unit uses, and positions for units whose questions carry no theme."""
    choices: list[tuple[str | int | None, str]] = [(LOWEST, "Lowest key question (decides the rating)")]
    themes, positions = set(), 0
    for inspection, _ in entries:
        standard = inspection.standard(code)
        questions = standard.key_questions if standard else ()
        themes.update(q.theme for q in questions if q.theme in KEY_QUESTION_THEMES)
        if any(q.theme is None for q in questions):
            positions = max(positions, len(questions))
    choices += [(t, KEY_QUESTION_THEMES[t]) for t in _THEMES if t in themes]
    choices += [(i, f"Question {i + 1} (by position)") for i in range(positions) if i >= len(_THEMES) or
                _THEMES[i] not in themes]
    return choices


def match_question(questions: Sequence[KeyQuestion], key: str | int | None) -> tuple[KeyQuestion | None, str]:
    """The question for ``key`` (a theme, a position, or LOWEST) and how it was matched."""
    if key is LOWEST:
        lowest = lowest_key_question(Standard("", key_questions=tuple(questions)))
        return (lowest, "lowest") if lowest else (None, "")
    if isinstance(key, int):
        return (questions[key], "position") if 0 <= key < len(questions) else (None, "")
    by_theme = next((q for q in questions if q.theme == key), None)
    if by_theme is not None:
        return by_theme, "theme"
    position = _THEMES.index(key) if key in _THEMES else -1
    if 0 <= position < len(questions) and questions[position].theme is None:
        return questions[position], "position"
    return None, ""


def key_question_frame(entries: Sequence[Entry], code: str, key: str | int | None = LOWEST) -> pd.DataFrame:
    """One row per inspection: its % Yes for the question ``key`` of standard ``code``, and the band
    of its own framework. Units without the figure have a blank % Yes and "not published"."""
    rows = []
    for i, (inspection, assessment) in enumerate(entries):
        standard = inspection.standard(code)
        question, how = match_question(standard.key_questions if standard else (), key)
        percent = question.percent_yes if question is not None and question.percent_yes is not None else math.nan
        band = assessment.framework.key_question_band(percent) if not math.isnan(percent) else None
        rows.append([unit_label(entries, i), inspection.unit.region or NO_REGION, assessment.framework.id,
                     question.question if question else "", KEY_QUESTION_THEMES.get(question.theme or "", "")
                     if question else "", percent, label_or_missing(band.rating if band else None), how])
    frame = pd.DataFrame(rows, columns=KEY_QUESTION_UNIT_COLUMNS)
    frame["% Yes"] = frame["% Yes"].astype(float)
    return frame


@dataclass(frozen=True)
class Rank:
    position: int  # 1 = lowest
    count: int
    tied: bool
    text: str  # "2nd lowest of 3 units"

    def __str__(self) -> str:
        return self.text


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _ORDINALS.get(n % 10, 'th')}"


def rank_text(value: float, values: Sequence[float]) -> Rank:
    """Where ``value`` stands among ``values`` (which include it): lowest, 2nd lowest, …, highest."""
    value, values = float(value), [float(v) for v in values]
    count = len(values)
    from_bottom = 1 + sum(v < value for v in values)
    from_top = 1 + sum(v > value for v in values)
    tied = sum(v == value for v in values) > 1
    joint = "joint " if tied else ""
    if from_top < from_bottom:
        words = "highest" if from_top == 1 else f"{_ordinal(from_top)} highest"
    else:
        words = "lowest" if from_bottom == 1 else f"{_ordinal(from_bottom)} lowest"
    return Rank(from_bottom, count, tied, f"{joint}{words} of {_units(count)}")


@dataclass(frozen=True)
class UnitBar:
    index: int  # position in entries
    unit: str
    percent: float
    rating: Rating | None  # the band of the unit's own framework
    selected: bool


@dataclass(frozen=True)
class AcrossUnits:
    """One key question across the units of one framework: bars (lowest first), band edges, rank."""

    code: str
    title: str  # "P2.1 Assessment — Keeping other people safe"
    framework_id: str | None
    bars: tuple[UnitBar, ...]
    edges: tuple[tuple[float, str], ...]
    rank: Rank | None
    rank_line: str  # "Hertfordshire PDU: 17% — lowest of 3 units"
    note: str  # which units are left out, and why


def across_units(entries: Sequence[Entry], code: str, key: str | int | None, selected: int | None,
                 shown: Sequence[int] | None = None) -> AcrossUnits:
    """The question ``key`` of ``code`` for the units ``shown`` (default: all) of the selected unit's
    framework, lowest first, and where the selected unit ranks among them."""
    shown = list(range(len(entries))) if shown is None else list(shown)
    # The figures use the selected unit's framework, else the one with most units shown.
    framework_id = (entries[selected][1].framework.id if selected in shown else
                    next(iter(framework_groups([entries[i] for i in shown])), None))
    frame = key_question_frame(entries, code, key)
    names = standard_names(entries)
    label = dict(question_choices(entries, code)).get(key, str(key))
    title = f"{code} {names.get(code, '')} — {label}".replace("  ", " ")
    group = [i for i in shown if entries[i][1].framework.id == framework_id]
    known = [i for i in group if not math.isnan(frame.at[i, "% Yes"])]
    known.sort(key=lambda i: (frame.at[i, "% Yes"], frame.at[i, "Unit"].casefold()))
    bars = tuple(UnitBar(i, frame.at[i, "Unit"], float(frame.at[i, "% Yes"]),
                         match_rating(frame.at[i, "Band"])[0], i == selected) for i in known)
    edges = tuple(band_edges(entries[group[0]][1].framework)) if group else ()
    other = [i for i in shown if i not in group]
    missing = [frame.at[i, "Unit"] for i in group if i not in known]
    notes = ([f"{_units(len(other))} of other frameworks not included (compared only within {framework_id})."]
             if other else []) + ([f"No published figure for {_some(missing)}."] if missing else [])
    rank, rank_line = None, ""
    if selected in known:
        values = [b.percent for b in bars]
        rank = rank_text(frame.at[selected, "% Yes"], values)
        rank_line = f"{frame.at[selected, 'Unit']}: {frame.at[selected, '% Yes']:g}% — {rank.text}"
    elif selected is not None and 0 <= selected < len(entries):
        why = "is not among the units shown" if selected not in shown else "has no published figure for this question"
        rank_line = f"{unit_label(entries, selected)} {why}."
    return AcrossUnits(code, title, framework_id, bars, edges, rank, rank_line, " ".join(notes))


# ------------------------------------------------------------------------------------------ place

def place_line(entries: Sequence[Entry], selected: int | None, shown: Sequence[int]) -> str:
    """Where the selected unit's overall rating stands among the units shown of its own programme:
    "Hertfordshire PDU — Requires improvement: of 37 units of hmip-probation-pdu-2023 shown, 3 rated better,
    20 the same and 14 worse." Ratings of different programmes are never ranked together."""
    if selected is None or not 0 <= selected < len(entries):
        return ""
    inspection, assessment = entries[selected]
    overall = assessment.overall
    mine = overall.published_rating or overall.computed_rating
    framework_id = assessment.framework.id
    group = [i for i in shown if entries[i][1].framework.id == framework_id and i != selected]
    if mine is None or not group:
        return ""
    others = [entries[i][1].overall.published_rating for i in group]
    rated = [r for r in others if r is not None]
    better, same = sum(r > mine for r in rated), sum(r == mine for r in rated)
    worse = len(rated) - better - same
    how = "" if overall.published_rating is not None else " (computed: the report does not publish it)"
    unrated = len(others) - len(rated)
    tail = f" ({unrated} without a published rating)" if unrated else ""
    return (f"{unit_label(entries, selected)} — {mine.label}{how}: of the {_units(len(group))} of {framework_id} "
            f"shown beside it, {better} rated better, {same} the same and {worse} worse{tail}.")


# ----------------------------------------------------------------------------------------- counts

def rating_counts(entries: Sequence[Entry], by: str = BY_REGION) -> pd.DataFrame:
    """Counts of each published rating per framework and region (or year of publication): one row for the
    overall rating, one for all standards together and one per standard code."""
    codes = standard_codes(entries)
    rows = []
    missing = NO_REGION if by == BY_REGION else NO_YEAR
    for framework_id, positions in framework_groups(entries).items():
        groups: dict[str, list[int]] = {}
        for i in positions:
            inspection = entries[i][0]
            key = (inspection.unit.region or NO_REGION) if by == BY_REGION else year_of(inspection)
            groups.setdefault(key, []).append(i)
        for value in sorted(groups, key=lambda v: (v == missing, v.casefold())):
            members = [entries[i] for i in groups[value]]
            per: dict[str, Counter] = {OVERALL: Counter(), ALL_STANDARDS: Counter()}
            for _, assessment in members:
                per[OVERALL][label_or_missing(assessment.overall.published_rating)] += 1
                for sa in assessment.standards:
                    per.setdefault(sa.code, Counter())[label_or_missing(sa.published)] += 1
                    per[ALL_STANDARDS][label_or_missing(sa.published)] += 1
            for of in [OVERALL, ALL_STANDARDS] + [c for c in codes if c in per]:
                counts = [per[of][r] for r in COUNT_RATINGS]
                rows.append([framework_id, value, of, len(members)] + counts + [sum(counts)])
    return pd.DataFrame(rows, columns=["Framework", by, "Of", "Units"] + COUNT_RATINGS + ["Total"])


def counts_for(counts: pd.DataFrame, of: str) -> pd.DataFrame:
    """The rows of :func:`rating_counts` for one of Overall, All standards or a standard code."""
    return counts[counts["Of"] == of].drop(columns="Of").reset_index(drop=True)
