"""Units' names: one unit whatever the wording ("Leeds Probation Delivery Unit (PDU)" is "Leeds PDU") and the
kind of unit a name says it is. Used by the report importer and the library of published outcomes; kept
here, light and free of the importer's many patterns, so reading the library does not load the importer."""

from __future__ import annotations

import re


def fold(name: str) -> str:
    """A unit's name reduced to its place: "Leeds Probation Delivery Unit (PDU)" and "Leeds PDU" fold alike."""
    text = re.sub(r"\([^)]*\)|\*", " ", name.lower().replace("&", " and "))
    text = re.sub(r"\b(?:probation delivery units?|pdus?|community rehabilitation company|crc|(?:youth|young people['’]?s|"
                  r"children and young people['’]?s)(?: [a-z]+){0,4}? (?:services?|team|partnership)|yos|yot|yjs|y and js|"
                  r"national probation service|nps|"
                  r"division|region|probation services?|and|the|of|in|upon)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def unit_kind(name: str | None) -> str | None:
    """PDU, CRC, NPS division, YOS, YJS, region or national, from the words of a unit's name."""
    if not name:
        return None
    for kind, pattern in (("PDU", r"\bPDUs?\b|Probation Delivery Unit"), ("CRC", r"\bCRC\b|Community Rehabilitation"),
                          ("NPS division", r"\bNPS\b|National Probation Service"),
                          ("YOS", r"\bYO[ST]\b|Youth Offending"), ("YJS", r"\bYJ[SP]\b|\bY&JS\b|Youth (?:and )?Justice"),
                          ("national", r"HMPPS|Prison and Probation Service"), ("region", r"\b[Rr]egion\b")):
        if re.search(pattern, name):
            return kind
    return None
