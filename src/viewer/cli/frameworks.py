"""``inspection-viewer frameworks``: every inspection programme the viewer knows, and its rules' status."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from viewer.model.framework import Framework, all_frameworks


def _record(fw: Framework) -> dict[str, Any]:
    def band_list(bands) -> list[dict[str, Any]]:
        return [{"rating": b.rating.label, "low": b.low, "high": b.high, "status": b.status} for b in bands]

    return {
        "id": fw.id, "name": fw.name, "years": fw.years, "programme": fw.programme, "unit_kind": fw.unit_kind,
        "max_score": fw.max_score,
        "standards": [{"code": s.code, "name": s.name, "domain": s.domain, "domain_name": fw.domains.get(s.domain, ""),
                       "rated_by_key_questions": s.rated_by_key_questions, "applies_to": list(s.applies_to),
                       "counts_in_score": s.counts_in_score, "code_status": s.code_status} for s in fw.standards],
        "key_question_bands": band_list(fw.key_question_bands),
        "overall_bands": band_list(fw.overall_bands),
        "points_status": fw.points_rule.status if fw.points_rule else None,
        "overall_rule": fw.overall_rule.status if fw.overall_rule else None,
    }


def _text(fw: Framework, out: TextIO) -> None:
    out.write(f"{fw.id}  {fw.name}  ({fw.years})\n")
    out.write(f"  score: {f'out of {fw.max_score}' if fw.max_score else 'none published'}")
    if fw.overall_bands:
        out.write("; overall: " + ", ".join(f"{b.low:g}–{b.high:g} {b.rating.label} ({b.status})"
                                            for b in fw.overall_bands))
    elif fw.overall_rule:
        out.write(f"; overall rule: {fw.overall_rule.status}")
    out.write("\n")
    for s in fw.standards:
        how = "key questions" if s.rated_by_key_questions else "judgement"
        only = f", {'/'.join(s.applies_to)} only" if s.applies_to else ""
        scored = "" if s.counts_in_score else ", not in the score"
        code = f"{s.code} (code {s.code_status})" if s.code_status != "confirmed" else s.code
        out.write(f"  {code:<22} {s.name} — {how}{only}{scored}\n")
    if not fw.standards:
        out.write("  (standards not established from the inspectorate's published sources)\n")


def run_frameworks(as_json: bool = False, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    frameworks = all_frameworks()
    if as_json:
        out.write(json.dumps([_record(fw) for fw in frameworks], ensure_ascii=False, indent=2) + "\n")
    else:
        for fw in frameworks:
            _text(fw, out)
    return 0
