"""``inspection-viewer check``: load each file, apply the framework's rules, report without a window."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from viewer.formats.errors import LoadError
from viewer.model.rating_rules import Assessment
from viewer.model.ratings import label_or_missing
from viewer.workspace import OpenedInspection, OpenResult, open_paths
from viewer.workspace.collector import collector_paused


def _label(rating) -> str | None:
    return rating.label if rating is not None else None


def _result(path: str) -> dict[str, Any]:
    return {"path": path, "ok": False, "errors": [], "warnings": [], "unit": None, "overall": None, "standards": []}


def check_inspection(opened: OpenedInspection) -> dict[str, Any]:
    """One inspection's check result, in the shape ``check --json`` prints."""
    result = _result(opened.shown_path)
    inspection, assessment = opened.inspection, opened.assessment
    overall = assessment.overall
    result.update(
        ok=True,
        warnings=list(inspection.warnings) + [f"disagreement: {d.message}" for d in assessment.disagreements],
        unit=inspection.unit.name,
        overall={
            "published": _label(overall.published_rating),
            "computed": _label(overall.computed_rating),
            "score_published": overall.published_score,
            "score_computed": overall.computed_score,
            "max_score": overall.max_score,
        },
        standards=[
            {"code": s.code, "name": s.name, "published": _label(s.published), "computed": _label(s.computed),
             "lowest_percent": s.lowest_percent}
            for s in assessment.standards
        ],
    )
    result["_assessment"] = assessment
    return result


def _failure(error: LoadError) -> dict[str, Any]:
    failed = _result(error.path)
    failed["errors"].append(f"{error.place}: {error.message}" if error.place else error.message)
    return failed


def check_results(opened: OpenResult) -> list[dict[str, Any]]:
    """The results for what one file gave: one per inspection in it (a workbook holds many), or its failure."""
    return [check_inspection(o) for o in opened.opened] + [_failure(e) for e in opened.failed]





def _print_text(result: dict[str, Any], out: TextIO) -> None:
    if not result["ok"]:
        out.write(f"{result['path']}: FAILED\n")
        for error in result["errors"]:
            out.write(f"  error: {error}\n")
        return
    assessment: Assessment = result["_assessment"]
    o = assessment.overall
    out.write(f"{result['path']}: OK - {result['unit']}\n")
    published_score = o.score_text(o.published_score) or "not published"
    out.write(f"  overall  published: {label_or_missing(o.published_rating)}, score {published_score}\n")
    if o.computed_score is None:
        out.write("           computed:  cannot compute, score cannot compute\n")
    else:
        out.write(f"           computed:  {label_or_missing(o.computed_rating)}, score {o.score_text(o.computed_score)}\n")
    for s in assessment.standards:
        computed = s.computed.label if s.computed else "(judgement)" if s.domain == 1 else "-"
        lowest = f"lowest {s.lowest_percent:g}%" if s.lowest_percent is not None else ""
        flag = "  << differs" if s.disagrees else ""
        out.write(f"  {s.code:<5} {s.name[:28]:<28} {label_or_missing(s.published):<21} {computed:<21} {lowest}{flag}\n")
    for warning in result["warnings"]:
        out.write(f"  warning: {warning}\n")


def run_check(paths: list[str], as_json: bool = False, out: TextIO | None = None) -> int:
    # The cyclic collector stays paused to the end, not only while the files are read: writing the report
    # afterwards made enough new objects to set it walking every inspection read (a tenth of the time).
    with collector_paused():
        return _check(paths, as_json, out or sys.stdout)


def _check(paths: list[str], as_json: bool, out: TextIO) -> int:
    results: list[dict[str, Any]] = []  # in the order of the files; an empty folder is a failure, never silent
    open_paths(paths, on_file=lambda _done, _total, _path, one: results.extend(check_results(one)))
    if as_json:
        public = [{k: v for k, v in r.items() if not k.startswith("_")} for r in results]
        out.write(json.dumps(public, ensure_ascii=False, indent=2) + "\n")  # one write: json.dump writes per token
    else:
        for r in results:
            _print_text(r, out)
        failed = sum(not r["ok"] for r in results)
        out.write(f"{len(results) - failed} loaded, {failed} failed\n")
    return 0 if all(r["ok"] for r in results) else 1
