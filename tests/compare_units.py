"""Made-up units to compare, built from the bundled sample (a helper module, not a test module)."""

from __future__ import annotations

from dataclasses import replace

from viewer.formats.inspection_file import load_inspection
from viewer.model.framework import load_framework
from viewer.model.inspection import OverallPublished, Unit
from viewer.model.rating_rules import assess
from viewer.model.ratings import Rating
from viewer.resource_files import sample_path

G, RI, I, O = Rating.GOOD, Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE, Rating.OUTSTANDING
CODES = ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]


def variant(base, name, region, ratings, percents, overall, score, published="2024-09"):
    """A copy of ``base`` for another unit: other ratings, key-question percentages and overall."""
    standards = []
    for s in base.standards:
        questions = s.key_questions
        if s.code in percents:
            questions = tuple(replace(q, percent_yes=p) for q, p in zip(questions, percents[s.code]))
        standards.append(replace(s, rating=ratings.get(s.code, s.rating), key_questions=questions))
    return replace(base, unit=Unit(name, "PDU", region), standards=tuple(standards),
                   overall=OverallPublished(overall, score), report=replace(base.report, published=published))


def make_three():
    """Hertfordshire (East of England, RI 4/21), Kent (South East, Good 13/21), Essex (East of England,
    RI published 5/21 where the rules give 4/21)."""
    herts = load_inspection(sample_path())
    framework = load_framework(herts.framework_id)
    kent = variant(herts, "Kent PDU", "South East",
                   {"P1.1": G, "P1.2": G, "P1.3": RI, "P2.1": G, "P2.2": RI, "P2.3": G, "P2.4": O},
                   {"P2.1": (80, 70, 66), "P2.2": (70, 60, 75), "P2.3": (85, 72, 68), "P2.4": (90, 85, 82)}, G, 13)
    essex = variant(herts, "Essex PDU", "East of England",
                    {"P1.1": I, "P1.2": RI, "P1.3": I, "P2.1": RI, "P2.2": I, "P2.3": RI, "P2.4": RI},
                    {"P2.1": (60, 55, 50), "P2.2": (50, 45, 48), "P2.3": (62, 58, 51), "P2.4": (70, 66, 55)}, RI, 5)
    return [(x, assess(x, framework)) for x in (herts, kent, essex)]


def other_framework_entry(base_entries):
    """A hand-made inspection under another framework id (no framework file is added)."""
    framework = load_framework("hmip-probation-pdu-2023")
    other = replace(framework, id="hmip-youth-2019", name="Youth inspections (2019 framework)")
    inspection = replace(base_entries[1][0], framework_id=other.id, unit=Unit("Medway YOS", "YOS", "South East"))
    return inspection, assess(inspection, other)
