"""Import a published HM Inspectorate of Probation PDU report (text, markdown, web page or PDF).

``import_report(path)`` reads the file, decides by its content (and then its extension) whether it
is a PDF, an HTML page or text, extracts the text and reads the report's parts into an
:class:`Inspection`. Nothing is invented: what the report does not contain stays empty, and the
result says what was found and what is missing. Only input that is not a report at all (binary
data, an encrypted, damaged or image-only PDF) raises :class:`ReportImportError`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.formats.errors import ReportImportError
from viewer.formats.files import read_file_bytes
from viewer.formats.printout_marks import is_own_printout
from viewer.formats.published_report.decode import decode_report, sniff_kind
from viewer.formats.published_report.figures import read_figures
from viewer.formats.published_report.front_matter import (
    read_case_sample, read_fieldwork_start, read_ratings_table, read_recommendations, read_title_page,
    unit_from_recommendations,
)
from viewer.formats.published_report.gaps import read_service_gaps
from viewer.formats.published_report.html import html_text_and_warnings
from viewer.formats.published_report.pdf import pdf_text
from viewer.formats.published_report.sections import ImportNotes, Section, read_standard, split_sections
from viewer.formats.published_report.text import text_to_blocks
from viewer.model.framework import Framework, load_framework
from viewer.model.inspection import Inspection, Standard, Unit

FRAMEWORK_ID = "hmip-probation-pdu-2023"
# The longest published reports are a few MB as PDF (with photographs); a hundred times the text is still no report.
MAX_REPORT_BYTES = 100 * 1024 * 1024
NOT_A_REPORT = "this does not look like an inspection report: no 'HM Inspectorate of Probation' heading, " \
               "no ratings, no standards"


@dataclass(frozen=True)
class ImportResult:
    inspection: Inspection
    kind: str  # "text", "html" or "pdf"
    found: tuple[str, ...]
    missing: tuple[str, ...]


def import_report(path: str | os.PathLike) -> ImportResult:
    """Read a report file into an inspection. Raises only :class:`LoadError` subclasses."""
    path = Path(path)
    source = str(path)
    data = read_file_bytes(path, MAX_REPORT_BYTES, "published reports")
    kind = sniff_kind(data, path.suffix)
    warnings: list[str] = []
    if kind == "pdf":
        text = pdf_text(data, source)
    else:
        text, warnings = decode_report(data, source)
        if kind == "html":
            try:
                text, html_warnings = html_text_and_warnings(text)
            except (AssertionError, ValueError) as exc:  # html.parser is lenient; guard its rare refusals
                raise ReportImportError(source, f"the HTML page cannot be read: {exc}") from None
            warnings += html_warnings
    if is_own_printout(text):
        raise ReportImportError(source, "this is a summary or comparison printed by Inspection Viewer, not a "
                                        "published report: open the inspection file it was made from")
    result = parse_report_text(text, kind=kind, source=source, fallback_name=path.stem or path.name)
    if warnings:
        result = replace(result, inspection=replace(result.inspection,
                                                    warnings=tuple(warnings) + result.inspection.warnings))
    return result


def parse_report_text(text: str, kind: str = "text", source: str | None = None,
                      fallback_name: str = "Imported report") -> ImportResult:
    """Read report text (already extracted from HTML or PDF) into an :class:`ImportResult`."""
    framework = load_framework(FRAMEWORK_ID)
    notes = ImportNotes()
    sections = split_sections(text_to_blocks(text), framework)
    unit_name, region, report = read_title_page(sections, notes)
    table = read_ratings_table(sections, framework, notes)
    report = replace(report, fieldwork_start=read_fieldwork_start(sections, table, notes))
    standards = _standards(sections, framework, table.by_code, notes)
    recommendations = read_recommendations(sections, notes)
    cases = read_case_sample(sections, notes)
    figures = read_figures(sections)
    gaps = read_service_gaps(sections, figures)
    name = unit_name or table.unit_name or unit_from_recommendations(sections)
    if not name:
        notes.missing.insert(0, f"no unit name; the file name '{fallback_name}' is used")
    name = (name or fallback_name).strip() or "Imported report"
    kind_of_unit = framework.unit_kind if framework.unit_kind and (
        framework.unit_kind in name or "Probation Delivery Unit" in name) else None
    if "inspectorate of probation" not in text.lower() and not standards and table.overall.rating is None:
        notes.missing.insert(0, NOT_A_REPORT)
    inspection = Inspection(
        framework_id=framework.id, unit=Unit(name=name, kind=kind_of_unit, region=region), report=report,
        overall=table.overall, cases=cases, standards=standards, figures=figures, service_gaps=gaps,
        recommendations=recommendations, source_path=source,
        warnings=tuple(notes.warnings) + tuple(notes.missing),
    )
    found = _found_lines(inspection, notes)
    return ImportResult(inspection=inspection, kind=kind, found=found, missing=tuple(notes.missing))


def _standards(sections: list[Section], framework: Framework, table_ratings: dict, notes: ImportNotes
               ) -> tuple[Standard, ...]:
    by_code: dict[str, Section] = {}
    for section in sections:
        if section.kind == "standard" and section.standard:
            if section.standard in by_code:
                notes.warnings.append(f"{section.standard} has two sections; the first is used")
                continue
            by_code[section.standard] = section
    known = [d.code for d in framework.standards]
    extra = [code for code in list(by_code) + list(table_ratings) if code not in known]
    for code in dict.fromkeys(extra):
        notes.warnings.append(f"{code} is not a standard of {framework.name}; kept as printed")
    standards: list[Standard] = []
    if not by_code and not table_ratings:
        notes.missing.append(f"no standards: no ratings table and no section for any of {', '.join(known)}")
        return ()
    for code in known + list(dict.fromkeys(extra)):
        section = by_code.get(code)
        if section is not None:
            standards.append(read_standard(section, framework, table_ratings.get(code), notes))
        elif code in table_ratings:
            definition = framework.definition(code)
            standards.append(Standard(code=code, name=definition.name if definition else None,
                                      rating=table_ratings[code]))
            notes.missing.append(f"no section for {code} (only its rating in the ratings table)")
        else:
            notes.missing.append(f"no section or rating for {code}")
    return tuple(standards)


def _found_lines(inspection: Inspection, notes: ImportNotes) -> tuple[str, ...]:
    lines = [f"unit: {inspection.unit.name}"]
    if inspection.report.published:
        lines.append(f"published {inspection.report.published}")
    if inspection.report.fieldwork_start:
        lines.append(f"fieldwork started {inspection.report.fieldwork_start}")
    if inspection.overall.rating is not None:
        lines.append(f"overall rating: {inspection.overall.rating.label}")
    rated = sum(1 for s in inspection.standards if s.rating is not None)
    if inspection.standards:
        lines.append(f"{rated} standards with ratings")
    questions = sum(len(s.key_questions) for s in inspection.standards)
    cases = inspection.cases
    counts = [(questions, "key questions"), (len(inspection.recommendations), "recommendations"),
              (len(inspection.figures), "figures"), (len(inspection.service_gaps), "service gaps")]
    lines.extend(f"{n} {what}" for n, what in counts if n)
    if any(v is not None for v in (cases.community_orders, cases.licences, cases.interviews)):
        parts = [f"{v} {w}" for v, w in ((cases.community_orders, "community orders"), (cases.licences, "licences"),
                                         (cases.interviews, "interviews")) if v is not None]
        lines.append("case sample: " + ", ".join(parts))
    return tuple(lines + notes.found)


__all__ = ["ImportResult", "import_report", "parse_report_text"]
