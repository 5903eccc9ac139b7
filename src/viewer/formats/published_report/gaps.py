"""Service gaps: where the report says provision is missing, weak or uneven.

They are read from the places the inspectorate writes about gaps: the areas for improvement of
P 1.3 Services and of Diversity and inclusion, the Services summary, and what people on probation
told User Voice they found difficult to get. Each sentence is filed under the areas it names
(accommodation, women, mental health, ...); a gap keeps those sentences as its evidence and the
figures read from them. Nothing is summarised: a gap's description stays empty.
"""

from __future__ import annotations

import re

from viewer.formats.published_report.figures import sentences
from viewer.formats.published_report.sections import Section, section_findings
from viewer.model.inspection import Figure, ServiceGap

# (area, title, words that put a sentence in the area)
GAP_AREAS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (area, title, re.compile(words, re.IGNORECASE)) for area, title, words in (
        ("accommodation", "Accommodation", r"accommodation|housing|homeless|\bCAS3\b"),
        ("women", "Services for women", r"\bwomen|\bfemales?\b"),
        ("ethnic_minorities", "Services for ethnic minorities", r"\bethnic"),
        ("young_adults", "Services for young adults", r"\byoung adults?\b"),
        ("mental_health", "Mental health support", r"\bmental health\b"),
        ("finance_benefit_debt", "Finance, benefit and debt advice", r"\bfinance\b|\bbenefits? advice|\bdebt\b"),
        ("education_training_employment", "Education, training and employment support",
         r"\beducation, training and employment\b|\bemployment support\b"),
        ("equitable_services_across_offices", "Uneven services across offices",
         r"\bequitable\b|inconsistencies across|across (?:the|some|all) (?:\w+ )?offices\b"),
        ("crs_underuse", "Commissioned rehabilitative services (CRS) under-used", r"\bCRS\b"),
        ("service_coordination", "Services not well used or coordinated",
         r"coordinat|best available resources|monitoring the effectiveness"),
        ("protected_characteristics_strategy", "Diverse needs and protected characteristics",
         r"protected characteristics|diverse needs|disproportionality"),
    )
)
OTHER_AREA = ("other", "Other gaps in services")
_GAP_WORDS = re.compile(r"\bgaps?\b|\black\b|insufficient|limited|not always|inconsisten|difficult|barriers?\b",
                        re.IGNORECASE)


def _gap_sentences(sections: list[Section]) -> list[tuple[Section, list[str]]]:
    """(section, sentences of one finding) in report order, from the parts that describe gaps."""
    found: list[tuple[Section, list[str]]] = []
    for section in sections:
        findings = section_findings(section.blocks)
        if section.standard == "P1.3" or section.kind == "diversity":
            for item in findings.lists.get("areas_for_improvement", []):
                found.append((section, sentences(item)))
        if section.standard == "P1.3":
            found.extend((section, [s]) for p in findings.paragraphs for s in sentences(p) if _GAP_WORDS.search(s))
        if section.kind == "user_voice":
            items = findings.paragraphs + findings.lists.get("unlabelled", [])
            found.extend((section, [s]) for p in items for s in sentences(p) if "difficult" in s.lower())
    return found


def read_service_gaps(sections: list[Section], figures: tuple[Figure, ...]) -> tuple[ServiceGap, ...]:
    evidence: dict[str, list[tuple[Section, str]]] = {}
    for section, finding in _gap_sentences(sections):
        filed = False
        for sentence in finding:
            for area, _, words in GAP_AREAS:
                if words.search(sentence):
                    evidence.setdefault(area, []).append((section, sentence))
                    filed = True
        if not filed and finding:
            evidence.setdefault(OTHER_AREA[0], []).append((section, finding[0]))
    titles = {area: title for area, title, _ in GAP_AREAS} | {OTHER_AREA[0]: OTHER_AREA[1]}
    gaps = []
    for area, items in evidence.items():
        texts = tuple(dict.fromkeys(sentence for _, sentence in items))
        standard = next((s.standard for s, _ in items if s.standard), None)
        sentences_of_gap = set(texts)
        figure_ids = tuple(f.id for f in figures if f.sentence in sentences_of_gap)
        gaps.append(ServiceGap(area=area, title=titles[area], evidence=texts, standard=standard,
                               figure_ids=figure_ids))
    return tuple(gaps)
