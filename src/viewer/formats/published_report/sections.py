"""The report's blocks grouped into its sections: title page, foreword, ratings, recommendations,
background, one section per standard ("P 1.1. Leadership"), User Voice, diversity and outcomes.

A section starts at a heading the inspectorate's reports use, whatever the source (a line of its
own in text and PDF, an ``<h2>`` on the web page). Standard headings appear twice: once in the
ratings table ("P 1.1 Leadership" then its rating, or both on one row) and once before the
standard's own section (heading, statement, rating, findings); the block after the heading tells
the two apart. Within a section, "Strengths" and "Areas for improvement" start lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.formats.published_report.text import KNOWN_HEADINGS, Block, as_count, is_heading_line
from viewer.model.framework import Framework
from viewer.model.inspection import KeyQuestion, Standard
from viewer.model.ratings import Rating, match_rating

SECTION_KINDS = {
    "foreword": "foreword", "contents": "contents", "acknowledgements": "acknowledgements",
    "the role of hm inspectorate of probation": "role", "ratings": "ratings", "recommendations": "recommendations",
    "background": "background", "feedback from people on probation": "user_voice", "user voice": "user_voice",
    "diversity and inclusion": "diversity", "outcomes": "outcomes",
}
SUBHEADINGS = {"strengths": "strengths", "areas for improvement": "areas_for_improvement"}
# A standard's heading as printed: "P 1.1 Leadership" (PDU 2023), "1.1. Governance and leadership" (youth),
# "R1.2 Staffing"; the code is matched against the framework's own codes.
_STANDARD_HEADING = re.compile(r"([A-Z])?[ \t]?(\d)[ \t]?\.[ \t]?(\d)\.?(?=[ \t]|$)[ \t]*")
_DOMAIN_HEADING = re.compile(r"(\d)\.[ \t]+(organisational (?:arrangements and activity|delivery)|service delivery|"
                             r"case supervision|court (?:work and case supervision|disposals)|out-of-court disposals|"
                             r"resettlement|unpaid work and through the gate|[a-z]+ specific work|work with (?:children|"
                             r"victims))[ \t]*$", re.IGNORECASE)
_RATING_PREFIX = re.compile(r"(?:rating|rated|overall rating)[ \t]{0,3}[:\-–][ \t]*", re.IGNORECASE)


@dataclass
class ImportNotes:
    """What an import found, what the report does not contain, and anything doubtful."""

    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Section:
    kind: str  # front, contents, foreword, ratings, recommendations, background, domain, standard, user_voice, ...
    name: str  # as printed; a standard's is "P 1.1 Leadership"
    blocks: list[Block] = field(default_factory=list)
    standard: str | None = None  # "P1.1" for a standard's section
    heading_rest: str = ""  # text printed on the heading's line after the standard's name (PDF layout)
    standard_name: str = ""  # the standard's name as printed in its heading


@dataclass(frozen=True)
class StandardHeading:
    code: str  # "P1.1"
    name: str  # as printed, without a trailing rating
    rating_text: str | None  # a rating printed on the same line or row (ratings table)
    rest: str  # anything after the framework's name that is not a rating (a statement run on in PDF text)


def rating_of(text: str) -> tuple[Rating | None, bool]:
    """The rating a whole block states ("Inadequate", "Rating: Good"), or (None, False)."""
    text = text.strip()
    if len(text) > 60:
        return None, False
    text = _RATING_PREFIX.sub("", text, count=1) if _RATING_PREFIX.match(text) else text
    text = text.strip().strip("'\".").strip()
    if not text or len(text) > 30:
        return None, False
    return match_rating(text)


def parse_standard_heading(block: Block, framework: Framework) -> StandardHeading | None:
    cells = block.cells if block.kind == "row" else [block.text]
    if not cells or block.kind == "bullet":
        return None
    match = _STANDARD_HEADING.match(cells[0])
    if not match or len(cells[0]) > 400:
        return None
    number = f"{match.group(2)}.{match.group(3)}"
    codes = {s.code for s in framework.standards}
    code = next((c for c in (f"{match.group(1) or ''}{number}", number, f"P{number}") if c in codes), None)
    if code is None:
        if match.group(1) is None:
            return None  # "1.2 million": a number, not a code of this framework
        code = f"{match.group(1)}{number}"
    text = cells[0][match.end():].strip()
    rating_text = next((c for c in cells[1:] if rating_of(c)[0] is not None), None)
    definition = framework.definition(code)
    name, rest = text, ""
    if definition and text.lower().startswith(definition.name.lower()):
        name, rest = text[: len(definition.name)], text[len(definition.name):].strip()
    elif len(text) > 60:
        return None  # a sentence that starts with a standard's code, not a heading
    if rating_text is None:
        tail = rest or name
        for rating in Rating:
            size = len(rating.label)
            if tail.lower().endswith(rating.label.lower()) and (len(tail) == size or tail[-size - 1] in " \t:"):
                rating_text, tail = tail[-size:], tail[:-size].strip()
                break
        name, rest = (name, tail) if rest else (tail, rest)
    return StandardHeading(code, name.rstrip(" .:"), rating_text, rest)


def _printed(code: str) -> str:
    """A code as reports print it: "P2.1" as "P 2.1", "1.1" as it is."""
    return f"{code[0]} {code[1:]}" if code[:1].isalpha() else code


def heading_kind(block: Block) -> str | None:
    if block.kind != "paragraph" or len(block.text) > 100:
        return None
    folded = block.text.strip().rstrip(":").strip().lower()
    if folded.startswith("annexe"):
        return "annexe"
    if _DOMAIN_HEADING.match(block.text.strip()):
        return "domain"
    return SECTION_KINDS.get(folded)


def subheading(block: Block) -> str | None:
    if block.kind != "paragraph" or len(block.text) > 40:
        return None
    return SUBHEADINGS.get(block.text.strip().rstrip(":").strip().lower())


def _ends_table_entry(blocks: list[Block], index: int, framework: Framework) -> bool:
    """After a heading and its rating: the next block is another heading (or nothing), so this is the table."""
    if index >= len(blocks):
        return True
    block = blocks[index]
    return (parse_standard_heading(block, framework) is not None or heading_kind(block) is not None
            or block.text.strip().rstrip(":").lower() in KNOWN_HEADINGS or is_heading_line(block.text))


def is_ratings_entry(blocks: list[Block], index: int, framework: Framework) -> bool:
    heading = parse_standard_heading(blocks[index], framework)
    if heading is None:
        return False
    if heading.rating_text is not None and not heading.rest:
        return True
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (following is not None and following.kind == "paragraph" and rating_of(following.text)[0] is not None
            and _ends_table_entry(blocks, index + 2, framework))


def split_sections(blocks: list[Block], framework: Framework) -> list[Section]:
    sections = [Section("front", "Title page")]
    for index, block in enumerate(blocks):
        current = sections[-1]
        kind = heading_kind(block)
        if kind is not None and current.kind == "contents" and index + 1 < len(blocks) \
                and heading_kind(blocks[index + 1]) is not None:
            current.blocks.append(block)  # a line of the contents page, not the section itself
            continue
        heading = parse_standard_heading(block, framework) if kind is None else None
        if heading is not None:
            if is_ratings_entry(blocks, index, framework):
                if current.kind != "ratings":
                    sections.append(Section("ratings", "Ratings"))
                sections[-1].blocks.append(block)
                continue
            name = f"{_printed(heading.code)} {heading.name}".strip()
            sections.append(Section("standard", name, standard=heading.code, heading_rest=heading.rest,
                                    standard_name=heading.name))
            continue
        if kind == "domain" and current.kind == "ratings":
            current.blocks.append(block)
        elif kind is not None:
            sections.append(Section(kind, block.text.strip().rstrip(":").strip()))
        else:
            current.blocks.append(block)
    return [s for s in sections if s.blocks or s.kind in ("standard", "ratings", "recommendations")]


@dataclass
class Findings:
    """A section's text after its statement and rating: summary paragraphs and labelled lists."""

    paragraphs: list[str] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)  # strengths, areas_for_improvement, unlabelled
    quotes: list[str] = field(default_factory=list)


def section_findings(blocks: list[Block]) -> Findings:
    findings = Findings()
    label: str | None = None
    for block in blocks:
        sub = subheading(block)
        if sub is not None:
            label = sub
            findings.lists.setdefault(label, [])
            continue
        text = block.text.strip()
        if block.kind == "row" or not text:
            continue
        if text[:1] == '"' and block.kind == "paragraph":
            findings.quotes.append(text)
        elif label is not None:
            findings.lists[label].append(text)
        elif block.kind == "bullet":
            findings.lists.setdefault("unlabelled", []).append(text)
        else:
            findings.paragraphs.append(text)
    return findings


# --- a standard's own section ---------------------------------------------------------------------

_KQ_PERCENT = re.compile(r"\?[ \t]*(\d{1,3}(?:\.\d{1,2})?)[ \t]*(?:%|per[ \t]?cent)", re.IGNORECASE)
_PERCENT_ONLY = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,2})?[ \t]*(?:%|per[ \t]?cent)", re.IGNORECASE)
_KQ_HEADER = re.compile(r"key questions?[ \t]*(?:percentage[ \t]*)?(?:['\"]?yes['\"]?)?[ \t]*", re.IGNORECASE)
_THEME_WORDS = (("safety", ("safe", "safety")), ("desistance", ("desistance", "reoffending", "offending")),
                ("engagement", ("engag", "compliance")))


def _theme(question: str) -> str | None:
    lowered = question.lower()
    return next((theme for theme, words in _THEME_WORDS if any(w in lowered for w in words)), None)


def _block_text(block: Block) -> str:
    return " ".join(block.cells) if block.kind == "row" else block.text


def key_question_rows(blocks: list[Block]) -> tuple[list[tuple[str, float]], set[int]]:
    """The key-question table: (question, percentage 'Yes') pairs and the blocks it was read from.

    Works on tab-separated rows (text, web page) and on PDF text, where a question may wrap over
    lines and its percentage follow on the same line or the next.
    """
    start = next((i for i, b in enumerate(blocks) if b.kind != "bullet" and "key question" in b.text.lower()[:40]),
                 None)
    if start is None:
        start = next((i for i, b in enumerate(blocks) if b.kind != "bullet" and _KQ_PERCENT.search(_block_text(b))),
                     None)
    if start is None:
        return [], set()
    used: list[int] = []
    parts: list[str] = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        text = _block_text(block).strip()
        if block.kind == "bullet" or subheading(block) is not None or heading_kind(block) is not None:
            break
        pending = bool(parts) and parts[-1].rstrip().endswith("?")
        header = "percentage" in text.lower() and len(text) < 40
        if index != start and "?" not in text and not pending and not header and not _PERCENT_ONLY.fullmatch(text):
            break
        used.append(index)
        parts.append(text)
    joined = _KQ_HEADER.sub(" ", " ".join(parts))
    rows: list[tuple[str, float]] = []
    position = 0
    for match in _KQ_PERCENT.finditer(joined):
        question = joined[position: match.start() + 1]
        for stop in (". ", ": "):
            question = question[question.rfind(stop) + len(stop):] if stop in question else question
        rows.append((" ".join(question.split()), float(match.group(1))))
        position = match.end()
    return rows, set(used)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.lower().split()).rstrip(".") == " ".join(b.lower().split()).rstrip(".")


def read_standard(section: Section, framework: Framework, table_rating: Rating | None,
                  notes: ImportNotes) -> Standard:
    code = section.standard or ""
    definition = framework.definition(code)
    blocks = section.blocks
    statement = section.heading_rest or None
    rating_index = next((i for i, b in enumerate(blocks[:3]) if b.kind == "paragraph" and rating_of(b.text)[0]), None)
    rating: Rating | None = None
    rest = blocks
    if rating_index is not None:
        rating, exact = rating_of(blocks[rating_index].text)
        if not exact:
            notes.warnings.append(f"{code}: rating '{blocks[rating_index].text.strip()}' read as '{rating.label}'")
        before = [b.text for b in blocks[:rating_index] if b.kind == "paragraph"]
        statement = statement or (" ".join(before) or None)
        rest = blocks[rating_index + 1:]
    if statement is None and rest and definition and _same_text(rest[0].text, definition.statement):
        statement, rest = rest[0].text, rest[1:]
    if rating is not None and table_rating is not None and rating != table_rating:
        notes.warnings.append(f"{code}: the ratings table says '{table_rating.label}' but the section says "
                              f"'{rating.label}'; the ratings table is used")
    rows, used = key_question_rows(rest)
    questions = []
    for question, percent in rows:
        if percent > 100:
            notes.warnings.append(f"{code}: key question '{question[:60]}' has {percent:g}%, over 100%; left empty")
            percent = None
        percent = as_count(percent) if percent is not None else None
        questions.append(KeyQuestion(question=question, percent_yes=percent, theme=_theme(question)))
    findings = section_findings([b for i, b in enumerate(rest) if i not in used])
    summary_parts = findings.paragraphs + findings.lists.get("unlabelled", [])
    if findings.lists.get("unlabelled"):
        notes.found.append(f"{code}: {len(findings.lists['unlabelled'])} findings not marked as strengths or areas "
                           "for improvement in the report; kept in the summary")
    _note_missing_parts(code, definition, statement, table_rating or rating, questions, findings, notes)
    return Standard(
        code=code, name=section.standard_name or None,
        rating=table_rating or rating, statement=statement, summary="\n\n".join(summary_parts) or None,
        strengths=tuple(findings.lists.get("strengths", ())),
        areas_for_improvement=tuple(findings.lists.get("areas_for_improvement", ())),
        key_questions=tuple(questions),
    )


def _note_missing_parts(code: str, definition, statement, rating, questions, findings: Findings,
                        notes: ImportNotes) -> None:
    if statement is None:
        notes.missing.append(f"no standard statement for {code}")
    if rating is None:
        notes.missing.append(f"no rating for {code}")
    if definition is not None and definition.rated_by_key_questions:
        if not questions:
            notes.missing.append(f"no key-question table for {code}")
        elif len(questions) != 3:
            notes.warnings.append(f"{code}: {len(questions)} key questions found; the framework asks 3")
    elif definition is not None:
        for key, words in (("strengths", "strengths"), ("areas_for_improvement", "areas for improvement")):
            if not findings.lists.get(key):
                notes.missing.append(f"no {words} for {code}")
