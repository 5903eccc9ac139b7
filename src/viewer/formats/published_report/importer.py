"""Import the inspectorate's writing — a whole report, a report's web page (or its opening), or a press
release — as an inspection: text, markdown, web page or PDF.

``import_report(path)`` reads the file, decides by its content whether it is a PDF, an HTML page or
text, refuses what is not the inspectorate's writing (saying what it appears to be), recognises the
inspection programme (and so the framework) from the text's own words, then reads what the text states:
the unit, the overall rating and score, the ratings table, each standard with its key questions, the
recommendations, the case sample, the figures and the service gaps. Nothing is invented: what the text
does not state stays empty, and the result says what was found (with the words that decided it) and
what is missing. A press release imports as a partial inspection labelled as taken from a press release.
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.formats.errors import READS, NotInspectorateTextError, ReportImportError, ReportTooLargeError, shorten
from viewer.formats.files import read_file_bytes, size_text
from viewer.formats.printout_marks import is_own_printout
from viewer.formats.published_report.decode import decode_report, sniff_kind
from viewer.formats.published_report.figures import read_figures
from viewer.formats.published_report.front_matter import (
    read_case_sample, read_fieldwork_start, read_ratings_table, read_recommendations, read_title_page,
    unit_from_recommendations,
)
from viewer.formats.published_report.gaps import read_service_gaps
from viewer.formats.published_report.html import html_text_and_warnings
from viewer.formats.published_report.limits import MAX_PAGE_BYTES, MAX_REPORT_BYTES, OverLimit, check_text
from viewer.formats.published_report.pdf import pdf_text
from viewer.formats.published_report.recognise import document_kind, is_inspectorate_text, programme, what_it_looks_like
from viewer.formats.published_report.sections import ImportNotes, Section, read_standard, split_sections
from viewer.formats.published_report.statements import read_statements, sentences
from viewer.formats.published_report.text import clean_characters, text_to_blocks
from viewer.formats.published_report.unit import find_unit, unit_kind
from viewer.model.framework import Framework, load_framework
from viewer.model.inspection import Inspection, OverallPublished, Standard, Unit

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ImportResult:
    inspection: Inspection
    kind: str  # "text", "html" or "pdf"
    found: tuple[str, ...]
    missing: tuple[str, ...]
    # (field, value, the words it was read from, normalised): the evidence behind what the prose states
    evidence: tuple[tuple[str, str, str], ...] = ()


def import_report(path: str | os.PathLike) -> ImportResult:
    """Read a report file into an inspection. Raises only :class:`LoadError` subclasses."""
    path = Path(path)
    source = str(path)
    data = read_file_bytes(path, MAX_REPORT_BYTES, "published reports")
    kind = sniff_kind(data, path.suffix)
    if kind != "pdf" and len(data) > MAX_PAGE_BYTES:
        _refuse_large(data, kind, source)
    warnings: list[str] = []
    if kind == "pdf":
        text = pdf_text(data, source)
    else:
        text, warnings = decode_report(data, source)
        if kind == "html":
            try:
                text, html_warnings = html_text_and_warnings(text)
            except OverLimit as exc:
                raise ReportTooLargeError(source, str(exc)) from None
            except (AssertionError, ValueError) as exc:  # html.parser is lenient; guard its rare refusals
                raise ReportImportError(source, f"the HTML page cannot be read: {exc}") from None
            warnings += html_warnings
    if is_own_printout(text):
        raise ReportImportError(source, "this is a summary or comparison printed by Inspection Viewer, not a "
                                        "published report: open the inspection file it was made from")
    result = parse_report_text(text, kind=kind, source=source)
    if warnings:
        result = replace(result, inspection=replace(result.inspection,
                                                    warnings=tuple(warnings) + result.inspection.warnings))
    return result


def _refuse_large(data: bytes, kind: str, source: str) -> None:
    """A web page or text past its size limit: refused for its size if its start is the inspectorate's
    writing, else for what it is (so that a large log file in a folder is passed over, as any text is)."""
    head, _ = decode_report(data[:200_000], source)
    try:
        if kind == "html":
            head, _ = html_text_and_warnings(head)
        inspectorate = is_inspectorate_text(clean_characters(head))
    except (OverLimit, AssertionError, ValueError):  # a hostile start: refused for its size all the same
        inspectorate = True
    if not inspectorate:
        raise not_the_inspectorate(source, head)
    what = "web page" if kind == "html" else "text"
    raise ReportTooLargeError(source, f"the file is {size_text(len(data))}; a report's {what} may be at most "
                                      f"{size_text(MAX_PAGE_BYTES)} (its PDF {size_text(MAX_REPORT_BYTES)})")


def not_the_inspectorate(source: str, text: str) -> ReportImportError:
    what = what_it_looks_like(text, Path(source).name)
    return NotInspectorateTextError(source, f"this is not a report, web page or press release of HM Inspectorate of "
                                     f"Probation: it appears to be {what}. The viewer reads {READS}")


def parse_report_text(text: str, kind: str = "text", source: str | None = None) -> ImportResult:
    """Read the inspectorate's text (already extracted from HTML or PDF) into an :class:`ImportResult`."""
    source = source or "text"
    if not is_inspectorate_text(clean_characters(text[:40_000])):  # its start says; the signs are in the first 20,000
        raise not_the_inspectorate(source, text)
    # Python's cyclic collector walks every live object again each time enough new ones are made: with the
    # hundreds of thousands of lines, blocks and figures of a long text, that made the import slower than
    # its size (1.8 times the rate at 16 times the size). They hold no reference cycles: it is paused.
    collecting = gc.isenabled()
    gc.disable()
    try:
        check_text(text)
        return _parse(_SURROGATE.sub("\ufffd", text), kind, source)
    except OverLimit as exc:
        raise ReportTooLargeError(source, str(exc)) from None
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, kind: str, source: str) -> ImportResult:
    """``parse_report_text`` once the text is known to be the inspectorate's and within the limits. Half
    of a UTF-16 pair (from a damaged PDF's text layer) is no character: it was replaced by U+FFFD, which can
    be written and shown."""
    notes = ImportNotes()
    blocks = text_to_blocks(text)
    prose = "\n".join(b.text for b in blocks)
    raw = clean_characters(text)
    found_unit = find_unit(raw, sentences(prose))
    said = read_statements(prose, raw, found_unit.name)
    year = int(said.published[:4]) if said.published else None
    kinds = {unit_kind(n) for n in ([found_unit.name] if found_unit.name else found_unit.several)}
    found_programme = programme(prose, year, kinds.pop() if len(kinds) == 1 else None)
    if found_programme is None:
        raise ReportImportError(source, "the inspectorate's writing, but it does not say which kind of inspection "
                                        "it is about (a PDU, a CRC or NPS division, a youth justice service, a region "
                                        "or the national inspection), so it cannot be read as one")
    framework = load_framework(found_programme.framework_id)
    how = "assumed: the text gives no year, score or count of standards that settles it" if found_programme.assumed \
        else f"from '{found_programme.clue}'"
    framework_line = f"framework {framework.id} ({how})"
    sections = split_sections(blocks, framework)
    title_unit, region, report = read_title_page(sections, notes)
    table = read_ratings_table(sections, framework, notes)
    report = replace(report, fieldwork_start=read_fieldwork_start(sections, table, notes),
                     published=report.published or said.published, document=document_kind(raw))
    standards = _standards(sections, framework, table.by_code, notes)
    recommendations = read_recommendations(sections, notes)
    cases = read_case_sample(sections, notes)
    figures = read_figures(sections)
    gaps = read_service_gaps(sections, figures)
    name = found_unit.name or table.unit_name or unit_from_recommendations(sections) or title_unit
    overall = _overall(table.overall, said, framework, notes, several=bool(found_unit.several))
    if found_unit.several:
        notes.found.append(f"the text is about several units ({', '.join(found_unit.several)}): none of their "
                           "ratings is taken, and no one unit is named")
        name = None
    elif name:
        if found_unit.clue:
            notes.found.append(f"unit read from '{shorten(' '.join(found_unit.clue.split()), 160)}'")
    else:
        notes.missing.insert(0, "the text names no unit: shown as 'unit not stated'")
    if report.document == "press release":
        notes.found.append("a press release: only what it states is imported")
    inspection = Inspection(
        framework_id=framework.id, unit=Unit(name=name, kind=unit_kind(name) or _only_kind(framework), region=region),
        report=report, overall=overall, cases=cases, standards=standards, figures=figures, service_gaps=gaps,
        recommendations=recommendations, source_path=source,
        warnings=tuple(notes.warnings) + tuple(notes.missing),
    )
    return ImportResult(inspection=inspection, kind=kind, found=_found_lines(inspection, framework_line, notes),
                        missing=tuple(notes.missing), evidence=_evidence(inspection, found_unit.clue, said))


def _evidence(inspection: Inspection, unit_clue: str, said) -> tuple[tuple[str, str, str], ...]:
    """What the prose states and the words that state it, for values the ratings table did not give."""
    found: list[tuple[str, str, str]] = []
    if inspection.unit.name and unit_clue:
        found.append(("unit.name", inspection.unit.name, unit_clue))
    if inspection.overall.rating is not None and inspection.overall.rating == said.rating:
        found.append(("overall.rating", said.rating.label, said.rating_sentence))
    if inspection.overall.score is not None and inspection.overall.score == said.score:
        found.append(("overall.score", str(said.score), said.score_sentence))
    if inspection.report.published and inspection.report.published == said.published:
        found.append(("report.published", said.published, said.published_from))
    return tuple(found)


def _only_kind(framework: Framework) -> str | None:
    return framework.unit_kind if framework.unit_kind and " or " not in framework.unit_kind else None


def _overall(table: OverallPublished, said, framework: Framework, notes: ImportNotes, several: bool) -> OverallPublished:
    """The overall rating and score: the ratings table's, else what the prose states about this one unit."""
    rating, score = table.rating, table.score
    if several:
        return OverallPublished()
    if rating is None and said.rating is not None:
        rating = said.rating
        notes.found.append(f"overall rating read from '{said.rating_sentence[:160]}'")
    elif rating is not None and said.rating is not None and said.rating != rating:
        notes.warnings.append(f"the text also says '{said.rating.label}' ({said.rating_sentence[:120]}); the ratings "
                              f"table's '{rating.label}' is kept")
    if rating is None and said.conflicts:
        notes.warnings.append("the text states different overall ratings: " + "; ".join(said.conflicts[:3])
                              + " — none is taken")
    if score is None and said.score is not None:
        if framework.max_score is not None and said.max_score != framework.max_score:
            notes.warnings.append(f"the text's score is out of {said.max_score}; {framework.name} scores out of "
                                  f"{framework.max_score}: left empty")
        else:
            score = said.score
            notes.found.append(f"score {score}/{said.max_score} read from '{said.score_sentence[:160]}'")
    if rating is None and not framework.overall_bands and framework.overall_rule is not None \
            and framework.overall_rule.status == "inferred" and not framework.standards:
        notes.found.append(f"{framework.name}: these inspections are not rated")
    return OverallPublished(rating=rating, score=score)


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


def _found_lines(inspection: Inspection, framework_line: str, notes: ImportNotes) -> tuple[str, ...]:
    lines = [f"unit: {inspection.unit.shown_name}", framework_line]
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
