"""Which unit a text of the inspectorate is about: from its title ("An inspection of probation services
in: X"), its cover, its running header, or the subject of a press release's sentences ("X has received an
overall rating of …", "a routine inspection of X in January"). Never from the file's name: a text that
names no unit leaves it unstated, and a text about several units names none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.formats.published_report.statements import KIND_WORDS, named_units
from viewer.formats.published_report.text import MONTH_PATTERN
from viewer.model.unit_names import fold, unit_kind

_INSPECTION_OF = (r"(?:probation services|youth offending services|youth justice services|youth justice work with "
                  r"children and victims|Probation Services)")
# Where a unit's name stops on a title line: the publisher, a date, a page number, a site's own words.
_STOP = re.compile(rf"\s*(?:(?:HM|Her Majesty['’]s|His Majesty['’]s) ?Inspectorate|HMI Probation|Published\b|"
                   rf"\b(?:{MONTH_PATTERN})\b\s+\d{{4}}|\b(?:{MONTH_PATTERN.upper()})\b|\s\d{{1,3}}\s*$|\s-\s|"
                   rf"\.\.\.|\s·\s|Single Inspection Report|Foreword|Upload:)", re.IGNORECASE)
_TITLES = (
    re.compile(rf"^\W{{0,3}}(?:An )?[Ii]nspection of {_INSPECTION_OF}\s*(?:in\b:?|[:–-])?\s*(.*)$", re.MULTILINE),
    re.compile(r"^\W{0,3}(?:An )?[Ii]nspection of (.{2,90}?(?:Community Rehabilitation Company|National Probation "
               r"Service[^\n]{0,40}|Youth Offending (?:Service|Team)|Youth Justice Service))", re.MULTILINE),
    re.compile(r"^\W{0,3}Dynamic Inspection of Public Protection in (.+)$", re.MULTILINE),
)
_NATIONAL = re.compile(r"(?:His|Her) Majesty['’]s Prison and Probation Service(?: \(HMPPS\))?")
_COVER_UNIT = re.compile(rf"^([A-Z][A-Za-z'&., -]{{1,80}}?\s{KIND_WORDS})\s*$\n(?:\s*\n)*\s*Single Inspection Report",
                         re.MULTILINE)
_NAME = rf"([A-Z][A-Za-z'&.,() -]{{1,90}}?\s{KIND_WORDS})"
# Words that start a sentence about units in general, not one unit ("When a youth justice service (YJS) is …").
_NOT_A_NAME = r"(?:When|If|Where|While|As|Although|This|That|These|Those|Every|Each|All|Our|A|An|Any|Some|Most|Many)\b"
# A unit's name of place words only: capitalised words and the small words between them ("Blaenau Gwent and
# Caerphilly Youth Offending Service"), for the loosest patterns, where "Inspectors found staff at Bristol YOT"
# must not read as a name.
_WORD = r"(?:[A-Z][\w'’.-]*|and|&|of|the|upon|on)"
_PLACE_NAME = rf"({_WORD}(?:,? {_WORD}){{0,8}}\s{KIND_WORDS})"
_SUBJECTS = (
    re.compile(rf"^(?:The )?{_NAME} (?:has|have) (?:been rated|received an overall|been assessed)"),
    re.compile(rf"^(?:The )?{_NAME} (?:was|were) (?:assessed|found|rated)"),
    # a press release's first sentence: "Wrexham Youth Justice Service (YJS) in North Wales was found …",
    # "Cardiff Youth Offending Service (YOS) has received …", "Northumbria … (CRC) needs to improve …"
    re.compile(rf"^(?!{_NOT_A_NAME})(?:The )?{_PLACE_NAME}(?: in (?:the )?[A-Za-z]+(?: [A-Z][a-z]+)?)? (?:has received|"
               rf"has been|have been|was|were|is|needs|must)\b"),
    re.compile(rf"^Inspectors? (?:find|found|finds) {_PLACE_NAME} "),
    re.compile(r"^(?:The )?(?:Probation services|Youth justice services) in (?:the )?([A-Z][A-Za-z'&.,() -]{1,90}?)"
               r"(?: of the Probation Service)? (?:has|have) (?:been rated|received an overall)"),
    re.compile(r"^The (?:probation|youth justice|youth offending) service\b[^.]{0,80}? (?:for|in) (?:the )?"
               r"([A-Z][A-Za-z'&.,() -]{1,90}?) (?:has been|was) rated"),
    re.compile(rf"\b(?:has|have) given {_NAME} an overall"),
    re.compile(rf"\b(?:routine |full |joint )?inspection of (?:the organisation formerly known as )?(?:the )?{_NAME}"
               rf"(?:\s(?:in|by|and|last|during|following|earlier|this|on|at)\b|[.,;])"),
    re.compile(rf"\b(?:visited|inspected) {_NAME} (?:last|in|during)\b"),
    re.compile(r"\bthe ([A-Z][A-Za-z ]{1,40}? [Dd]ivision of the National Probation Service(?: \(NPS\))?)"),
    re.compile(r"^The ([A-Z][A-Za-z ]{1,40}? [Dd]ivision of the National Probation Service(?: \(NPS\))?)"),
    re.compile(r"\b(National Probation Service(?: \(NPS\))? in [A-Z][a-z]+(?: [A-Z][a-z]+)?)"),
    re.compile(r"^The ((?:Youth|Young People's)[A-Za-z ]{1,40}? (?:Service|Team)(?: \([A-Z]{2,5}\))? in [A-Z][a-z]+"
               r"(?: [A-Z][a-z]+)?)"),
    re.compile(rf"^{_NAME}(?: probation services?)?(?:\s[-–]\s|\s)(?:[Rr]ated|is) (?:as )?['\"]"),
)
_PLURAL = re.compile(r"\b(?:trio|three|four|five|six|seven|eight|nine|ten|two|both|each)\b[^.]{0,80}?"
                     r"\b(?:PDUs|services|units|areas|YOSs|YJSs|CRCs|divisions)\b", re.IGNORECASE)


@dataclass
class UnitFinding:
    name: str | None = None
    clue: str = ""  # where the name was read
    several: list[str] = field(default_factory=list)  # when the text is about several units: their names


def clean_name(raw: str) -> str | None:
    """A candidate unit name with what follows it on the line (publisher, date, page number) cut off."""
    text = " ".join(raw.replace("\t", " ").split())
    stop = _STOP.search(text)
    if stop:
        text = text[: stop.start()]
    text = re.sub(r"(?<=[a-z])(?=HM Inspectorate)", " ", text)
    text = re.sub(r"\s*\([^)]*$", "", text).strip(" .,:;–-·")  # a bracket the line cut off: "Ynys Môn (justiceinspec"
    if len(text) < 2 or len(text) > 100 or not text[:1].isupper() or text.lower().startswith(("published", "hmi ")):
        return None
    return text if fold(text) else None  # "The YOS" names the kind of unit, not the unit


def _title(text: str) -> tuple[str | None, str]:
    lines = text[:8000].split("\n")
    head = "\n".join(lines)
    for pattern in _TITLES:
        for match in pattern.finditer(head):
            name = clean_name(match.group(1))
            if name is None and match.group(1).strip() in ("", ":"):  # the name is on the next lines
                after = head[match.end():].lstrip("\n").split("\n")
                name = clean_name(" ".join(line.strip() for line in after[:3] if line.strip() and len(line) < 60
                                           and not _STOP.match(line.strip())))
            if name:
                return name, match.group(0).strip()[:120]
    return None, ""


def several_units(text: str) -> list[str]:
    """The units a text is about when it is about several ("X PDU, Y PDU and Z PDU each received …")."""
    for sentence in text[:6000].split("\n"):
        if _PLURAL.search(sentence) or re.search(r"\b(?:each|both)\b", sentence):
            names = named_units(sentence)
            if len({fold(n) for n in names}) >= 2 and re.search(r"\brat(?:ed|ing)\b|\bscored?\b", sentence):
                return names
    return []


def _with_kind(name: str, sentence: str) -> str:
    """A bare place ("Wigan", from "The probation service, or Probation Delivery Unit (PDU*), in Wigan has been
    rated …") named as the inspectorate names the unit ("Wigan PDU"), the kind taken from the same sentence."""
    if unit_kind(name) is not None:
        return name
    for suffix, pattern in (("PDU", r"Probation Delivery Unit|\bPDU"), ("YJS", r"youth justice service"),
                            ("YOS", r"youth offending (?:service|team)")):
        if re.search(pattern, sentence, re.IGNORECASE):
            return f"{name} {suffix}"
    return name


def find_unit(text: str, sentences: list[str]) -> UnitFinding:
    """The unit the text is about, and where that was read. A report's title names one unit; a press release
    whose sentences rate several units names none of them."""
    name, clue = _title(text)
    if name is None and (match := _COVER_UNIT.search(text[:8000])):
        name, clue = match.group(1).strip(), match.group(0).split("\n")[0].strip()
    if name is not None:
        return UnitFinding(name, clue)
    several = several_units(text)
    for sentence in sentences[:40]:
        candidate = next((found for pattern in _SUBJECTS if (m := pattern.search(sentence))
                          and (found := clean_name(m.group(1)))), None)
        if candidate:
            if several and fold(candidate) in {fold(n) for n in several}:
                break
            return UnitFinding(_with_kind(candidate, sentence), sentence[:120])
    if several:
        return UnitFinding(None, "", several)
    if (match := _NATIONAL.search(text[:4000])) and "national" in text[:4000].lower():
        return UnitFinding(match.group(0), match.group(0))
    return UnitFinding()
