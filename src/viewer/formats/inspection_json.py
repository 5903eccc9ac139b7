"""Read and write inspection files (JSON, ``"format": "inspection-viewer/1"``).

The format is documented in ``resources/schema/inspection.schema.json`` and the README. Reading is
hand-validated rather than schema-validated so that every message can say, in plain words, what was
expected at which JSON path and line, and so that checking a thousand files stays fast.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.formats.errors import LoadError, NotJsonError, SchemaError, UnknownFrameworkError, UnreadableFileError
from viewer.formats.inspection_json_write import FORMAT_ID, inspection_to_dict
from viewer.formats.json_positions import line_of
from viewer.model.framework import Framework, FrameworkError, load_framework
from viewer.model.inspection import (
    FIGURE_TOPICS, KEY_QUESTION_THEMES, CaseSample, Figure, Inspection, KeyQuestion, OverallPublished,
    Recommendation, ReportInfo, ServiceGap, Standard, Unit,
)
from viewer.model.ratings import Rating, match_rating

MAX_FILE_BYTES = 20 * 1024 * 1024

_TOP_KEYS = {
    "format", "framework", "unit", "report", "overall", "cases", "standards", "figures", "service_gaps",
    "recommendations", "notes",
}


class _Invalid(Exception):
    def __init__(self, path: list[str | int], message: str, kind: type[LoadError] = SchemaError) -> None:
        super().__init__(message)
        self.json_path, self.message, self.kind = path, message, kind


def json_path_text(path: list[str | int]) -> str:
    text = "$"
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    return "a list" if isinstance(value, list) else "an object"


@dataclass
class _Reader:
    """Typed access to the decoded JSON that remembers where it is, for messages."""

    warnings: list[str] = field(default_factory=list)

    def obj(self, value: Any, path: list) -> dict:
        if not isinstance(value, dict):
            raise _Invalid(path, f"expected an object {{...}}, found {_describe(value)}")
        return value

    def items(self, parent: dict, key: str, path: list) -> list[tuple[list, Any]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Invalid(path + [key], f"expected a list [...], found {_describe(value)}")
        return [(path + [key, i], item) for i, item in enumerate(value)]

    def text(self, parent: dict, key: str, path: list, required: bool = False) -> str | None:
        value = parent.get(key)
        if value is None or (required and isinstance(value, str) and not value.strip()):
            if required:
                raise _Invalid(path + [key], f"required key '{key}' is missing or empty")
            return None
        if not isinstance(value, str):
            raise _Invalid(path + [key], f"expected text, found {_describe(value)}")
        return value

    def texts(self, parent: dict, key: str, path: list) -> tuple[str, ...]:
        out = []
        for item_path, item in self.items(parent, key, path):
            if not isinstance(item, str):
                raise _Invalid(item_path, f"expected text, found {_describe(item)}")
            out.append(item)
        return tuple(out)

    def number(self, parent: dict, key: str, path: list, low: float | None = None, high: float | None = None,
               integer: bool = False, required: bool = False, what: str = "") -> float | int | None:
        value = parent.get(key)
        if value is None:
            if required:
                raise _Invalid(path + [key], f"required key '{key}' is missing")
            return None
        kind = "a whole number" if integer else "a number"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and value != int(value)):
            raise _Invalid(path + [key], f"expected {kind}{what}, found {_describe(value)}")
        if (low is not None and value < low) or (high is not None and value > high):
            raise _Invalid(path + [key], f"{value:g} is outside the range {low:g} to {high:g}{what}")
        return int(value) if integer else value

    def rating(self, parent: dict, key: str, path: list) -> Rating | None:
        label = self.text(parent, key, path)
        if label is None:
            return None
        rating, exact = match_rating(label)
        if rating is None:
            known = ", ".join(f"'{r.label}'" for r in Rating)
            raise _Invalid(path + [key], f"unknown rating label '{label}' (expected one of {known})")
        if not exact:
            self.warnings.append(
                f"{json_path_text(path + [key])}: rating '{label}' read as '{rating.label}'; please use that spelling"
            )
        return rating

    def unknown_keys(self, parent: dict, known: set[str], path: list) -> None:
        for key in parent:
            if key not in known:
                self.warnings.append(f"{json_path_text(path + [key])}: unknown key '{key}' ignored")


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFileError(str(path), f"file is {size / 1e6:.1f} MB; inspection files are limited to 20 MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(str(path), "file not found") from None
    except IsADirectoryError:
        raise UnreadableFileError(str(path), "this is a folder, not a file") from None
    except PermissionError:
        raise UnreadableFileError(str(path), "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be read ({exc.strerror or exc})") from None


def decode_text(path: str, data: bytes) -> str:
    if not data.strip():
        raise UnreadableFileError(path, "the file is empty; expected an inspection file (JSON)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFileError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            line=line,
        ) from None


def load_inspection(path: str | os.PathLike) -> Inspection:
    """Load an inspection file. Raises only :class:`LoadError` subclasses."""
    path = Path(path)
    text = decode_text(str(path), read_bytes(path))
    return parse_inspection_text(text, str(path))


def parse_inspection_text(text: str, source: str) -> Inspection:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJsonError(source, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise NotJsonError(source, "not valid JSON: nested too deeply") from None
    try:
        return inspection_from_data(data, source)
    except _Invalid as bad:
        raise bad.kind(source, bad.message, json_path_text(bad.json_path), line_of(text, bad.json_path)) from None


def inspection_from_data(data: Any, source: str | None = None) -> Inspection:
    """Build an :class:`Inspection` from decoded JSON. Raises ``_Invalid`` with a JSON path."""
    r = _Reader()
    root = r.obj(data, [])
    fmt = root.get("format")
    if fmt is None:
        raise _Invalid(["format"], f"required key 'format' is missing; expected \"{FORMAT_ID}\"")
    if fmt != FORMAT_ID:
        raise _Invalid(["format"], f"unsupported format {_describe(fmt)}; this viewer reads \"{FORMAT_ID}\"")
    framework_id = r.text(root, "framework", [], required=True)
    try:
        framework = load_framework(framework_id)
    except FrameworkError as exc:
        raise _Invalid(["framework"], str(exc), UnknownFrameworkError) from None
    r.unknown_keys(root, _TOP_KEYS, [])

    if "unit" not in root:
        raise _Invalid(["unit"], "required key 'unit' is missing; expected {\"name\": ..., \"region\": ...}")
    unit_data = r.obj(root["unit"], ["unit"])
    unit = Unit(r.text(unit_data, "name", ["unit"], required=True), r.text(unit_data, "kind", ["unit"]),
                r.text(unit_data, "region", ["unit"]))
    r.unknown_keys(unit_data, {"name", "kind", "region"}, ["unit"])

    report_data = r.obj(root.get("report") or {}, ["report"])
    report = ReportInfo(*(r.text(report_data, k, ["report"]) for k in
                          ("title", "published", "fieldwork_start", "url", "lead_inspector")))
    r.unknown_keys(report_data, {"title", "published", "fieldwork_start", "url", "lead_inspector"}, ["report"])

    overall_data = r.obj(root.get("overall") or {}, ["overall"])
    overall = OverallPublished(
        r.rating(overall_data, "rating", ["overall"]),
        r.number(overall_data, "score", ["overall"], 0, framework.max_score, integer=True,
                 what=f" for a score in {framework.name}"),
    )
    r.unknown_keys(overall_data, {"rating", "score", "max_score"}, ["overall"])

    cases_data = r.obj(root.get("cases") or {}, ["cases"])
    cases = CaseSample(*(r.number(cases_data, k, ["cases"], 0, 1e6, integer=True)
                         for k in ("community_orders", "licences", "interviews")))
    r.unknown_keys(cases_data, {"community_orders", "licences", "interviews"}, ["cases"])

    return Inspection(
        framework_id=framework.id, unit=unit, report=report, overall=overall, cases=cases,
        standards=_standards(r, root, framework), figures=_figures(r, root),
        service_gaps=_gaps(r, root), recommendations=_recommendations(r, root),
        source_path=source, warnings=tuple(r.warnings),
    )


_STANDARD_KEYS = {"code", "name", "rating", "statement", "summary", "strengths", "areas_for_improvement",
                  "key_questions", "domain"}
_QUESTION_KEYS = {"question", "percent_yes", "theme", "cases_yes", "cases_total"}


def _standards(r: _Reader, root: dict, framework: Framework) -> tuple[Standard, ...]:
    out: list[Standard] = []
    seen: dict[str, int] = {}
    for path, item in r.items(root, "standards", []):
        s = r.obj(item, path)
        code = r.text(s, "code", path, required=True).replace(" ", "").rstrip(".")
        if code in seen:
            raise _Invalid(path + ["code"], f"standard code '{code}' appears twice (first at $.standards[{seen[code]}])")
        seen[code] = path[-1]
        if framework.definition(code) is None:
            r.warnings.append(f"{json_path_text(path + ['code'])}: '{code}' is not a standard of {framework.name}")
        r.unknown_keys(s, _STANDARD_KEYS, path)
        questions = []
        for qpath, q_item in r.items(s, "key_questions", path):
            q = r.obj(q_item, qpath)
            r.unknown_keys(q, _QUESTION_KEYS, qpath)
            theme = r.text(q, "theme", qpath)
            if theme is not None and theme not in KEY_QUESTION_THEMES:
                raise _Invalid(qpath + ["theme"], f"unknown theme '{theme}' (expected one of {', '.join(KEY_QUESTION_THEMES)})")
            questions.append(KeyQuestion(
                question=r.text(q, "question", qpath, required=True),
                percent_yes=r.number(q, "percent_yes", qpath, 0, 100, what=" (a percentage)"),
                theme=theme,
                cases_yes=r.number(q, "cases_yes", qpath, 0, 1e6, integer=True),
                cases_total=r.number(q, "cases_total", qpath, 0, 1e6, integer=True),
            ))
        out.append(Standard(
            code=code, name=r.text(s, "name", path), rating=r.rating(s, "rating", path),
            statement=r.text(s, "statement", path), summary=r.text(s, "summary", path),
            strengths=r.texts(s, "strengths", path), areas_for_improvement=r.texts(s, "areas_for_improvement", path),
            key_questions=tuple(questions),
        ))
    return tuple(out)


_FIGURE_KEYS = {"id", "topic", "label", "value", "unit", "count", "total", "standard", "section", "sentence"}


def _figures(r: _Reader, root: dict) -> tuple[Figure, ...]:
    out: list[Figure] = []
    for path, item in r.items(root, "figures", []):
        f = r.obj(item, path)
        r.unknown_keys(f, _FIGURE_KEYS, path)
        topic = r.text(f, "topic", path, required=True)
        if topic not in FIGURE_TOPICS:
            raise _Invalid(path + ["topic"], f"unknown topic '{topic}' (expected one of {', '.join(FIGURE_TOPICS)})")
        count = r.number(f, "count", path, 0, 1e9, integer=True)
        total = r.number(f, "total", path, 0, 1e9, integer=True)
        if count is not None and total is not None and count > total:
            raise _Invalid(path + ["count"], f"count {count} is larger than total {total}")
        out.append(Figure(
            id=r.text(f, "id", path, required=True), topic=topic, label=r.text(f, "label", path, required=True),
            value=r.number(f, "value", path), unit=r.text(f, "unit", path), count=count, total=total,
            standard=r.text(f, "standard", path), section=r.text(f, "section", path),
            sentence=r.text(f, "sentence", path),
        ))
    return tuple(out)


def _gaps(r: _Reader, root: dict) -> tuple[ServiceGap, ...]:
    out = []
    for path, item in r.items(root, "service_gaps", []):
        g = r.obj(item, path)
        r.unknown_keys(g, {"area", "title", "description", "evidence", "standard", "figure_ids"}, path)
        out.append(ServiceGap(
            area=r.text(g, "area", path, required=True), title=r.text(g, "title", path, required=True),
            description=r.text(g, "description", path), evidence=r.texts(g, "evidence", path),
            standard=r.text(g, "standard", path), figure_ids=r.texts(g, "figure_ids", path),
        ))
    return tuple(out)


def _recommendations(r: _Reader, root: dict) -> tuple[Recommendation, ...]:
    out = []
    for path, item in r.items(root, "recommendations", []):
        rec = r.obj(item, path)
        r.unknown_keys(rec, {"number", "text", "standards", "gap_areas"}, path)
        out.append(Recommendation(
            number=r.number(rec, "number", path, 1, 1000, integer=True, required=True),
            text=r.text(rec, "text", path, required=True),
            standards=r.texts(rec, "standards", path), gap_areas=r.texts(rec, "gap_areas", path),
        ))
    return tuple(out)


def save_inspection(inspection: Inspection, path: str | os.PathLike) -> None:
    """Write an inspection file atomically: a temporary file beside the target, then a rename."""
    target = Path(path)
    text = json.dumps(inspection_to_dict(inspection), ensure_ascii=False, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
