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

One key question across units is ``compare_across``; where a unit stands and counts of ratings by region
or year are ``compare_counts``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
import pandas as pd

from viewer.model import palette
from viewer.model.inspection import Inspection, agreed_value
from viewer.model.rating_rules import Assessment
from viewer.model.ratings import NOT_PUBLISHED, Rating, colours_for, label_or_missing, match_rating
from viewer.model.tables import anything_to_check, check_colours, display_month, rated_by_key_questions

Entry = tuple[Inspection, Assessment]

COMPUTED_SUFFIX = " (computed)"
NOT_IN_FRAMEWORK = "not in framework"
NO_REGION = "region not given"
NO_YEAR = "year not given"
AGREES, DIFFERS, CANNOT_COMPUTE = "agrees", "DIFFERS", "cannot compute"
OUTCOME_ONLY = "outcome only"  # a press release or report page: it gives nothing the rules work from
NO_DATE = "not given"

UNIT_COLUMNS = ["Unit", "Region", "Framework", "Published", "Overall", "Score", "Score number", "Check", "Source",
                "Year"]
OPEN_FILE, PUBLISHED_OUTCOME = "open file", "published outcome"  # the Source column: where a row comes from



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
    # a unit's name in different words is one unit (that is how its sources were matched), not a disagreement
    if field != "unit.name" and quotes and agreed_value(q.value for q in quotes) is None:
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


def some_names(names: Sequence[str], shown: int = 5) -> str:
    """"A, B, C, D, E and 30 more units" for a long list (the library has many units without figures)."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more units"


def units_text(n: int) -> str:
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
    others = ", ".join(f"{fid}: {units_text(len(ix))}" for fid, ix in groups.items() if fid != framework_id)
    return (f"{framework_id}: {units_text(len(groups[framework_id]))}; other frameworks shown separately ({others}) — "
            "figures are never combined across frameworks.")
