"""Every number in the report's text, as figures with their sentence, section, standard and topic.

A sentence is read in passes, each claiming the words it uses so that no number is read twice:
qualitative proportions ("just over half", "two thirds"), then proportions ("25 out of 36",
"Out of 42 relevant cases inspected, only 26", "one of eight PDUs"), then percentages ("96 per
cent", "41%"), then counts ("85 FTE probation practitioners", "a waiting list of 200", "four
offices"). Dates, years, day numbers, standard codes ("P 2.1"), labels ("Tier 3"), ranges
("40-50"), words glued to digits ("C2", "1st") and quotations are never figures; footnote markers
were removed with the text's other artefacts (``report_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.formats.published_report.limits import check_figures, check_sentence
from viewer.formats.published_report.sections import Section, key_question_rows
from viewer.formats.published_report.text import MONTH_PATTERN, NUMBER_PATTERN, NUMBER_WORDS, as_count, to_number
from viewer.model.inspection import Figure

FIGURE_SECTIONS = ("foreword", "background", "standard", "user_voice", "diversity", "outcomes")
_N = rf"({NUMBER_PATTERN})"
_NUMBER = re.compile(NUMBER_PATTERN)
_FRACTION = re.compile(
    r"\b(?:(?:just|well|slightly)[ \t]+)?(?:(?:over|under|less than|more than|nearly|almost|around|about)[ \t]+)?"
    r"(?:(?:a|one|two)[ \t]+thirds?|(?:a|one|three)[ \t]+quarters?|half)\b(?!-)", re.IGNORECASE)
_PAIRS = (
    (re.compile(rf"{_N}[ \t]+out(?:[ \t]+of)?[ \t]+(?:the[ \t]+)?(?:[a-z]+[ \t]+of[ \t]+)?{_N}", re.IGNORECASE), 1, 2),
    (re.compile(rf"\bOut of[ \t]+(?:the[ \t]+)?{_N}[^.,;]{{0,120}},[ \t]+(?:only[ \t]+)?{_N}"), 2, 1),
    (re.compile(rf"{_N}[ \t]+(?:of|in)[ \t]+(?:the[ \t]+|every[ \t]+)?{_N}(?![\w.,-])", re.IGNORECASE), 1, 2),
)
_PERCENT = re.compile(rf"{_N}[ \t]*(?:%|per[ \t]?cent\b|percent\b)", re.IGNORECASE)
_ZERO = re.compile(r"\bno[ \t]+(approved premises|prisons?|probation offices|offices|courts)\b", re.IGNORECASE)
_DAY_OF_MONTH = re.compile(rf"[ \t]*{MONTH_PATTERN}\b", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:tier|phase|level|band|annexe|page|figure|table|chapter|step|part|section|version|schedule|"
    r"paragraph|recommendation|standard|domain|category|stage|year|no\.|p)|\bP)[ \t]*$", re.IGNORECASE)
_CASELOAD_BEFORE = re.compile(r"(?:caseload|population)(?:[ \t]+of[ \t]+[A-Z]\w+)?[ \t]+(?:of|was|is|stood at)[ \t]*$",
                              re.IGNORECASE)
_FTE_AFTER = re.compile(r"[ \t]*(?:\(?full-time equivalent\)?|\(?FTE\)?|\(?WTE\)?)", re.IGNORECASE)
_PER_AFTER = re.compile(r"[ \t]+(days?|hours?|sessions?)[ \t]+per[ \t]+(week|month|day)\b", re.IGNORECASE)
_TIME_BASIS_AFTER = re.compile(r"[ \t]+(full|part)[- ]time\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP_WORDS = frozenset(
    "and or of with in on at to for from by that who which were was had have has is are be been across where "
    "when as per than into but not so the a an their each all any both within over under between".split())
_ONE_BEFORE = frozenset("any no every each the this that which at someone".split())
_SINGULAR_UNITS = frozenset(
    "person individual court prison office pdu team case post member premises people staff children women men".split())
_UNIT_NAMES = {"individual": "people", "individuals": "people", "participants": "people", "persons": "people",
               "person": "people", "respondents": "people", "court": "courts", "prison": "prisons",
               "office": "offices", "case": "cases"}
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*[ \t]+(?=[\"'(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset("st mr mrs ms dr e.g i.e eg ie etc no vs cf approx".split())
# A comma between digits ("1,003") groups thousands; any other comma ends a clause.
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\u2013\u2014]")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, not at "St. Albans" or "e.g. the".."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(start, match.start() - 12): match.start()].rsplit(None, 1)
        word = before[-1].lstrip("(").lower() if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        found.append(text[start: match.end()].strip())
        start = match.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


@dataclass
class _Reading:
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    count: int | None = None
    total: int | None = None


def _overlaps(taken: bytearray, start: int, end: int) -> bool:
    return any(taken[start:end])


def _is_year_or_date(sentence: str, match: re.Match) -> bool:
    token, end = match.group(0), match.end()
    if not token.isdigit() or len(token) > 4:
        return False
    if len(token) == 4 and 1900 <= int(token) <= 2099:
        return True
    return int(token) <= 31 and _DAY_OF_MONTH.match(sentence, end) is not None


def _excluded(sentence: str, match: re.Match) -> bool:
    start, end, token = match.start(), match.end(), match.group(0)
    before = sentence[start - 1] if start else " "
    after, beyond = (sentence[end: end + 2] + "  ")[:2]
    if before.isalpha() or after.isalpha() or before in "-/:" or after in "-/" or (after in ":." and beyond.isdigit()):
        return True  # "C2", "1st", "mid-2022", "40-50", "4/21", "10:30", "1.1.2"
    if _is_year_or_date(sentence, match) or _LABEL_BEFORE.search(sentence[max(0, start - 16): start]):
        return True
    if token.lower() == "one":
        previous = sentence[max(0, start - 20): start].rsplit(None, 1)
        following = sentence[end: end + 20].split(None, 1)
        if (previous and previous[-1].lower() in _ONE_BEFORE) or not following \
                or following[0].lower().strip(",.;") in _STOP_WORDS | {"another", "or", "such"}:
            return True
    return False


def _noun_after(sentence: str, end: int) -> str | None:
    """The counted thing: the last word of the noun phrase after a number ("10 district council areas")."""
    words: list[str] = []
    position = end
    for _ in range(4):
        gap = sentence[position: position + 1]
        if gap not in (" ", "\t"):
            break
        match = _WORD.match(sentence, position + 1)
        if not match:
            break
        word = match.group(0)
        lowered = word.lower()
        if lowered in _STOP_WORDS or (words and lowered.endswith(("ed", "ing"))):
            break
        words.append(lowered)
        position = match.end()
    if not words:
        return None
    last = words[-1].rstrip("'")
    if not (last.endswith("s") or last in _SINGULAR_UNITS):
        return None
    printed = sentence[position - len(last) - (len(words[-1]) - len(last)): position].rstrip("'")
    if sum(ch.isupper() for ch in printed) >= 2:
        return printed  # an acronym as printed: "PDUs", "SPOs"
    return _UNIT_NAMES.get(last, last)


def _count_unit(sentence: str, start: int, end: int) -> str | None:
    if _FTE_AFTER.match(sentence, end):
        return "FTE"
    if per := _PER_AFTER.match(sentence, end):
        return f"{per.group(1).lower()} per {per.group(2).lower()}"
    if basis := _TIME_BASIS_AFTER.match(sentence, end):
        return f"{basis.group(1).lower()} time"
    if _CASELOAD_BEFORE.search(sentence[max(0, start - 60): start]):
        return "people"
    return _noun_after(sentence, end)


def read_sentence(sentence: str) -> list[_Reading]:
    """The figures in one sentence, in the order they are written."""
    lowered = sentence.lower()
    if "key question" in lowered and "rating" in lowered:
        return []  # "Our rating for X is based on ... three key questions": the method, not a finding
    readings: list[_Reading] = []
    taken = bytearray(len(sentence))  # 1 where a reading has used the sentence's characters

    def claim(reading: _Reading) -> None:
        readings.append(reading)
        taken[reading.start: reading.end] = b"\x01" * (reading.end - reading.start)

    for match in _FRACTION.finditer(sentence):
        if not re.match(r"[ \t]*\(", sentence[match.end(): match.end() + 3]):
            claim(_Reading(match.start(), match.end()))
    for pattern, count_group, total_group in _PAIRS:
        for match in pattern.finditer(sentence):
            count, total = to_number(match.group(count_group)), to_number(match.group(total_group))
            if count is None or total is None or _overlaps(taken, match.start(), match.end()) \
                    or count != int(count) or total != int(total) \
                    or not 0 <= count <= total or total == 0 or (1900 <= total <= 2099 and "," not in match.group(0)):
                continue
            unit = _noun_after(sentence, match.end())
            claim(_Reading(match.start(), match.end(), count=int(count), total=int(total), unit=unit))
    for match in _PERCENT.finditer(sentence):
        value = to_number(match.group(1))
        if value is not None and not _overlaps(taken, match.start(), match.end()) and not _excluded(sentence, match):
            claim(_Reading(match.start(), match.end(), value=value, unit="percent"))
    for match in _ZERO.finditer(sentence):
        if not _overlaps(taken, match.start(), match.end()):
            claim(_Reading(match.start(), match.end(), value=0, unit=match.group(1).lower()))
    for match in _NUMBER.finditer(sentence):
        value = to_number(match.group(0))
        if value is None or _overlaps(taken, match.start(), match.end()) or _excluded(sentence, match):
            continue
        unit = _count_unit(sentence, match.start(), match.end())
        if unit is None and match.group(0).lower().split("-")[0] in NUMBER_WORDS:
            continue  # "the two of them": a number word counts something only when it names what
        claim(_Reading(match.start(), match.end(), value=value, unit=unit))
    return sorted(readings, key=lambda r: r.start)


def _label(sentence: str, reading: _Reading) -> str:
    """The clause a figure is written in: the report's own words, never a paraphrase."""
    # Only the 200 characters either side are looked at and copied: a label is cut to 120 anyway, and
    # copying the rest of a long sentence for each of its figures made the import quadratic.
    window = max(0, reading.start - 200)
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, window, reading.start)), default=window)
    stop = _CLAUSE_BREAK.search(sentence, reading.end, reading.end + 200)
    clause = sentence[start: stop.start() if stop else reading.end + 200].strip(" .")
    if len(clause) < 20:
        clause = sentence[:240].strip()
    if len(clause) > 120:
        clause = clause[:117].rsplit(" ", 1)[0] + "..."
    return clause[:1].upper() + clause[1:]


_TOPIC_WORDS = {
    name: re.compile(rf"\b(?:{words})", re.IGNORECASE) for name, words in (
        ("user_voice", r"user voice\b|people on probation (?:said|surveyed|indicated|told|reported)\b"),
        ("context", r"(?:proven )?reoffending rates?\b"),
        ("caseload", r"caseloads?\b"),
        ("staffing", r"fte\b|full-time equivalent\b|in post\b|attrition\b"),
        ("workload", r"workloads?\b"),
        ("staff_survey", r"survey|respondents\b|staff responding\b"),
        ("services", r"services\b|crs\b|interventions?\b|programmes?\b|accommodation\b|waiting list\b|mentor"),
        ("staff", r"staff|practitioners?\b|training\b"),
    )
}


def _topic(section: Section, sentence: str) -> str:
    def says(name: str) -> bool:
        return _TOPIC_WORDS[name].search(sentence) is not None

    if section.kind == "user_voice" or says("user_voice"):
        return "user_voice"
    if says("context"):
        return "context"
    if section.kind == "outcomes":
        return "outcomes"
    if says("caseload") and section.kind in ("background", "foreword"):
        return "caseload"
    if says("staffing"):
        return "staffing"
    if section.kind in ("background", "foreword"):
        return "context"
    for topic in ("workload", "staff_survey", "services"):
        if says(topic):
            return topic
    if section.standard and section.standard.startswith("P2"):
        return "case_findings"
    if section.kind == "diversity" or section.standard == "P1.3":
        return "services"
    return "staffing" if says("staff") else "case_findings"


def _slug(section: Section) -> str:
    base = section.standard or section.name
    return "-".join(re.findall(r"[a-z0-9]+", base.lower())) or section.kind


def section_sentences(section: Section) -> list[str]:
    """The sentences a section's figures may come from: no tables, quotations or key-question rows."""
    found: list[str] = []
    table = key_question_rows(section.blocks)[1] if section.kind == "standard" else set()
    for index, block in enumerate(section.blocks):
        text = block.text.strip()
        if block.kind == "row" or text[:1] == '"' or index in table:
            continue
        found.extend(sentences(text))
    return found


def read_figures(sections: list[Section]) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    used_ids: set[str] = set()
    last_number: dict[str, int] = {}  # per slug: a section of the same name goes on from there, not from 0
    for section in sections:
        if section.kind not in FIGURE_SECTIONS:
            continue
        slug = _slug(section)
        number = last_number.get(slug, 0)
        for sentence in section_sentences(section):
            check_sentence(sentence, section.name)
            topic = None
            for reading in read_sentence(sentence):
                topic = topic or _topic(section, sentence)
                number += 1
                figure_id = f"{slug}-{number}"
                while figure_id in used_ids:
                    number += 1
                    figure_id = f"{slug}-{number}"
                used_ids.add(figure_id)
                last_number[slug] = number
                value = as_count(reading.value) if reading.value is not None else None
                figures.append(Figure(
                    id=figure_id, topic=topic, label=_label(sentence, reading), value=value,
                    unit=reading.unit, count=reading.count, total=reading.total, standard=section.standard,
                    section=section.name, sentence=sentence,
                ))
            check_figures(len(figures), section.name)
    return tuple(figures)
