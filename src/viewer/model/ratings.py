"""The four rating labels, their order, colours and tolerant matching of variant spellings."""

from __future__ import annotations

import re
from enum import Enum

from viewer.model import palette


class Rating(Enum):
    """A rating, ordered from worst to best (``Rating.INADEQUATE < Rating.OUTSTANDING``)."""

    INADEQUATE = "Inadequate"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    GOOD = "Good"
    OUTSTANDING = "Outstanding"

    @property
    def label(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    def __lt__(self, other: "Rating") -> bool:
        return self.rank < other.rank

    def next_better(self) -> "Rating | None":
        return _ORDER[self.rank + 1] if self.rank + 1 < len(_ORDER) else None


_ORDER = [Rating.INADEQUATE, Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.OUTSTANDING]

# Background and text colours for each rating (the label is always written as well).
RATING_COLOURS: dict[Rating, tuple[str, str]] = {
    Rating.OUTSTANDING: palette.OUTSTANDING,
    Rating.GOOD: palette.GOOD,
    Rating.REQUIRES_IMPROVEMENT: palette.REQUIRES_IMPROVEMENT,
    Rating.INADEQUATE: palette.INADEQUATE,
}
NOT_PUBLISHED = "not published"

# Spellings seen in reports and spreadsheets that mean a known label; matched after folding case
# and punctuation. Anything else is an unknown label.
_VARIANTS = {
    "requires improvement": Rating.REQUIRES_IMPROVEMENT,
    "require improvement": Rating.REQUIRES_IMPROVEMENT,
    "requiring improvement": Rating.REQUIRES_IMPROVEMENT,
    "requiresimprovement": Rating.REQUIRES_IMPROVEMENT,
    "ri": Rating.REQUIRES_IMPROVEMENT,
    "needs improvement": Rating.REQUIRES_IMPROVEMENT,
    "inadequate": Rating.INADEQUATE,
    "good": Rating.GOOD,
    "outstanding": Rating.OUTSTANDING,
}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]", " ", text.lower())).strip()


def match_rating(text: str) -> tuple[Rating | None, bool]:
    """Return ``(rating, exact)`` for a label; ``rating`` is None when the label is unknown.

    ``exact`` is False when the label was recognised but spelled differently from the canonical
    label (other case, stray punctuation, an abbreviation), which callers report as a warning.
    """
    for rating in Rating:
        if text == rating.label:
            return rating, True
    return _VARIANTS.get(_fold(text)), False


def colours_for(rating: Rating | None) -> tuple[str, str]:
    """Background and foreground colour for a rating cell (grey when not published)."""
    return RATING_COLOURS[rating] if rating is not None else palette.NOT_PUBLISHED


def label_or_missing(rating: Rating | None) -> str:
    return rating.label if rating is not None else NOT_PUBLISHED
