"""Report text, from any source, as a list of blocks: paragraphs, bullets and table rows.

Text comes from three places that lay the same report out differently: the plain or markdown text
of a report, the text of its web page (``report_html``) and the text layer of its PDF
(``report_pdf``). This module removes what differs between them and is never part of the report:
curly quotes and ligatures, "(Back to top)" links, markdown marks, footnote definitions and the
footnote markers in the text (superscript digits, or digits glued to a word such as "band5"), page
numbers, and lines split by a page's width or by a page break. Every pattern here is linear: no
nested quantifiers, no backtracking over unbounded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.model.ratings import match_rating

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# Headings that always start (and end) a block, lower case without a trailing colon.
KNOWN_HEADINGS = frozenset({
    "foreword", "contents", "acknowledgements", "ratings", "recommendations", "background",
    "strengths", "areas for improvement", "feedback from people on probation", "diversity and inclusion",
    "outcomes", "overall rating", "the role of hm inspectorate of probation",
})

_CHARACTERS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\f": "\n\n", "\r": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n\n",
})
_BACK_TO_TOP = re.compile(r"[(\[]?[ \t]{0,3}(?:\u2191[ \t]{0,3})?back to top[ \t]{0,3}[)\]]?", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\s]{0,500}\)")
_MARKDOWN_FOOTNOTE_REF = re.compile(r"\[\^\d{1,3}\]")
_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_PLAIN_FOOTNOTE = re.compile(r"[ \t]*([0-9]{1,3})[ \t]*(?=[A-Z])")
# Footnote markers glued to text: "practitioners3.", "rate10 of", "per cent.2", "1,204,588,1 with".
_MARKER_AFTER_WORD = re.compile(r"(?<=[a-z][a-z])\d{1,2}(?=[\s.,;:)!?]|$)", re.MULTILINE)
_MARKER_AFTER_STOP = re.compile(r"(?<=[a-z)][.,;:])\d{1,2}(?=\s|$)", re.MULTILINE)
_MARKER_AFTER_THOUSANDS = re.compile(r"(?<=\d,\d\d\d),\d{1,2}(?=\s)")

_BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7\u2013\uf0b7]|o(?=[ \t]))(?:[ \t]+|$)")
_NUMBERED = re.compile(r"[ \t]*\d{1,2}[.)][ \t]+\S")
_STANDARD_HEADING = re.compile(r"[ \t]*P[ \t]?\d[ \t]?\.[ \t]?\d\b")
_DOMAIN_HEADING = re.compile(r"\d\.[ \t]+(?:organisational arrangements|service delivery)", re.IGNORECASE)
_PAGE_ARTEFACT = re.compile(r"[ \t]*(?:page[ \t]+)?\d{1,3}(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*", re.IGNORECASE)
_TABLE_RULE = re.compile(r"[ \t|:\-+]*")
_TERMINAL = tuple(".!?:;\"')")
_RATING_WORDS = ("improve", "inadequate", "good", "outstanding", "ri")


@dataclass(frozen=True)
class Block:
    """One paragraph, bullet (marker removed) or table row (cells separated by tabs)."""

    text: str
    kind: str = "paragraph"  # "paragraph", "bullet" or "row"

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t") if cell.strip()]


def clean_characters(text: str) -> str:
    """One spelling for what differs only in typography: quotes, spaces, ligatures, line ends, markdown."""
    text = text.replace("\r\n", "\n").translate(_CHARACTERS)
    text = _BACK_TO_TOP.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_FOOTNOTE_REF.sub("", text)
    text = _MARKDOWN_HEADING.sub("", text)
    return text.replace("**", "").replace("__", "")


def is_heading_line(line: str) -> bool:
    """A line that is a heading wherever it appears: known section names, standards, domains, ratings."""
    folded = line.strip().rstrip(":").strip().lower()
    if folded in KNOWN_HEADINGS or folded.startswith("annexe"):
        return True
    if _STANDARD_HEADING.match(line) or _DOMAIN_HEADING.match(line.strip()):
        return True
    return len(folded) < 30 and any(w in folded for w in _RATING_WORDS) and match_rating(line.strip())[0] is not None


def _is_footnote_definition(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and (stripped[0] in SUPERSCRIPT_DIGITS or stripped.startswith("[^"))


def _markdown_row(line: str) -> str | None:
    """``| a | b |`` as ``a<TAB>b``; a rule such as ``|---|---|`` as ""; anything else None."""
    stripped = line.strip()
    if len(stripped) < 2 or stripped[0] != "|" or stripped[-1] != "|":
        return None
    if _TABLE_RULE.fullmatch(stripped):
        return ""
    return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))


def footnote_markers(line: str, seen: set[int]) -> str:
    """The line without footnote markers ("rating⁵", "rating5", "cent.2"); their numbers are added to ``seen``."""
    def drop(replacement: str):
        def record(match: re.Match) -> str:
            digits = match.group(0).translate(_FROM_SUPERSCRIPT).strip(",")
            seen.add(int(digits))
            return replacement
        return record

    line = _SUPERSCRIPT_RUN.sub(drop(""), line)
    line = _MARKER_AFTER_WORD.sub(drop(""), line)
    line = _MARKER_AFTER_STOP.sub(drop(""), line)
    return _MARKER_AFTER_THOUSANDS.sub(drop(","), line)


def _starts_footnote(line: str, previous: str, seen: set[int], defined: set[int]) -> bool:
    """A footnote: "⁵ The rating ...", "[^5]: ...", or "5 The rating ..." after text that carried marker 5."""
    if _is_footnote_definition(line):
        return True
    match = _PLAIN_FOOTNOTE.match(line)
    return bool(match) and not previous.strip() and int(match.group(1)) in seen - defined


def report_lines(text: str) -> list[str]:
    """Lines of the report without footnotes, footnote markers, page numbers or trailing spaces."""
    lines: list[str] = []
    in_footnote = False
    seen: set[int] = set()
    defined: set[int] = set()
    previous = ""
    for raw in clean_characters(text).split("\n"):
        line = raw.rstrip()
        if _starts_footnote(line, previous, seen, defined):
            number = _PLAIN_FOOTNOTE.match(line.translate(_FROM_SUPERSCRIPT).replace("[^", "").replace("]:", " "))
            if number:
                defined.add(int(number.group(1)))
            in_footnote, previous = True, line
            continue
        previous = line
        if in_footnote:
            if line.strip() and not _BULLET.match(line) and not is_heading_line(line):
                continue
            in_footnote = False
        row = _markdown_row(line)
        if row is not None:
            if row:
                lines.append(row)
            continue
        if line.strip() and _PAGE_ARTEFACT.fullmatch(line):
            continue
        lines.append(footnote_markers(line, seen))
    return lines


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was wrapped at (PDF layout, hard-wrapped text), or None for one line per paragraph."""
    lengths = sorted(len(line) for line in lines if len(line.strip()) > 20)
    if len(lengths) < 10:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    return width if width <= 200 else None


def _starts_block(line: str, previous: str, width: int | None, line_is_heading: bool,
                  previous_is_heading: bool) -> bool:
    if _BULLET.fullmatch(previous) or line.lstrip()[:1] in (".", ",", ";", ":", ")"):
        return False  # a bullet drawn apart from its text (PDF), or a sentence's end after a footnote marker
    if "\t" in line or "\t" in previous or _BULLET.match(line) or _NUMBERED.match(line):
        return True
    if line_is_heading or previous_is_heading or previous.endswith(":"):
        return True
    first = line.lstrip()[:1]
    if first.islower() or (first.isdigit() and not previous.endswith(_TERMINAL)):
        return False
    if first in "\"'" and previous.endswith(_TERMINAL):
        return True
    if width is None:
        return True
    # A wrapped line: the next line's first word would not have fitted on it.
    first_word = line.split(None, 1)[0] if line.strip() else ""
    return len(previous) < 0.8 * width and len(previous) + 1 + len(first_word) < 0.9 * width


def _new_block(line: str) -> tuple[str, list[str]]:
    bullet = _BULLET.match(line)
    if bullet:
        return "bullet", [line[bullet.end():].strip()]
    if "\t" in line:
        return "row", ["\t".join(cell.strip() for cell in line.split("\t") if cell.strip())]
    return "paragraph", [line.strip()]


def _joined(parts: list[str]) -> str:
    pieces: list[str] = []
    for part in parts:
        if pieces and not (part[:1] in (".", ",", ";", ":", ")") or (pieces[-1].endswith("-") and part[:1].islower())):
            pieces.append(" ")  # no space before a sentence's end, or inside a word hyphenated at a line end
        pieces.append(part)
    return "".join(pieces)


def text_to_blocks(text: str) -> list[Block]:
    """The report's blocks, with lines split by layout joined and page breaks inside a sentence mended."""
    lines = report_lines(text)
    width = _wrap_width(lines)
    raw_blocks: list[tuple[str, list[str]]] = []
    previous, previous_is_heading = "", False
    for line in lines:
        if not line.strip():
            previous = ""
            continue
        heading = is_heading_line(line)
        if not previous or _starts_block(line, previous, width, heading, previous_is_heading):
            raw_blocks.append(_new_block(line))
        else:
            raw_blocks[-1][1].append(line.strip())
        previous, previous_is_heading = line.rstrip(), heading
    merged: list[tuple[str, list[str]]] = []  # (kind, texts): a page break may split one block in several
    for kind, parts in raw_blocks:
        joined = _joined(parts) if kind != "row" else parts[0]
        joined = re.sub(r"[ \t]{2,}", " ", joined) if kind != "row" else joined
        if not joined.strip():
            continue
        if merged and _continues(merged[-1][0], merged[-1][1][-1], kind, joined):
            merged[-1][1].append(joined)
        else:
            merged.append((kind, [joined]))
    return [Block(_joined(texts), kind) for kind, texts in merged]


def _continues(previous_kind: str, previous: str, kind: str, text: str) -> bool:
    """A page break (or a footnote between pages) split a sentence: the next block starts in lower case."""
    return (kind == "paragraph" and previous_kind != "row" and text[:1].islower()
            and not previous.endswith(_TERMINAL) and not is_heading_line(previous))


# --- numbers as the reports write them -------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD_PATTERN = (rf"(?:(?:{_TENS})(?:-(?:{_UNITS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                       rf"|seventeen|eighteen|nineteen|{_UNITS})")
# Digits with thousands separators ("1,204,588"), decimals ("9.6") or a number word ("eight"). It
# starts only where a run of digits starts and never gives digits back (possessive), so searching a
# long run of digits stays linear.
NUMBER_PATTERN = (rf"(?:(?<![0-9,.])(?:[0-9]{{1,3}}(?:,[0-9]{{3}})++(?:\.[0-9]++)?+|[0-9]++(?:\.[0-9]++)?+)"
                  rf"|(?i:\b{NUMBER_WORD_PATTERN}\b))")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_PATTERN = "(?:" + "|".join(m.capitalize() for m in MONTHS) + ")"


MAX_DIGITS = 12  # longer runs of digits are identifiers or damage, not figures


def to_number(token: str) -> float | None:
    """ "1,204,588" -> 1204588, "9.6" -> 9.6, "eight" -> 8, "thirty-seven" -> 37; None for a run of digits
    too long to be a figure."""
    word = token.lower()
    if word[:1].isalpha():
        tens, _, unit = word.partition("-")
        return float(NUMBER_WORDS[tens] + (NUMBER_WORDS[unit] if unit else 0))
    digits = token.replace(",", "")
    if len(digits.replace(".", "")) > MAX_DIGITS:
        return None
    return float(digits)


def as_count(value: float) -> int | float:
    return int(value) if value == int(value) else value
