"""Frameworks: the standards and rating rules of one inspection programme, read from data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from viewer.model.ratings import Rating
from viewer.resource_files import resource_path


class FrameworkError(ValueError):
    """A framework file that is missing or malformed."""


@dataclass(frozen=True)
class Band:
    rating: Rating
    low: float
    high: float
    status: str  # "confirmed", "published" or "inferred"
    source: str

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def inferred(self) -> bool:
        return self.status == "inferred"


@dataclass(frozen=True)
class StandardDefinition:
    code: str
    name: str
    domain: int
    statement: str
    rated_by_key_questions: bool


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    unit_kind: str
    points: dict[Rating, int]
    domains: dict[int, str]
    standards: tuple[StandardDefinition, ...]
    key_question_bands: tuple[Band, ...]
    overall_bands: tuple[Band, ...]

    @property
    def max_score(self) -> int:
        return max(self.points.values()) * len(self.standards)

    def definition(self, code: str) -> StandardDefinition | None:
        return next((s for s in self.standards if s.code == code), None)

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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return parse_framework(data)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise FrameworkError(f"framework file {path} is malformed: {exc}") from exc


def _rating(label: str) -> Rating:
    return Rating(label)  # framework files use the canonical labels exactly


def _bands(rows: list[dict]) -> tuple[Band, ...]:
    return tuple(
        Band(_rating(r["rating"]), r["low"], r["high"], r.get("status", "inferred"), r.get("source", ""))
        for r in rows
    )


def parse_framework(data: dict) -> Framework:
    return Framework(
        id=data["id"],
        name=data["name"],
        unit_kind=data.get("unit_kind", ""),
        points={_rating(k): int(v) for k, v in data["points"].items()},
        domains={int(d["number"]): d["name"] for d in data["domains"]},
        standards=tuple(
            StandardDefinition(
                code=s["code"],
                name=s["name"],
                domain=int(s["domain"]),
                statement=s.get("statement", ""),
                rated_by_key_questions=bool(s.get("rated_by_key_questions", False)),
            )
            for s in data["standards"]
        ),
        key_question_bands=_bands(data["key_question_bands"]),
        overall_bands=_bands(data["overall_bands"]),
    )
