"""Every colour the viewer draws with, in one place: screen, paper and exports use these same values.

A rating's colour always comes with its label written beside or on it, so colour is never the only signal.
"""

from __future__ import annotations

# Background and text colour of each rating, worst first; "not published" is grey.
INADEQUATE = ("#c8102e", "#ffffff")
REQUIRES_IMPROVEMENT = ("#f4b13e", "#2b1d00")
GOOD = ("#8cc63f", "#102a10")
OUTSTANDING = ("#1d6b3a", "#ffffff")
NOT_PUBLISHED = ("#e6e6e6", "#404040")
NOT_IN_FRAMEWORK = ("#f7f7f7", "#8a8a8a")

# Light tints of the rating colours, behind the key-question bars (the rating bands).
BAND_TINTS = {"Inadequate": "#f8dde1", "Requires improvement": "#fdf0d5", "Good": "#e8f3da", "Outstanding": "#d9e8de"}

# Whether the published and computed ratings agree.
AGREES = ("#e3f1e3", "#1b5e20")
DIFFERS = ("#c8102e", "#ffffff")
NEUTRAL = ("#f2f2f2", "#404040")
CAUTION = ("#fff4d6", "#5c4400")

# Charts.
TEXT = "#1a1a1a"
MUTED = "#555555"
AXIS = "#404040"
GRID = "#e6e6e6"
TRACK = "#ececec"  # the unfilled part of a proportion bar
BAR = "#3a6ea5"  # neutral bars: counts, proportions
BAR_EDGE = "#1f3f63"
OVER_CAPACITY = "#c8102e"  # the part of a workload above 100 %
OVER_CAPACITY_EDGE = "#7a0a1c"
SURVEY = "#5b7fa6"
SURVEY_NEGATIVE = "#a3643a"  # a negative statement's share: more is worse
FINDINGS = "#7a5c99"
BAND_EDGE = "#333333"  # dashed lines at the edges of the rating bands
REFERENCE = "#1a1a1a"  # a reference line (100 % = a full workload)
EMPHASIS_EDGE = "#111111"  # the outline of the deciding question or the selected unit
PLAIN_EDGE = "#555555"

# Labels and panels of the window.
NOTE = "#505050"
WARNING = ("#fde7ea", "#8a0a1f")
HIGHLIGHT = ("#1f3f63", "#ffffff")  # the highlighted unit in a table
RANK = ("#eef3fa", "#1f3f63")
ZERO = ("#ffffff", "#9a9a9a")  # a count of nothing


def tint(colour: str, keep: float = 0.45) -> str:
    """``colour`` mixed with white (``keep`` of the colour): a paler version of the same hue."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in rgb)
