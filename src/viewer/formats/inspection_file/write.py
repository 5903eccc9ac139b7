"""Write an :class:`Inspection` as an inspection file: its JSON structure, written atomically."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any

from viewer.formats.files import write_text_atomically
from viewer.model.inspection import Inspection
from viewer.model.ratings import Rating

FORMAT_ID = "inspection-viewer/1"


def _clean(value: Any) -> Any:
    """Drop empty values so written files stay as small as hand-written ones."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, (), [], {})}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, Rating):
        return value.label
    return value


def inspection_to_dict(inspection: Inspection) -> dict[str, Any]:
    data = {
        "format": FORMAT_ID,
        "framework": inspection.framework_id,
        "unit": asdict(inspection.unit),
        "report": asdict(inspection.report),
        "overall": {"rating": inspection.overall.rating, "score": inspection.overall.score},
        "cases": asdict(inspection.cases),
        "standards": [asdict(s) for s in inspection.standards],
        "figures": [asdict(f) for f in inspection.figures],
        "service_gaps": [asdict(g) for g in inspection.service_gaps],
        "recommendations": [asdict(r) for r in inspection.recommendations],
        "sources": [asdict(s) for s in inspection.sources],
        "quotes": [asdict(q) for q in inspection.quotes],
    }
    return _clean(data)


def save_inspection(inspection: Inspection, path: str | os.PathLike) -> None:
    """Write an inspection file atomically: a temporary file beside the target, then a rename."""
    write_text_atomically(path, json.dumps(inspection_to_dict(inspection), ensure_ascii=False, indent=2) + "\n")
