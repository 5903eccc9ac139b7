"""Write an :class:`Inspection` as an inspection file: its JSON structure, written atomically.

Nothing is written that the viewer could not read back: text UTF-8 cannot hold (half of a UTF-16 pair,
from a damaged PDF's text layer, say) and a file past the reader's size limit are refused, with the field
or the size named, before the target is touched.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import asdict
from typing import Any

from viewer.formats.errors import WriteError
from viewer.formats.files import size_text, write_bytes_atomically
from viewer.model.inspection import Inspection
from viewer.model.ratings import Rating

FORMAT_ID = "inspection-viewer/1"
# The largest inspection file the viewer reads, and so the largest it writes: the sample is 85 KB, and a
# file of this size would take seconds to read.
MAX_FILE_BYTES = 20 * 1024 * 1024


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


def unwritable_text(data: Any, path: str = "$") -> str | None:
    """Where the first value JSON or UTF-8 cannot hold is, and what it holds: "$.unit.name: the text has
    \\ud800 at character 5 ...", "$.figures[2].value: nan is not a number"; None when all can be written."""
    stack = [(path, data)]
    while stack:
        place, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return f"{place}: {value} is not a number JSON can hold (NaN or infinite), and the viewer would refuse it"
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as bad:
                return (f"{place}: the text has \\u{ord(value[bad.start]):04x} at character {bad.start + 1:,}, "
                        "half of a UTF-16 pair and no character on its own, which UTF-8 cannot hold")
        elif isinstance(value, dict):
            stack.extend((f"{place}.{key}", item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{place}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None


def inspection_file_bytes(inspection: Inspection, target: str | os.PathLike = "") -> bytes:
    """The inspection file's bytes, or :class:`WriteError` when the viewer could not read them back."""
    data = inspection_to_dict(inspection)
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        encoded = text.encode("utf-8")
    except (UnicodeEncodeError, ValueError):  # half a UTF-16 pair; NaN or infinity (JSON has neither)
        raise WriteError(f"{target}: cannot write {unwritable_text(data)}") from None
    if len(encoded) > MAX_FILE_BYTES:
        raise WriteError(f"{target}: the inspection file would be {size_text(len(encoded))}; inspection files are "
                         f"limited to {size_text(MAX_FILE_BYTES)}, the most the viewer reads, so it would not open "
                         "again")
    return encoded


def save_inspection(inspection: Inspection, path: str | os.PathLike) -> None:
    """Write an inspection file atomically: a temporary file beside the target, then a rename. Raises
    :class:`WriteError` (and nothing is written) for what the viewer could not read back."""
    write_bytes_atomically(path, inspection_file_bytes(inspection, path))
