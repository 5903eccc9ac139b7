"""Is a text the inspectorate's writing, what kind of document is it, and which inspection programme
(framework) is it about — each decided by clues in the text that the found notes then name.

A text with no sign of an inspectorate publication (a Makefile, a README, any other text) is refused
with what it appears to be; a mention of the inspectorate is not enough, the text must have the shape of
its reports, web pages or press releases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INSPECTORATE = r"(?:HM|Her Majesty['’]s|His Majesty['’]s) ?Inspectorate of Probation|HMI Probation"
# Signs of the inspectorate's own documents, near their start: a report's title, a press release's
# opening, the web page's foreword, a cover line.
_SIGNS = (
    re.compile(r"^\W{0,3}(?:An )?[Ii]nspection of (?:probation services|youth offending services|youth justice "
               r"(?:services|work)|Probation Services|[A-Z][\w ,&'-]{1,80} (?:Community Rehabilitation Company|"
               r"Youth Offending Service|National Probation Service))", re.MULTILINE),
    re.compile(r"^\W{0,3}(?:Dynamic Inspection of Public Protection|National Inspection\b)", re.MULTILINE),
    re.compile(rf"(?:following (?:an?|the|our) (?:recent |routine |full )?inspection by|conducted a (?:routine |full )?"
               rf"(?:inspection|visit) of[^.]{{0,120}}|inspected by) (?:{_INSPECTORATE})?", re.IGNORECASE),
    re.compile(rf"(?:{_INSPECTORATE}) (?:inspection|report) (?:of|on|into) ", re.IGNORECASE),
    re.compile(r"\bassessed by (?:probation )?inspectors\b|\baccording to (?:probation )?inspectors\b", re.IGNORECASE),
    re.compile(rf"(?:{_INSPECTORATE})[^.\n]{{0,60}}(?:conducted|inspected|has (?:rated|published)|found)", re.IGNORECASE),
    re.compile(r"\bChief Inspector of Probation\b"),
    re.compile(r"^Overall rating(?: for the [A-Za-z]{2,5})?:?\s+(?:Outstanding|Good|Requires improvement|Inadequate)\b",
               re.MULTILINE | re.IGNORECASE),
)
_REPORT_SHAPE = re.compile(r"^\W{0,3}(?:Foreword|Chief Inspector['’]s judge?ment|Contents|Ratings|Recommendations)"
                           r"(?:\s*\(Back to top\))?\s*$", re.MULTILINE | re.IGNORECASE)


def is_inspectorate_text(text: str) -> bool:
    head = text[:20000]
    if any(sign.search(head) for sign in _SIGNS):
        return True
    return bool(_REPORT_SHAPE.search(head)) and bool(re.search(_INSPECTORATE, head))


def what_it_looks_like(text: str, name: str) -> str:
    """A few words for a refusal: what a text that is not the inspectorate's appears to be."""
    lowered = name.lower()
    lines = [line for line in text[:20000].split("\n") if line.strip()]
    if lowered in ("makefile", "gnumakefile") or sum(bool(re.match(r"^[\w.-]+:( |$)", line)) for line in lines) >= 2 \
            and any(line.startswith("\t") for line in lines):
        return "a Makefile"
    if lowered.startswith("readme") or sum(line.startswith("#") for line in lines) >= 2:
        return "a README or other Markdown document"
    if sum(bool(re.match(r"\s*(?:def |class |import |from \S+ import |function |const |#include)", line))
           for line in lines) >= 2:
        return "program source code"
    if lines and lines[0].count(",") >= 2 and sum(line.count(",") == lines[0].count(",") for line in lines[:20]) >= 3:
        return "a table of comma-separated values"
    return "text that is not a report, web page or press release of HM Inspectorate of Probation"


def document_kind(text: str) -> str:
    """"report" (a report or its web page), or "press release" (the inspectorate's news about one)."""
    head = text[:4000]
    if re.search(r"^\W{0,3}(?:An )?[Ii]nspection of |^Foreword|^Contents|Single Inspection Report|"
                 r"^Dynamic Inspection of|^National Inspection", head, re.MULTILINE):
        return "report"
    if re.search(r"Chief Inspector of Probation[^.\n]{0,40} said|following an inspection by|has received an overall"
                 r"|conducted a (?:routine )?inspection of", head, re.IGNORECASE):
        return "press release"
    return "report"


@dataclass(frozen=True)
class Programme:
    framework_id: str
    clue: str  # the words that decided it
    assumed: bool = False  # True when the text gives no clue that settles it (said in the found notes)


def _find(pattern: str, text: str, flags: int = re.IGNORECASE) -> str | None:
    match = re.search(pattern, text, flags)
    return match.group(0) if match else None


# The inspectorate describes itself in every report ("the independent inspector of youth offending and
# probation services"): words that say nothing about the programme of this inspection.
_BOILERPLATE = re.compile(r"inspector of youth (?:offending|justice) and probation services|probation and youth "
                          r"offending service work", re.IGNORECASE)
_TITLE_LINE = re.compile(r"^\W{0,3}(?:An )?[Ii]nspection of [^\n]{3,200}$|^\W{0,3}Dynamic Inspection[^\n]{3,200}$|"
                         r"^\W{0,3}National Inspection[^\n]{0,80}$", re.MULTILINE)


# The kind of the unit a text is about decides the programme's family before any other word in it.
_KIND_CLUES = {"PDU": "Probation Delivery Unit", "CRC": "Community Rehabilitation Company",
               "NPS division": "National Probation Service", "YOS": "youth offending service",
               "YJS": "youth justice service", "region": "Probation Services – region",
               "national": "National Inspection HMPPS"}


# The 2025 youth programme rates work with victims as a third area beside organisational delivery and children.
_YOUTH_2025 = r"youth justice work with children and victims|work with children and victims|quality of (?:the )?work " \
              r"(?:done )?with victims"


def programme(text: str, year: int | None, unit_kind: str | None = None) -> Programme | None:
    """The framework a text is about: from the kind of its unit when known, else from its words (its
    title first); None when it names no programme."""
    body = _BOILERPLATE.sub(" ", text[:20000])
    if re.search(r"^\W{0,3}Dynamic Inspection of Public Protection", body, re.MULTILINE):
        return Programme("hmip-probation-dynamic-2025", "Dynamic Inspection of Public Protection")
    if unit_kind in _KIND_CLUES and not re.search(_YOUTH_2025, body):
        found = _programme(_KIND_CLUES[unit_kind], year, body)
        if found is not None:
            return found
    title = _TITLE_LINE.search(body)
    found = _programme(title.group(0), year, body) if title else None
    return found or _programme(body, year, body)


def _programme(head: str, year: int | None, body: str) -> Programme | None:
    if clue := _find(r"Dynamic Inspection of Public Protection in [A-Z]", head, 0):
        return Programme("hmip-probation-dynamic-2025", clue)
    if clue := _find(_YOUTH_2025, head):
        return Programme("hmip-youth-2025", clue)
    if clue := _find(r"National Inspection\b[^\n]{0,30}|national arrangements", head, 0):
        if re.search(r"HMPPS|Prison and Probation Service", body):
            return Programme("hmip-probation-national-2025", clue)
    if clue := _find(r"youth offending services?|youth offending team|\bYOS\b|\bYOT\b|youth (?:and )?justice (?:and "
                     r"prevention )?services?|\bYJS\b|\bY&JS\b", head):
        # "His Majesty's" Inspectorate: written after September 2022, when every youth inspection used the
        # refreshed standards (the 2025 programme's "work with children and victims" is recognised above)
        if victims := _find(_YOUTH_2025, body):  # the title says youth justice; the body, which programme
            return Programme("hmip-youth-2025", victims)
        refreshed = _find(r"\b13 standards\b|resettlement[^.]{0,60}rated|out-of-court disposal policy|"
                          r"His Majesty['’]s Inspectorate of Probation", body)
        if refreshed or (year is not None and year >= 2022) or _find(r"Martin Jones|Sue McAllister", body, 0):
            return Programme("hmip-youth-2021", refreshed or f"{clue}, {year or 'after 2021'}")
        if year is not None or _find(r"\b12 aspects\b|joint working", body):
            return Programme("hmip-youth-2018", f"{clue}, {year}" if year else clue)
        return Programme("hmip-youth-2018", clue, assumed=True)
    if clue := _find(r"Community Rehabilitation Company|\bCRC\b|National Probation Service|\bNPS\b", head, 0):
        return Programme("hmip-probation-crc-nps-2018", clue)
    if clue := _find(r"Probation Services\s*[–-]\s*(?:[A-Z][\w ,&]{1,60} )?region|overall regional rating|"
                     r"regional inspection", head):
        return Programme("hmip-probation-regional-2024", clue)
    if clue := _find(r"Probation Delivery Units?|\bPDUs?\b", head, 0):
        if second := _find(r"out (?:of )?a (?:total of |possible )?27\b|\b27 inspection points|five (?:of our )?case "
                           r"quality standards", body):
            return Programme("hmip-probation-pdu-2021", second)
        if second := _find(r"\bP ?[12]\.\d\b|(?:four|all four)(?: of our)? (?:service delivery )?standards|"
                           r"score[: ]+\d{1,2}/21\b|Martin Jones|Sue McAllister", body):
            return Programme("hmip-probation-pdu-2023", second)
        if year is not None:
            return Programme("hmip-probation-pdu-2023" if year >= 2024 else "hmip-probation-pdu-2021",
                             f"{clue}, published {year}")
        if second := _find(r"Justin Russell", body, 0):
            return Programme("hmip-probation-pdu-2021", second)
        return Programme("hmip-probation-pdu-2023", clue, assumed=True)
    return None
