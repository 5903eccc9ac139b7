"""Frameworks: the standards and rating rules of one inspection programme, read from data files.

Every rule carries its status — ``confirmed`` (the inspectorate states it: quotation and address in
the file), ``consistent`` (every published outcome found agrees, but the rule is not published) or
``inferred`` (a pattern) — and wherever a computed value depends on a rule that is not confirmed,
the viewer says so. A rule the sources do not give at all is absent, and nothing is computed from it.
``resources/frameworks/README.md`` explains the keys.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from viewer.model.ratings import Rating
from viewer.resource_files import resource_path

STATUSES = ("confirmed", "consistent", "inferred")
NOT_FOUND = "not found"  # a rule the sources do not give: nothing is computed from it
CAVEATS = {
    "confirmed": "",
    "consistent": "consistent with every published outcome found, but not published as a rule",
    "inferred": "inferred, not confirmed by a published source",
    NOT_FOUND: "not published: nothing is computed from it",
}


class FrameworkError(ValueError):
    """A framework file that is missing or malformed."""


@dataclass(frozen=True)
class Rule:
    """Where a rule comes from: its status and the source or reasoning behind it."""

    status: str
    source: str

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    @property
    def caveat(self) -> str:
        """"" for a confirmed rule, else what people should know: "inferred, not confirmed by …"."""
        return CAVEATS.get(self.status, self.status)


@dataclass(frozen=True)
class Band:
    rating: Rating
    low: float
    high: float
    status: str  # confirmed, consistent or inferred
    source: str

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def rule(self) -> Rule:
        return Rule(self.status, self.source)

    @property
    def inferred(self) -> bool:
        """True when the band is not confirmed by a published source (consistent or inferred)."""
        return self.status != "confirmed"


@dataclass(frozen=True)
class StandardDefinition:
    code: str
    name: str
    domain: int
    statement: str = ""
    rated_by_key_questions: bool = False
    applies_to: tuple[str, ...] = ()  # the kinds of unit rated on it ("CRC", "NPS"); () for every unit
    counts_in_score: bool = True  # False for a standard rated separately from the score
    code_status: str = "confirmed"  # whether the code and name are printed in a report
    key_questions: tuple[tuple[str, str], ...] = ()  # (question, theme) as published

    def applies(self, unit_kind: str | None) -> bool:
        return not self.applies_to or (unit_kind is not None and unit_kind.split()[0].upper() in self.applies_to)


@dataclass(frozen=True)
class Source:
    url: str
    quote: str
    what: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    unit_kind: str
    years: str
    programme: str
    points: dict[Rating, int] | None  # None: the sources give no points, so no score is computed
    points_rule: Rule | None
    domains: dict[int, str]
    standards: tuple[StandardDefinition, ...]
    key_question_bands: tuple[Band, ...]
    overall_bands: tuple[Band, ...]
    overall_rule: Rule | None  # what is known of how the overall rating is decided, when no bands are given
    declared_max_score: int | None = None
    max_score_rule: Rule | None = None
    sources: tuple[Source, ...] = ()

    @property
    def max_score(self) -> int | None:
        """The score's maximum: as declared, or the top points over the scored standards of one unit."""
        if self.declared_max_score is not None:
            return self.declared_max_score
        if not self.points:
            return None
        kinds = {k for s in self.standards for k in s.applies_to} or {None}
        return max(max(self.points.values()) * sum(1 for s in self.standards_for(kind) if s.counts_in_score)
                   for kind in kinds)

    @property
    def scored(self) -> bool:
        """True when the framework gives a score and the bands that turn it into a rating."""
        return bool(self.points) and bool(self.overall_bands)

    def definition(self, code: str) -> StandardDefinition | None:
        return next((s for s in self.standards if s.code == code), None)

    def standards_for(self, unit_kind: str | None, codes: frozenset[str] = frozenset()) -> tuple[StandardDefinition, ...]:
        """The standards a unit is rated on: those of every unit, and those of its kind. When the kind is
        not known, the kind-specific standards the inspection itself reports."""
        if unit_kind is not None:
            return tuple(s for s in self.standards if s.applies(unit_kind))
        return tuple(s for s in self.standards if not s.applies_to or s.code in codes)

    def key_question_band(self, percent: float) -> Band | None:
        # Published percentages are whole numbers; round so 49.6 falls where the report would put it.
        return _band_for(self.key_question_bands, round(percent))

    def overall_band(self, score: int) -> Band | None:
        return _band_for(self.overall_bands, score)


def _band_for(bands: tuple[Band, ...], value: float) -> Band | None:
    return next((b for b in bands if b.contains(value)), None)


def frameworks_dir() -> Path:
    return resource_path("frameworks")


def available_frameworks() -> list[str]:
    return sorted(p.stem for p in frameworks_dir().glob("*.toml"))


@cache
def load_framework(framework_id: str) -> Framework:
    path = frameworks_dir() / f"{framework_id}.toml"
    if not path.is_file():
        known = ", ".join(available_frameworks()) or "none"
        raise FrameworkError(f"unknown framework '{framework_id}' (known: {known})")
    try:
        return parse_framework(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise FrameworkError(f"framework file {path} is malformed: {exc}") from exc


def all_frameworks() -> list[Framework]:
    return [load_framework(i) for i in available_frameworks()]


def _rating(label: str) -> Rating:
    return Rating(label)  # framework files use the canonical labels exactly


def _status(status: str) -> str:
    if status not in STATUSES:
        raise ValueError(f"status '{status}' is not one of {', '.join(STATUSES)}")
    return status


def _rule(data: dict | None) -> Rule | None:
    if not data:
        return None
    status = data["status"] if data["status"] == NOT_FOUND else _status(data["status"])
    return Rule(status, data.get("source", ""))


def _bands(rows: list[dict]) -> tuple[Band, ...]:
    return tuple(Band(_rating(r["rating"]), r["low"], r["high"], _status(r["status"]), r.get("source", ""))
                 for r in rows)


def _standard(s: dict, domains: dict[int, dict]) -> StandardDefinition:
    domain = domains.get(int(s["domain"]), {})
    return StandardDefinition(
        code=s["code"], name=s["name"], domain=int(s["domain"]), statement=s.get("statement", ""),
        rated_by_key_questions=bool(s.get("rated_by_key_questions", False)),
        applies_to=tuple(s.get("applies_to", domain.get("applies_to", ()))),
        counts_in_score=bool(s.get("counts_in_score", domain.get("counts_in_score", True))),
        code_status=_status(s.get("code_status", "confirmed")),
        key_questions=tuple((q["question"], q.get("theme", "")) for q in s.get("key_questions", ())),
    )


def parse_framework(data: dict) -> Framework:
    domains = {int(d["number"]): d for d in data.get("domains", ())}
    declared = data.get("max_score")
    return Framework(
        id=data["id"], name=data["name"], unit_kind=data.get("unit_kind", ""), years=data.get("years", ""),
        programme=data.get("programme", ""),
        points={_rating(k): int(v) for k, v in data["points"].items()} if "points" in data else None,
        points_rule=_rule(data.get("points_rule")),
        domains={number: d["name"] for number, d in domains.items()},
        standards=tuple(_standard(s, domains) for s in data.get("standards", ())),
        key_question_bands=_bands(data.get("key_question_bands", [])),
        overall_bands=_bands(data.get("overall_bands", [])),
        overall_rule=_rule(data.get("overall_rule")),
        declared_max_score=int(declared) if declared is not None else None,
        max_score_rule=_rule({"status": data["max_score_status"], "source": data.get("max_score_source", "")})
        if "max_score_status" in data else None,
        sources=tuple(Source(s["url"], s["quote"], s.get("what", "")) for s in data.get("sources", ())),
    )
