"""A unit's history: every inspection of the same unit among the open files and the published outcomes,
newest first, each score with its own programme's maximum (scores of different programmes are never put
on one scale)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from viewer.library.entries import same_inspection
from viewer.library.load import Outcome, history, load_library, same_unit
from viewer.model.compare import quotations_text
from viewer.model.framework import load_framework
from viewer.model.inspection import Inspection
from viewer.model.tables import display_month

HISTORY_COLUMNS = ["Published", "Programme", "Overall", "Score", "From"]
THIS_FILE, OPEN_FILE, PUBLISHED = "this inspection", "open file", "published outcome"


@dataclass(frozen=True)
class UnitHistory:
    frame: pd.DataFrame  # HISTORY_COLUMNS, newest first
    tips: list[str]  # per row: the quotations behind its rating and score (empty for files)
    urls: list[str | None]  # per row: the published page it was read from
    note: str  # what was searched and how units were matched
    searched: int  # how many published outcomes were searched


def unit_history(inspection: Inspection, open_inspections: Sequence[Inspection] = (),
                 outcomes: Sequence[Outcome] | None = None) -> UnitHistory:
    outcomes = load_library() if outcomes is None else outcomes
    name = inspection.unit.name or ""
    rows: list[tuple[Inspection, str]] = [(inspection, THIS_FILE)]
    rows += [(other, OPEN_FILE) for other in open_inspections
             if other is not inspection and name and same_unit(name, other, inspection.unit.kind)]
    opened = [i for i, _ in rows]
    rows += [(o.inspection, PUBLISHED) for o in history(inspection, outcomes)
             if not any(same_inspection(o.inspection, i) for i in opened)]
    rows.sort(key=lambda r: r[0].report.published or "", reverse=True)  # newest first ("2023" before "2022-11")
    rows.sort(key=lambda r: r[0].report.published is None)  # then the undated, in the same order (a stable sort)
    records, tips, urls = [], [], []
    for item, origin in rows:
        framework = load_framework(item.framework_id)
        score = item.overall.score
        records.append([
            display_month(item.report.published) or "date not given", framework.name,
            item.overall.rating.label if item.overall.rating else "not published",
            f"{score} out of {framework.max_score}" if score is not None and framework.max_score else
            (str(score) if score is not None else "not published"),
            origin if origin != PUBLISHED else f"{PUBLISHED} ({item.report.document or 'source'})"])
        tips.append("\n\n".join(t for t in (quotations_text(item, "overall.rating"),
                                            quotations_text(item, "overall.score"),
                                            item.report.framework_note or "") if t))
        urls.append(item.report.url)
    note = ("Each score is out of its own programme's maximum: scores of different programmes are not "
            "comparable.")
    return UnitHistory(pd.DataFrame(records, columns=HISTORY_COLUMNS), tips, urls, note, len(outcomes))
