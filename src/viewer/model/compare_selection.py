"""What a person has chosen on the Compare tab, as plain data: the filters, the key question shown across
units, the highlighted unit and what the counts count. The tab keeps it; exports and the printed
comparison read it, never the widgets."""

from __future__ import annotations

from dataclasses import dataclass

from viewer.model.compare_across import LOWEST
from viewer.model.compare_counts import BY_REGION, OVERALL

# Where the units compared come from: the inspections open in the window, the library of published
# outcomes, or both.
OPEN, PUBLISHED, BOTH = "open", "published", "both"
SOURCES = {OPEN: "Open inspections", PUBLISHED: "Published outcomes", BOTH: "Open inspections and published outcomes"}


@dataclass(frozen=True)
class CompareSelection:
    region: str | None = None  # None: every region
    rating: str | None = None  # an overall rating label, or "not published"; None: any
    framework: str | None = None  # a framework id; None: every framework
    code: str | None = None  # the standard whose key question is shown across units
    question: str | int | None = LOWEST  # a theme, a position, or LOWEST (the deciding question)
    unit: int | None = None  # the highlighted unit: its position among the entries compared
    count_of: str = OVERALL  # what the counts by region count: overall ratings, all standards, or one standard
    source: str = OPEN  # OPEN, PUBLISHED or BOTH
    year: str | None = None  # a year of publication ("2023"); None: every year
    counts_by: str = BY_REGION  # the counts are by region or by year of publication

    def filters_text(self, framework_names: dict[str, str] | None = None) -> str:
        """"Region: South East; Overall rating: Good" for the filters in force (the framework by its name)."""
        framework = (framework_names or {}).get(self.framework or "", self.framework)
        parts = [("Region", self.region), ("Overall rating", self.rating), ("Framework", framework),
                 ("Year", self.year)]
        return "; ".join(f"{name}: {value}" for name, value in parts if value is not None)
