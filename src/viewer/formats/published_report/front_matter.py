"""The parts of a report around its standards: title page, ratings table, recommendations, background.

Each reader takes the report's sections, returns what it found and writes to ``notes`` what the
report does not contain; nothing is filled in from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.formats.published_report.sections import ImportNotes, Section, parse_standard_heading, rating_of
from viewer.formats.published_report.text import MONTH_PATTERN, MONTHS, NUMBER_PATTERN, Block, to_number
from viewer.model.framework import Framework
from viewer.model.inspection import CaseSample, OverallPublished, Recommendation, ReportInfo
from viewer.model.ratings import Rating, match_rating

_PUBLISHED = re.compile(rf"HM Inspectorate of Probation,?[ \t]+({MONTH_PATTERN})[ \t]+(\d{{4}})", re.IGNORECASE)
_DATE = rf"(\d{{1,2}})(?:st|nd|rd|th)?[ \t]+({MONTH_PATTERN})[ \t]+(\d{{4}})"
_FIELDWORK = re.compile(rf"fieldwork started:?[ \t]*{_DATE}", re.IGNORECASE)
_FIELDWORK_BACKGROUND = re.compile(rf"fieldwork[^.]{{0,200}}?(?:beginning|starting|from|on)[ \t]+{_DATE}",
                                   re.IGNORECASE)
_SCORE = re.compile(r"\bscore:?[ \t]*(\d{1,3})[ \t]*(?:/|out of)[ \t]*(\d{1,3})", re.IGNORECASE)
_LEAD = re.compile(r"led by (?:HM |His Majesty's )?[Ii]nspector ([A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3})")
_REGION_IN_TEXT = re.compile(r"\bin the ([A-Z][A-Za-z' ]{1,40}?) probation region")
_FOREWORD_OVERALL = re.compile(r"overall rating of ['\"]?(outstanding|good|requires improvement|inadequate)",
                               re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"(\d{1,2})[.)][ \t]+(\S.*)", re.DOTALL)
_NUMBER = rf"({NUMBER_PATTERN})"
_CASES = {
    "community_orders": re.compile(rf"{_NUMBER}[ \t]+community (?:orders|sentences)", re.IGNORECASE),
    "licences": re.compile(rf"{_NUMBER}[ \t]+(?:releases? from custody on licen[cs]e|licen[cs]es\b|"
                           rf"(?:licen[cs]e|post-release) cases)", re.IGNORECASE),
    "interviews": re.compile(rf"{_NUMBER}[ \t]+(?:interviews with (?:probation )?practitioners|"
                             rf"(?:practitioner|case) interviews)", re.IGNORECASE),
}


@dataclass
class RatingsTable:
    overall: OverallPublished = field(default_factory=OverallPublished)
    by_code: dict[str, Rating] = field(default_factory=dict)
    fieldwork_start: str | None = None
    unit_name: str | None = None


def sections_of(sections: list[Section], kind: str) -> list[Section]:
    return [s for s in sections if s.kind == kind]


def _texts(sections: list[Section], kind: str) -> list[str]:
    return [b.text for s in sections_of(sections, kind) for b in s.blocks]


def _iso_date(day: str, month: str, year: str) -> str | None:
    number = MONTHS[month.lower()]
    return f"{year}-{number:02d}-{int(day):02d}" if 1 <= int(day) <= 31 else None


def read_title_page(sections: list[Section], notes: ImportNotes) -> tuple[str | None, str | None, ReportInfo]:
    """(unit name, region, report details) from the title page and acknowledgements."""
    front = [b for s in sections_of(sections, "front") for b in s.blocks]
    unit = title = region = published = None
    for index, block in enumerate(front):
        text = block.text.strip()
        lowered = text.lower()
        if title is None and lowered.startswith("an inspection of"):
            cut = lowered.find(" in:") if " in:" in lowered else lowered.find(" in ")
            rest = text[cut + 4:].strip() if cut > 0 else ""
            if not rest and index + 1 < len(front) and len(front[index + 1].text) <= 80:
                rest = front[index + 1].text.strip()
                text = f"{text} {rest}"
            unit, title = rest or None, text
        elif region is None and lowered.startswith("the probation service") and len(text) < 120:
            rest = text[len("the probation service"):].strip(" \t–—:-")
            region = rest[: -len(" region")] if rest.lower().endswith(" region") else rest or None
        match = _PUBLISHED.search(text) if published is None else None
        if match:
            published = f"{match.group(2)}-{MONTHS[match.group(1).lower()]:02d}"
    lead = next((m.group(1) for t in _texts(sections, "acknowledgements") if (m := _LEAD.search(t))), None)
    if region is None:
        region = next((m.group(1) for t in _texts(sections, "background") if (m := _REGION_IN_TEXT.search(t))), None)
    for value, what in ((title, "no report title"), (published, "no publication month on the title page"),
                        (region, "no region")):
        if value is None:
            notes.missing.append(what)
    return unit, region, ReportInfo(title=title, published=published, lead_inspector=lead)


def read_ratings_table(sections: list[Section], framework: Framework, notes: ImportNotes) -> RatingsTable:
    table = RatingsTable()
    blocks = [b for s in sections_of(sections, "ratings") for b in s.blocks]
    overall_rating: Rating | None = None
    score: int | None = None
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        heading = parse_standard_heading(block, framework)
        if heading is not None:
            label = heading.rating_text or (following.text if following is not None else "")
            _keep_rating(table.by_code, heading.code, label, notes)
            continue
        text = " ".join(block.cells) if block.kind == "row" else block.text
        if table.fieldwork_start is None and (match := _FIELDWORK.search(text)):
            table.fieldwork_start = _iso_date(match.group(1), match.group(2), match.group(3))
        if score is None and (match := _SCORE.search(text)):
            score = _checked_score(int(match.group(1)), int(match.group(2)), framework, notes)
        if overall_rating is None and text.lower().startswith("overall rating"):
            rest = text[len("overall rating"):].strip(" \t:")
            label = rest or (following.text if following is not None else "")
            overall_rating = _rating_with_warning(label, "overall rating", notes)
        if table.unit_name is None and index < 3 and block.kind == "paragraph" and len(text) <= 60 \
                and rating_of(text)[0] is None and not any(w in text.lower() for w in ("fieldwork", "score", "rating")):
            table.unit_name = text.strip()
    if overall_rating is None:
        foreword = " ".join(_texts(sections, "foreword"))
        if match := _FOREWORD_OVERALL.search(foreword):
            overall_rating = match_rating(match.group(1))[0]
            notes.found.append("overall rating read from the foreword")
    table.overall = OverallPublished(rating=overall_rating, score=score)
    if overall_rating is None:
        notes.missing.append("no overall rating")
    if score is None:
        notes.missing.append("no overall score")
    if not blocks:
        notes.missing.append("no ratings table")
    return table


def _rating_with_warning(label: str, what: str, notes: ImportNotes) -> Rating | None:
    rating, exact = rating_of(label)
    if rating is not None and not exact:
        notes.warnings.append(f"{what}: rating '{label.strip()}' read as '{rating.label}'")
    return rating


def _keep_rating(by_code: dict[str, Rating], code: str, label: str, notes: ImportNotes) -> None:
    rating = _rating_with_warning(label, f"{code} in the ratings table", notes)
    if rating is None:
        return
    if code in by_code and by_code[code] != rating:
        notes.warnings.append(f"{code} is rated twice in the ratings table ('{by_code[code].label}', "
                              f"'{rating.label}'); the first is used")
        return
    by_code.setdefault(code, rating)


def _checked_score(score: int, maximum: int, framework: Framework, notes: ImportNotes) -> int | None:
    if framework.max_score is None:
        notes.warnings.append(f"the report prints a score of {score}/{maximum}; {framework.name} has no score the viewer "
                              "knows: left empty")
        return None
    if maximum != framework.max_score:
        notes.warnings.append(f"the report's score is out of {maximum}; {framework.name} scores out of "
                              f"{framework.max_score}")
    if score > framework.max_score or score > maximum:
        notes.warnings.append(f"score {score}/{maximum} is not possible; left empty")
        return None
    notes.found.append(f"score {score}/{maximum}")
    return score


def read_fieldwork_start(sections: list[Section], table: RatingsTable, notes: ImportNotes) -> str | None:
    if table.fieldwork_start:
        return table.fieldwork_start
    for text in _texts(sections, "background"):
        if match := _FIELDWORK_BACKGROUND.search(text):
            return _iso_date(match.group(1), match.group(2), match.group(3))
    notes.missing.append("no fieldwork start date")
    return None


def read_recommendations(sections: list[Section], notes: ImportNotes) -> tuple[Recommendation, ...]:
    found = sections_of(sections, "recommendations")
    if not found:
        notes.missing.append("no recommendations section")
        return ()
    blocks: list[Block] = [b for s in found for b in s.blocks]
    numbered = [(int(m.group(1)), m.group(2).strip()) for b in blocks
                if b.kind == "paragraph" and (m := _NUMBERED_ITEM.fullmatch(b.text.strip()))]
    if not numbered:
        items = [b.text.strip() for b in blocks if b.kind == "bullet"]
        if not items:
            intro = next((i for i, b in enumerate(blocks) if b.text.rstrip().endswith("should:")), None)
            items = [b.text.strip() for b in blocks[intro + 1:]] if intro is not None else []
        numbered = list(enumerate(items, start=1))
    numbers = [n for n, _ in numbered]
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        notes.warnings.append(f"recommendations are numbered {', '.join(map(str, numbers))}; kept as printed")
    if not numbered:
        notes.missing.append("no recommendations in the recommendations section")
    unique: dict[int, str] = {}
    for number, text in numbered:
        if 1 <= number <= 1000:
            unique.setdefault(number, text)
    return tuple(Recommendation(number=n, text=t) for n, t in unique.items())


def unit_from_recommendations(sections: list[Section]) -> str | None:
    for text in _texts(sections, "recommendations"):
        stripped = text.strip()
        if stripped.endswith(" should:") and len(stripped) <= 80:
            return stripped[: -len(" should:")].strip() or None
    return None


def read_case_sample(sections: list[Section], notes: ImportNotes) -> CaseSample:
    text = " ".join(_texts(sections, "background"))
    values: dict[str, int | None] = {}
    for key, pattern in _CASES.items():
        match = pattern.search(text)
        number = to_number(match.group(1)) if match else None
        values[key] = int(number) if number is not None and number == int(number) else None
    if not text:
        notes.missing.append("no background section (case sample)")
    else:
        for key, words in (("community_orders", "community orders"), ("licences", "licences"),
                           ("interviews", "practitioner interviews")):
            if values[key] is None:
                notes.missing.append(f"no number of {words} inspected")
    return CaseSample(**values)
