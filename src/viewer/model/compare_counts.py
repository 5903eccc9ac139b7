"""Where a unit's overall rating stands among the others of its programme, and counts of published ratings
per programme and region (or year of publication). Ratings of different programmes are never ranked or
counted together; a rating the report does not give counts as "not published"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from viewer.model.compare import (
    NO_REGION, NO_YEAR, Entry, framework_groups, standard_codes, unit_label, units_text, year_of,
)
from viewer.model.ratings import NOT_PUBLISHED, Rating, label_or_missing

COUNT_RATINGS = [r.label for r in sorted(Rating, reverse=True)] + [NOT_PUBLISHED]  # best first
OVERALL, ALL_STANDARDS = "Overall", "All standards"
BY_REGION, BY_YEAR = "Region", "Year"


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
    return (f"{unit_label(entries, selected)} — {mine.label}{how}: of the {units_text(len(group))} of {framework_id} "
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
