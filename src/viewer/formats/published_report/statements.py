"""What the inspectorate's prose states about an inspection: the unit, its overall rating, its score and
the month of publication — read from the structure of its sentences, in a report, on a report's web
page or in a press release.

A rating is taken only from a sentence that gives *this unit's* overall rating *now*: "X has received an
overall rating of 'Good'", "Overall, X was rated as 'Good'", "the PDU was rated as 'Good'", "This led to
an overall rating of 'Good'", "rated 'Good' overall", "raised … from 'A' to 'B'" (B), "Overall rating
Good" on a cover. A sentence about a previous inspection ("was last inspected … when it was rated"),
about other units ("The other three are X PDU (rated …)"), about several units at once ("each been
rated") or about one standard ("a 'Good' rating for leadership") is passed over; "inadequate" in plain
prose is never a rating. Several units named as the subject of a text: none of their ratings is taken.
All patterns are linear (no nested quantifiers over unbounded text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.formats.published_report.text import MONTH_PATTERN, MONTHS
from viewer.model.ratings import Rating, match_rating
from viewer.model.unit_names import fold

# Text has straight quotes here (text.clean_characters); a label may carry a full stop inside its quotes.
_R = r"((?i:outstanding|good|requires improvement|requiring improvement|inadequate))"
_Q = rf"['\"]{_R}\.?['\"]"
_WORD_NUMBERS = {"zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_N = r"(\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# The names of the kinds of unit the inspectorate rates, as they end a unit's name.
KIND_WORDS = (r"(?:(?:Probation Delivery Unit(?: \(PDUs?\))?|PDU|Community Rehabilitation Company(?: \(CRC\))?|CRC|"
              r"National Probation Service(?: \(NPS\))?(?:[ \w]{0,30}?[Dd]ivision)?|NPS(?: [\w ]{1,30}?[Dd]ivision)?|"
              r"(?:[Yy]outh|Young [Pp]eople['’]s|Children (?:and|&) Young People['’]s)(?: [A-Za-z&]+){0,4}? "
              r"(?:[Ss]ervices?|[Tt]eam|[Pp]artnership)(?: \([A-Z&]{2,6}\))?|"
              r"YOS|YOT|YJS|YJP|[Rr]egion)\*?)")
_NAME = rf"([A-Z][A-Za-z'&.,() -]{{1,90}}?\s{KIND_WORDS})"
_SUBJECT_NOUNS = r"(?:PDU|region|service|YJS|YOS|YOT|CRC|division|unit|partnership|Probation Delivery Unit|area)"

_RATING_PATTERNS = (
    re.compile(rf"overall (?:regional )?rating (?:for (?:the )?[A-Za-z ,&]{{1,60}} )?(?:of|is|was|remains|"
               rf"has been|will be)\s*:?\s*{_Q}", re.IGNORECASE),
    re.compile(rf"\b(?:resulted|results) in (?:an? )?(?:overall )?rating of {_Q}", re.IGNORECASE),
    re.compile(rf"\boverall (?:[A-Za-z]+ )?rating of {_Q}|\ban overall (?:regional )?{_Q} rating\b|"
               rf"\bthe rating for this {_SUBJECT_NOUNS} (?:was|is) {_Q}", re.IGNORECASE),
    re.compile(rf"\b(?:was|is|has been) (?:assessed|rated|found) (?:by [A-Za-z' ]{{1,50}} )?(?:to be|as) {_Q}",
               re.IGNORECASE),
    re.compile(rf"\b(?:found|judged) (?:the [a-z]+|it|them) to be,? overall,? (?:an? )?{_Q}", re.IGNORECASE),
    re.compile(rf"\bthe (?:service|team|YOS|YOT|YJS|PDU),? overall,? {_Q}", re.IGNORECASE),
    re.compile(rf"\bto be an? {_Q} (?:service|team|organisation)\b", re.IGNORECASE),
    re.compile(rf"^The (?:probation|youth justice|youth offending) service\b[^.]{{0,120}}? (?:has been|was) rated "
               rf"(?:as )?{_Q}", re.IGNORECASE),
    re.compile(rf"\brated (?:as )?{_Q} overall\b", re.IGNORECASE),
    re.compile(rf"\b(?:rated|assessed|judged) [^.'\"]{{1,60}}? as {_Q} overall\b", re.IGNORECASE),
    re.compile(rf"\boverall,? (?:the |this )?[A-Za-z'&.,() -]{{0,90}}? (?:was|is|has been|were) (?:rated|assessed|judged) "
               rf"(?:as )?{_Q}", re.IGNORECASE),
    # "The Inspectorate has given Bradford YOT a 'Requires improvement' rating", "gave the service a 'Good' rating"
    (_GIVEN := re.compile(rf"\b(?:given|gave|awarded) [^.']{{1,80}}? an? {_Q} (?:overall )?rating\b(?!\s+for\b)",
                          re.IGNORECASE)),
    # "leading inspectors to assess it overall as 'Requiring Improvement.'"
    re.compile(rf"\b(?:assess|assessed|rate|rated|judge|judged)(?: it| them| the [a-z]+)? overall as {_Q}", re.IGNORECASE),
    # the label unquoted: "was found by inspectors to be good overall" (see _UNQUOTED)
    *(_UNQUOTED := (
        re.compile(rf"\b(?:was|were|is) (?:found|assessed|judged) (?:by [A-Za-z' ]{{1,60}} )?(?:to be|as) {_R} overall\b",
                   re.IGNORECASE),
        re.compile(rf"\bfinds? {_NAME} {_R} overall\b"),
    )),
    re.compile(rf"(?:^|[.,;:]\s|\b(?:and|so|as a result,?|therefore|consequently|that)\s)(?:the |this )"
               rf"{_SUBJECT_NOUNS}\s+(?:has been|was|is|have been)(?: therefore| also| now)? rated (?:as )?{_Q}",
               re.IGNORECASE),
    re.compile(rf"^{_NAME}\s+(?:has|have)(?: been)? (?:rated|received an overall (?:regional )?rating of)"
               rf" (?:as )?{_Q}"),
    re.compile(rf"^{_NAME}(?: probation services?)?(?:\s[-–]\s|\s)(?:[Rr]ated |is )?(?:as )?{_Q}"),
)
_QUOTED_LABEL = re.compile(_Q, re.IGNORECASE)
_FROM_TO = re.compile(rf"overall rating from {_Q} to {_Q}", re.IGNORECASE)
_COVER = re.compile(r"^overall rating(?: for the [A-Za-z]{2,5})?:?\s+(Outstanding|Good|Requires improvement|Inadequate)\b",
                    re.IGNORECASE | re.MULTILINE)
_PAST = re.compile(r"\b(?:last inspect|previous(?:ly)?\b|when it was rated|when we last|in our last|since our last|"
                   r"at (?:the|our) last|was last|earlier inspection|first inspection in 20|follows an inspection|"
                   r"when (?:the|it|this) [a-z ]{0,20}was\b|in 20\d\d,? when\b)", re.IGNORECASE)
# Not one unit's rating: a negation, a choice of ratings, a count of services.
# ... or a rating it escaped ("only rescued from an overall 'Inadequate' rating").
_NOT_ONE = re.compile(r"\b(?:no|none of|not)\b[^.]{0,40}\brated\b|['\"]\s+or\s+['\"]|\b\d+ per cent of\b|"
                      r"\b(?:rescued|saved|kept|spared) from\b|\b(?:narrowly |just )?(?:avoided|escaped|missed)\b|"
                      r"\bwould have (?:been|received)\b", re.IGNORECASE)
_OTHERS = re.compile(r"\bother (?:two|three|four|five|units|PDUs|services|regions)\b|\(rated\s|\beach\b|\btrio\b|"
                     r"\b(?:two|three|four|five|six|both) (?:of (?:the|our) )?(?:PDUs|services|areas|units|regions)\b",
                     re.IGNORECASE)
_STANDARD_WORDS = re.compile(r"\brating for (?:leadership|staff|services|assessment|planning|implementation|reviewing|"
                             r"court|victim|resettlement|unpaid)|\bfor (?:its|the) (?:leadership|staffing|services)\b|"
                             r"\b(?:standards|aspects)\b", re.IGNORECASE)

# A score: "Score 4/21", "scoring just two inspection points out a possible 27", "received zero out of a
# total of 27 inspection points", "a score of 26 out of 36".
_SCORES = (
    re.compile(r"\bscore:?[ \t]*(\d{1,2})[ \t]*(?:/|out of)[ \t]*(\d{1,2})\b", re.IGNORECASE),
    re.compile(rf"\bscor(?:e|ed|ing)(?: just| only)? (?:of )?{_N}(?: inspection)? points? out (?:of )?"
               rf"(?:a )?(?:possible |total of )?(\d{{1,2}})", re.IGNORECASE),
    re.compile(rf"\breceived {_N} out of (?:a total of |a possible )?(\d{{1,2}})(?: inspection)? points",
               re.IGNORECASE),
)
_PUBLISHED = (
    re.compile(rf"(?:HM|Her Majesty's|His Majesty's) Inspectorate of Probation,?[ \t]+({MONTH_PATTERN})[ \t]+(20\d\d)",
               re.IGNORECASE),
    re.compile(rf"HMI Probation,?[ \t]+({MONTH_PATTERN})[ \t]+(20\d\d)", re.IGNORECASE),
    re.compile(rf"Date of publication:?[ \t]+({MONTH_PATTERN})[ \t]+(20\d\d)", re.IGNORECASE),
    re.compile(rf"^(?:National Inspection|An inspection of [^\n]{{1,120}}?)[ \t]+[-–][ \t]+({MONTH_PATTERN})[ \t]+"
               rf"(20\d\d)[ \t]*$", re.IGNORECASE | re.MULTILINE),
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')]?\s+(?=[A-Z\"'(])")


@dataclass
class Statements:
    rating: Rating | None = None
    rating_sentence: str = ""
    score: int | None = None
    max_score: int | None = None
    score_sentence: str = ""
    published: str | None = None  # "YYYY-MM"
    published_from: str = ""
    conflicts: list[str] = field(default_factory=list)  # ratings stated for this unit that disagree


def sentences(text: str) -> list[str]:
    """The text's sentences (and headline lines), whitespace folded."""
    out: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            out.extend(part for part in _SENTENCE_END.split(line) if part)
    return out


def _label(match_text: str) -> Rating | None:
    return match_rating(match_text)[0]


_NAMED_UNIT = re.compile(r"\b([A-Z][a-z]+(?:(?:,| and| &| upon| on| of| the)? [A-Z][a-z]+){0,8} "
                         r"(?:PDU|Probation Delivery Unit|CRC|YOS|YJS|YOT)\b)")


def named_units(sentence: str) -> list[str]:
    """The units a sentence names ("Derby City PDU"), in order; "The YOS" names a kind of unit, not one."""
    return list(dict.fromkeys(m.group(1) for m in _NAMED_UNIT.finditer(sentence) if fold(m.group(1))))


def _about_this_unit_now(sentence: str, unit: str | None) -> bool:
    if _PAST.search(sentence) or _OTHERS.search(sentence) or _NOT_ONE.search(sentence):
        return False
    # "… looked at 12 aspects of their work and gave the service a 'Requires improvement' rating" is the overall
    if "overall" not in sentence.lower() and _STANDARD_WORDS.search(sentence) and not _GIVEN.search(sentence):
        return False
    mine = fold(unit) if unit else None
    return not any(not same_unit(fold(other), mine) for other in named_units(sentence)) if mine else True


def same_unit(one: str, other: str) -> bool:
    """Folded names of one unit: equal, or one inside the other ("overall camden" holds "camden")."""
    return bool(one) and bool(other) and (one == other or f" {one} " in f" {other} " or f" {other} " in f" {one} ")


def overall_rating(all_sentences: list[str], text: str, unit: str | None) -> tuple[Rating | None, str, list[str]]:
    """``unit``'s overall rating, the sentence stating it, and any other ratings stated for it."""
    found: list[tuple[Rating, str]] = []
    # a rating statement quotes its label, or says "found to be good overall"
    for sentence in (s for s in all_sentences if _QUOTED_LABEL.search(s) or any(p.search(s) for p in _UNQUOTED)):
        if not _about_this_unit_now(sentence, unit):
            if (match := _FROM_TO.search(sentence)) and not _OTHERS.search(sentence):
                found.append((_label(match.group(2)), sentence))  # "raised … from 'A' to 'B'": B is now
            continue
        if match := _FROM_TO.search(sentence):
            found.append((_label(match.group(2)), sentence))
            continue
        for pattern in _RATING_PATTERNS:
            if match := pattern.search(sentence):
                found.append((_label(next(g for g in reversed(match.groups()) if g)), sentence))
                break
    for match in _COVER.finditer(text):
        found.append((_label(match.group(1)), match.group(0)))
    ratings = list(dict.fromkeys(r for r, _ in found if r is not None))
    if len(ratings) == 1:
        return ratings[0], next(s for r, s in found if r == ratings[0]), []
    return None, "", [f"'{r.label}' ({s[:120]})" for r, s in found if r is not None]


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _WORD_NUMBERS[token.lower()]


def stated_score(all_sentences: list[str], unit: str | None) -> tuple[int | None, int | None, str]:
    for sentence in all_sentences:
        if "scor" not in sentence.lower() and "point" not in sentence:
            continue
        if not _about_this_unit_now(sentence, unit):
            continue
        for pattern in _SCORES:
            if match := pattern.search(sentence):
                score, maximum = _number(match.group(1)), int(match.group(2))
                if 0 <= score <= maximum <= 60:
                    return score, maximum, sentence
    return None, None, ""


def publication_month(text: str) -> tuple[str | None, str]:
    head = text[:6000]
    for pattern in _PUBLISHED:
        if match := pattern.search(head):
            month = MONTHS[match.group(1).lower()]
            return f"{match.group(2)}-{month:02d}", match.group(0).strip()
    return None, ""


def read_statements(prose: str, raw: str, unit: str | None) -> Statements:
    """What ``prose`` (the text's paragraphs, lines joined) states about ``unit``; the month of publication
    is read from ``raw`` (the text's own lines), where a title page keeps it on the publisher's line."""
    found = sentences(prose)
    rating, rating_sentence, conflicts = overall_rating(found, prose, unit)
    score, maximum, score_sentence = stated_score(found, unit)
    published, published_from = publication_month(raw)
    return Statements(rating, rating_sentence, score, maximum, score_sentence, published, published_from, conflicts)
