"""The library as the Compare tab and the printed comparison take it: (Inspection, Assessment) pairs,
alone or after the open inspections.

A published outcome that is also open as a file (the same unit, programme and month) is shown once, as
the open file: the file has more in it than the outcome's few quoted values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from viewer.library.load import load_library, same_unit
from viewer.model.compare import Entry
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess


@cache
def library_entries() -> tuple[Entry, ...]:
    """Every published outcome with its assessment under its own framework's rules (read once). They carry
    no file path: they are not files the user opened (the Compare tab's Source column says so)."""
    outcomes = (replace(o.inspection, source_path=None) for o in load_library())
    return tuple((i, assess(i, load_framework(i.framework_id))) for i in outcomes)


def with_library(open_entries: Sequence[Entry], include_open: bool = True) -> tuple[list[Entry], int]:
    """The open entries (first, in their order, when ``include_open``) then the published outcomes not
    already open; and how many outcomes were left out because they are open."""
    published = library_entries()
    if not include_open:
        return list(published), 0
    kept = [e for e in published if not any(same_inspection(e[0], o[0]) for o in open_entries)]
    return list(open_entries) + kept, len(published) - len(kept)


def same_inspection(outcome, opened) -> bool:
    """The same unit under the same programme, published in the same month (or either gives no month: a
    unit is inspected once in a programme's round)."""
    months = {outcome.report.published, opened.report.published}
    return (outcome.framework_id == opened.framework_id and (len(months) == 1 or None in months)
            and same_unit(opened.unit.name or "", outcome, opened.unit.kind))
