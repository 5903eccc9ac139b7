"""The library of published outcomes, as the viewer and the command line read it.

The library is a folder of inspection files (``resources/outcomes/library/``, built by ``make library``),
each carrying its sources' texts and the quotation behind every value. It is read once, on first use,
and kept: the files are the viewer's own and do not change while it runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from viewer.formats.inspection_file import load_inspection
from viewer.model.unit_names import fold
from viewer.model.unit_names import unit_kind
from viewer.model.inspection import Inspection
from viewer.resource_files import resource_path


@dataclass(frozen=True)
class Outcome:
    """One published inspection in the library, and the file it is kept in."""

    id: str
    inspection: Inspection

    @property
    def year(self) -> str | None:
        return (self.inspection.report.published or "")[:4] or None


def library_dir() -> Path:
    return resource_path("outcomes", "library")


@cache
def load_library(folder: Path | None = None) -> tuple[Outcome, ...]:
    """Every outcome in the library, by unit then date. A file that does not load is a fault of the build
    (the test suite rebuilds and loads every one), so it is raised, not passed over."""
    folder = folder or library_dir()
    return tuple(Outcome(path.stem, load_inspection(path)) for path in sorted(folder.glob("*.json")))


def select(outcomes: Iterable[Outcome], framework: str | None = None, region: str | None = None,
           year: str | None = None, unit: str | None = None) -> list[Outcome]:
    """The outcomes of one programme, region, year or unit (each filter optional; text matched loosely:
    "north west" finds "North West")."""
    chosen = []
    for outcome in outcomes:
        inspection = outcome.inspection
        if framework and inspection.framework_id != framework:
            continue
        if region and fold(region) != fold(inspection.unit.region or ""):
            continue
        if year and outcome.year != year:
            continue
        if unit and not same_unit(unit, inspection, unit_kind(unit)):
            continue
        chosen.append(outcome)
    return chosen


def same_unit(name: str, inspection: Inspection, kind: str | None = None) -> bool:
    """True when ``name`` names the inspection's unit ("Leeds" and "Leeds Probation Delivery Unit (PDU)"), and,
    when ``kind`` is given, a unit of the same kind (a county's PDU is not its youth justice service; youth
    offending and youth justice services are one kind, as many renamed themselves)."""
    mine = fold(inspection.unit.name or "")
    if not mine or sorted(fold(name).split()) != sorted(mine.split()):
        return False
    return kind is None or kind_family(kind) == kind_family(inspection.unit.kind)


def kind_family(kind: str | None) -> str | None:
    """YOS and YJS are one family (many services renamed themselves); every other kind is its own."""
    return "youth" if kind in ("YOS", "YJS") else kind


def history(inspection: Inspection, outcomes: Iterable[Outcome] | None = None) -> list[Outcome]:
    """The library's published outcomes for the same unit, oldest first: what the unit was rated before
    (and after) the inspection shown. Probation and youth units are kept apart (a county's PDU is not its
    youth justice service)."""
    found = [o for o in (outcomes if outcomes is not None else load_library())
             if same_unit(inspection.unit.name or "", o.inspection, inspection.unit.kind)]
    return sorted(found, key=lambda o: (o.inspection.report.published or "", o.id))

