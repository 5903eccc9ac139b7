"""``inspection-viewer outcomes``: the library of published outcomes as a table, JSON or CSV.

Every value comes with the quotation that states it; a value two sources state differently is left
empty and both quotations are listed under ``conflicts``.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, TextIO

from viewer.library import Outcome, load_library, select
from viewer.model.framework import load_framework
from viewer.model.inspection import agreed_value

COLUMNS = ("unit", "kind", "region", "framework", "published", "overall_rating", "overall_score", "max_score",
           "standards", "source_url")


def record(outcome: Outcome) -> dict[str, Any]:
    inspection = outcome.inspection
    home = next((s for s in inspection.sources if s.url == inspection.report.url), inspection.sources[0])
    quotes: dict[str, str] = {}
    conflicts: dict[str, list[dict[str, str]]] = {}
    for field in sorted({q.field for q in inspection.quotes}):
        stated = inspection.quotes_for(field)
        # a quotation in the text (not only in an address), from the inspection's own page where it has one
        best = min(stated, key=lambda q: (q.in_address, q.source != home.id))
        quotes[field] = best.quote
        # a unit's name in different words is one unit (that is how the sources were matched), not a conflict
        if field != "unit.name" and agreed_value(q.value for q in stated) is None:
            conflicts[field] = [{"value": q.value, "quote": q.quote, "source": q.source} for q in stated]
    score = inspection.overall.score
    return {
        "id": outcome.id,
        "unit": inspection.unit.name,
        "kind": inspection.unit.kind,
        "region": inspection.unit.region,
        "framework": inspection.framework_id,
        "published": inspection.report.published,
        "overall_rating": inspection.overall.rating.label if inspection.overall.rating else None,
        "overall_score": score,
        "max_score": load_framework(inspection.framework_id).max_score if score is not None else None,
        "standards": {s.code: s.rating.label for s in inspection.standards if s.rating is not None},
        "source_url": inspection.report.url,
        "quotes": quotes,
        "conflicts": conflicts,
        "notes": list(inspection.warnings),
        "sources": [{"id": s.id, "url": s.url, "document": s.document} for s in inspection.sources],
        "source_text": _texts(inspection.sources),
    }


def _texts(sources) -> str:
    """The stored text the quotations come from: the one source's text, or each source's under its address."""
    if len(sources) == 1:
        return sources[0].text
    return "\n\n".join(f"=== {s.url or s.id} ===\n{s.text}" for s in sources)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def run_outcomes(framework: str | None = None, region: str | None = None, fmt: str = "table",
                 out: TextIO | None = None) -> int:
    out = out or sys.stdout
    chosen = select(load_library(), framework=framework, region=region)
    records = [record(o) for o in chosen]
    if fmt == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in records:
            writer.writerow([_cell(r[c]) for c in COLUMNS])
    else:
        for r in records:
            score = f"  {r['overall_score']}/{r['max_score']}" if r["overall_score"] is not None else ""
            out.write(f"{r['unit']:<58} {r['published'] or '(no date)':<9} {r['framework']:<28} "
                      f"{r['overall_rating'] or '(conflicting or not stated)'}{score}\n")
        out.write(f"{len(records)} published outcomes\n")
    if not records:
        sys.stderr.write("No published outcomes match" + (f" framework {framework}" if framework else "")
                         + (f" region {region}" if region else "") + ".\n")
    return 0
