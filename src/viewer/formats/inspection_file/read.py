"""Read inspection files (JSON, ``"format": "inspection-viewer/1"``).

The format is documented in ``resources/schema/inspection.schema.json`` and the README. A file is read
twice at most: ``fast_read`` takes a whole, plain file (what the viewer writes, and almost every file)
in one checked pass of msgspec; anything it cannot vouch for — an error, a warning, a doubt — is read
again here, by ``json_text`` and ``fields``, which say in plain words what was expected at which JSON
path and line. Both read the same fields (``model.fields``), and a test keeps their results equal.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from viewer.formats.errors import NotJsonError, UnknownFrameworkError, UnreadableFileError, describe, shorten
from viewer.formats.files import read_file_bytes
from viewer.formats.inspection_file import fields as spec
from viewer.formats.inspection_file.fast_read import fast_inspection
from viewer.formats.inspection_file.fields import FRAMEWORK_ID, Invalid, json_path_text, read_list, read_record
from viewer.formats.inspection_file.json_positions import line_of
from viewer.formats.inspection_file.json_text import JsonSyntaxError, json_values
from viewer.formats.inspection_file.write import FORMAT_ID, MAX_FILE_BYTES
from viewer.model.framework import Framework, FrameworkError, load_framework
from viewer.model.inspection import (
    CaseSample, Figure, Inspection, KeyQuestion, OverallPublished, Quote, Recommendation, ReportInfo, ServiceGap,
    SourceDocument, Standard, Unit,
)

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
    data = read_file_bytes(path, MAX_FILE_BYTES, "inspection files")
    inspection = fast_inspection(data, str(path))
    if inspection is not None:
        return inspection
    return parse_inspection_text(decode_text(str(path), data), str(path))


def parse_inspection_text(text: str, source: str) -> Inspection:
    """Read an inspection file's text carefully: every defect is raised as a :class:`LoadError` with its
    JSON path and line, every doubt is a warning."""
    try:
        data, warnings = json_values(text)
        inspection = inspection_from_data(data, source)
    except JsonSyntaxError as bad:
        raise NotJsonError(source, bad.message, line=bad.line) from None
    except Invalid as bad:
        raise bad.kind(source, bad.message, json_path_text(bad.json_path), line_of(text, bad.json_path)) from None
    return replace(inspection, warnings=tuple(warnings) + inspection.warnings) if warnings else inspection


def _framework(data: Any) -> Framework:
    """Check ``format`` and ``framework`` first: every later check depends on them."""
    if type(data) is not dict:
        raise Invalid([], f"expected an inspection object {{...}}, found {describe(data)}")
    fmt = data.get("format")
    if fmt is None:
        raise Invalid(["format"], f"required key 'format' is missing; expected \"{FORMAT_ID}\"")
    if fmt != FORMAT_ID:
        raise Invalid(["format"], f"unsupported format {describe(fmt)}; this viewer reads \"{FORMAT_ID}\"")
    framework_id = data.get("framework")
    if type(framework_id) is not str or not FRAMEWORK_ID.fullmatch(framework_id):
        raise Invalid(["framework"], f"expected a framework id such as \"hmip-probation-pdu-2023\", "
                                     f"found {describe(framework_id)}")
    try:
        return load_framework(framework_id)
    except FrameworkError as exc:
        raise Invalid(["framework"], str(exc), UnknownFrameworkError) from None


def inspection_from_data(data: Any, source: str | None = None) -> Inspection:
    """Build an :class:`Inspection` from decoded JSON. Raises ``Invalid`` with a JSON path."""
    framework = _framework(data)
    warnings: list[str] = []
    root = read_record(data, spec.ROOT, [], warnings)
    unit = read_record(root["unit"], spec.UNIT, ["unit"], warnings)
    report = read_record(root.get("report", {}), spec.REPORT, ["report"], warnings)
    overall = read_record(root.get("overall", {}), spec.overall_fields(framework.max_score, framework.name),
                          ["overall"], warnings)
    cases = read_record(root.get("cases", {}), spec.CASES, ["cases"], warnings)
    return Inspection(
        framework_id=framework.id, unit=Unit(**unit), report=ReportInfo(**report),
        overall=OverallPublished(overall.get("rating"), overall.get("score")), cases=CaseSample(**cases),
        standards=_standards(root, framework, warnings),
        figures=tuple(_figure(path, f) for path, f in read_list(root, "figures", spec.FIGURE, [], warnings)),
        service_gaps=tuple(ServiceGap(**g) for _, g in read_list(root, "service_gaps", spec.SERVICE_GAP, [], warnings)),
        recommendations=tuple(Recommendation(**r) for _, r in
                              read_list(root, "recommendations", spec.RECOMMENDATION, [], warnings)),
        sources=tuple(SourceDocument(**s) for _, s in read_list(root, "sources", spec.SOURCE, [], warnings)),
        quotes=tuple(Quote(**q) for _, q in read_list(root, "quotes", spec.QUOTE, [], warnings)),
        source_path=source, warnings=tuple(warnings),
    )


def _standards(root: dict, framework: Framework, warnings: list[str]) -> tuple[Standard, ...]:
    out: list[Standard] = []
    seen: dict[str, int] = {}
    for path, s in read_list(root, "standards", spec.STANDARD, [], warnings):
        code = s["code"].replace(" ", "").rstrip(".")  # "P 2.1." as printed in reports is P2.1
        if code in seen:
            raise Invalid(path + ["code"], f"standard code '{shorten(code)}' appears twice (first at "
                                           f"$.standards[{seen[code]}])")
        seen[code] = path[-1]
        if framework.definition(code) is None:
            warnings.append(f"{json_path_text(path + ['code'])}: '{shorten(code)}' is not a standard of "
                            f"{framework.name}")
        questions = tuple(KeyQuestion(**q) for _, q in read_list(s, "key_questions", spec.KEY_QUESTION, path, warnings))
        out.append(Standard(**{**s, "code": code, "key_questions": questions}))
    return tuple(out)


def _figure(path: list, f: dict) -> Figure:
    if f.get("count") is not None and f.get("total") is not None and f["count"] > f["total"]:
        raise Invalid(path + ["count"], f"count {f['count']} is larger than total {f['total']}")
    return Figure(**f)
