"""One key question across many inspections: each unit's % Yes for it, banded by its own framework, the
units of one framework side by side (lowest first) and where the highlighted unit ranks.

Key questions are matched across units by standard code **and** theme (engagement, desistance, safety);
a unit whose questions carry no theme falls back to the question's position.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from viewer.model.compare import NO_REGION, Entry, framework_groups, some_names, standard_names, unit_label, units_text
from viewer.model.inspection import KEY_QUESTION_THEMES, KeyQuestion, Standard
from viewer.model.rating_rules import lowest_key_question
from viewer.model.ratings import Rating, label_or_missing, match_rating
from viewer.model.tables import band_edges

KEY_QUESTION_UNIT_COLUMNS = ["Unit", "Region", "Framework", "Question", "Theme", "% Yes", "Band", "Matched by"]
LOWEST = None  # the question key meaning "each unit's lowest key question" (the one deciding the rating)

_THEMES = list(KEY_QUESTION_THEMES)
_ORDINALS = {1: "st", 2: "nd", 3: "rd"}


def question_choices(entries: Sequence[Entry], code: str) -> list[tuple[str | int | None, str]]:
    """The questions of standard ``code`` that can be compared: the lowest (deciding) one, each theme
    any unit uses, and positions for units whose questions carry no theme."""
    choices: list[tuple[str | int | None, str]] = [(LOWEST, "Lowest key question (decides the rating)")]
    themes, positions = set(), 0
    for inspection, _ in entries:
        standard = inspection.standard(code)
        questions = standard.key_questions if standard else ()
        themes.update(q.theme for q in questions if q.theme in KEY_QUESTION_THEMES)
        if any(q.theme is None for q in questions):
            positions = max(positions, len(questions))
    choices += [(t, KEY_QUESTION_THEMES[t]) for t in _THEMES if t in themes]
    choices += [(i, f"Question {i + 1} (by position)") for i in range(positions) if i >= len(_THEMES) or
                _THEMES[i] not in themes]
    return choices


def match_question(questions: Sequence[KeyQuestion], key: str | int | None) -> tuple[KeyQuestion | None, str]:
    """The question for ``key`` (a theme, a position, or LOWEST) and how it was matched."""
    if key is LOWEST:
        lowest = lowest_key_question(Standard("", key_questions=tuple(questions)))
        return (lowest, "lowest") if lowest else (None, "")
    if isinstance(key, int):
        return (questions[key], "position") if 0 <= key < len(questions) else (None, "")
    by_theme = next((q for q in questions if q.theme == key), None)
    if by_theme is not None:
        return by_theme, "theme"
    position = _THEMES.index(key) if key in _THEMES else -1
    if 0 <= position < len(questions) and questions[position].theme is None:
        return questions[position], "position"
    return None, ""


def key_question_frame(entries: Sequence[Entry], code: str, key: str | int | None = LOWEST) -> pd.DataFrame:
    """One row per inspection: its % Yes for the question ``key`` of standard ``code``, and the band
    of its own framework. Units without the figure have a blank % Yes and "not published"."""
    rows = []
    for i, (inspection, assessment) in enumerate(entries):
        standard = inspection.standard(code)
        question, how = match_question(standard.key_questions if standard else (), key)
        percent = question.percent_yes if question is not None and question.percent_yes is not None else math.nan
        band = assessment.framework.key_question_band(percent) if not math.isnan(percent) else None
        rows.append([unit_label(entries, i), inspection.unit.region or NO_REGION, assessment.framework.id,
                     question.question if question else "", KEY_QUESTION_THEMES.get(question.theme or "", "")
                     if question else "", percent, label_or_missing(band.rating if band else None), how])
    frame = pd.DataFrame(rows, columns=KEY_QUESTION_UNIT_COLUMNS)
    frame["% Yes"] = frame["% Yes"].astype(float)
    return frame


@dataclass(frozen=True)
class Rank:
    position: int  # 1 = lowest
    count: int
    tied: bool
    text: str  # "2nd lowest of 3 units"

    def __str__(self) -> str:
        return self.text


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _ORDINALS.get(n % 10, 'th')}"


def rank_text(value: float, values: Sequence[float]) -> Rank:
    """Where ``value`` stands among ``values`` (which include it): lowest, 2nd lowest, …, highest."""
    value, values = float(value), [float(v) for v in values]
    count = len(values)
    from_bottom = 1 + sum(v < value for v in values)
    from_top = 1 + sum(v > value for v in values)
    tied = sum(v == value for v in values) > 1
    joint = "joint " if tied else ""
    if from_top < from_bottom:
        words = "highest" if from_top == 1 else f"{_ordinal(from_top)} highest"
    else:
        words = "lowest" if from_bottom == 1 else f"{_ordinal(from_bottom)} lowest"
    return Rank(from_bottom, count, tied, f"{joint}{words} of {units_text(count)}")


@dataclass(frozen=True)
class UnitBar:
    index: int  # position in entries
    unit: str
    percent: float
    rating: Rating | None  # the band of the unit's own framework
    selected: bool


@dataclass(frozen=True)
class AcrossUnits:
    """One key question across the units of one framework: bars (lowest first), band edges, rank."""

    code: str
    title: str  # "P2.1 Assessment — Keeping other people safe"
    framework_id: str | None
    bars: tuple[UnitBar, ...]
    edges: tuple[tuple[float, str], ...]
    rank: Rank | None
    rank_line: str  # "Hertfordshire PDU: 17% — lowest of 3 units"
    note: str  # which units are left out, and why


def across_units(entries: Sequence[Entry], code: str, key: str | int | None, selected: int | None,
                 shown: Sequence[int] | None = None) -> AcrossUnits:
    """The question ``key`` of ``code`` for the units ``shown`` (default: all) of the selected unit's
    framework, lowest first, and where the selected unit ranks among them."""
    shown = list(range(len(entries))) if shown is None else list(shown)
    # The figures use the selected unit's framework, else the one with most units shown.
    framework_id = (entries[selected][1].framework.id if selected in shown else
                    next(iter(framework_groups([entries[i] for i in shown])), None))
    frame = key_question_frame(entries, code, key)
    names = standard_names(entries)
    label = dict(question_choices(entries, code)).get(key, str(key))
    title = f"{code} {names.get(code, '')} — {label}".replace("  ", " ")
    group = [i for i in shown if entries[i][1].framework.id == framework_id]
    known = [i for i in group if not math.isnan(frame.at[i, "% Yes"])]
    known.sort(key=lambda i: (frame.at[i, "% Yes"], frame.at[i, "Unit"].casefold()))
    bars = tuple(UnitBar(i, frame.at[i, "Unit"], float(frame.at[i, "% Yes"]),
                         match_rating(frame.at[i, "Band"])[0], i == selected) for i in known)
    edges = tuple(band_edges(entries[group[0]][1].framework)) if group else ()
    other = [i for i in shown if i not in group]
    missing = [frame.at[i, "Unit"] for i in group if i not in known]
    notes = ([f"{units_text(len(other))} of other frameworks not included (compared only within {framework_id})."]
             if other else []) + ([f"No published figure for {some_names(missing)}."] if missing else [])
    rank, rank_line = None, ""
    if selected in known:
        values = [b.percent for b in bars]
        rank = rank_text(frame.at[selected, "% Yes"], values)
        rank_line = f"{frame.at[selected, 'Unit']}: {frame.at[selected, '% Yes']:g}% — {rank.text}"
    elif selected is not None and 0 <= selected < len(entries):
        why = "is not among the units shown" if selected not in shown else "has no published figure for this question"
        rank_line = f"{unit_label(entries, selected)} {why}."
    return AcrossUnits(code, title, framework_id, bars, edges, rank, rank_line, " ".join(notes))
