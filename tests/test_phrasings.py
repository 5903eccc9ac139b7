"""How the inspectorate states a unit and its overall rating, in the phrasings of its press releases
(2018-2025): each written here in the inspectorate's style, with the rating it states — or none, where
the sentence is about a standard, another unit, or a rating the unit escaped."""

from __future__ import annotations

import pytest

from viewer.formats.published_report import parse_report_text

HEAD = ""
# how the inspectorate's press releases go on: what marks them as its writing, and nothing about ratings
TAIL = ("\n\nDame Glenys Stacey, HM Chief Inspector of Probation, said: \"The staff are committed to the children "
        "they work with.\"\n\nNotes to editors\n\nHM Inspectorate of Probation is the independent inspector of "
        "youth justice and probation services in England and Wales.")


@pytest.mark.parametrize("text, unit, rating", [
    ("Northshire youth offending team - must improve\n\nHM Inspectorate of Probation led a routine inspection of "
     "Northshire Youth Offending Team (YOT).\n\nThe Inspectorate has given Northshire YOT a 'Requires improvement' "
     "rating - its second-lowest mark.", "Northshire Youth Offending Team (YOT)", "Requires improvement"),
    ("Westshire Youth Offending Service (YOS) in the West Midlands was assessed by probation inspectors as good "
     "overall, with some outstanding areas of practice.", "Westshire Youth Offending Service (YOS)", "Good"),
    ("Eastshire Youth Justice Service (YJS) in North Wales was found by inspectors to be good overall, with many "
     "impressive areas of practice.", "Eastshire Youth Justice Service (YJS)", "Good"),
    ("Southshire Community Rehabilitation Company (CRC) needs to improve its work to protect victims, according to "
     "inspectors. Weaknesses in planning led inspectors to assess it overall as 'Requiring Improvement.'",
     "Southshire Community Rehabilitation Company (CRC)", "Requires improvement"),
    ("HM Inspectorate of Probation conducted a routine inspection of Upshire Youth Justice Service, which works with "
     "10 to 18-year-olds. Inspectors looked at 12 aspects of their work and gave the service a 'Requires "
     "improvement' rating.", "Upshire Youth Justice Service", "Requires improvement"),
    ("Inspectors assessed NPS Downshire as 'Good' overall.", None, "Good"),
])
def test_a_stated_overall_rating_is_read(text, unit, rating):
    inspection = parse_report_text(HEAD + text + TAIL).inspection
    assert inspection.overall.rating is not None and inspection.overall.rating.label == rating
    if unit:
        assert inspection.unit.name == unit


@pytest.mark.parametrize("text", [
    # a standard's rating, not the overall one
    "Northshire YJS\n\nThe Inspectorate awarded Northshire YJS an 'Outstanding' rating for the quality of its "
    "partnerships and services.",
    # a rating the unit escaped
    "Northshire YOT\n\nThe Chief Inspector said eight standards were judged 'Inadequate' and the service was only "
    "rescued from an overall 'Inadequate' rating by its out-of-court work.",
    # "good" in prose, not about the whole unit
    "Northshire YOS\n\nInspectors found the work with court orders was good and staff were good at engaging children.",
])
def test_what_is_not_the_units_overall_rating_is_not_taken(text):
    assert parse_report_text(HEAD + text + TAIL).inspection.overall.rating is None


def test_a_sentence_about_staff_is_not_a_units_name():
    text = HEAD + ("Northshire Youth Offending Team 'Requires improvement'\n\nInspectors found staff at Northshire YOT "
                   "were skilled and motivated, but too stretched.")
    assert parse_report_text(text + TAIL).inspection.unit.name != "Inspectors found staff at Northshire YOT"


def test_a_youth_page_about_victims_work_is_the_2025_programme():
    text = ("An inspection of youth justice services in Northshire\n\nForeword\n\nIn this inspection we have inspected "
            "and rated Northshire YJS across three broad areas: the arrangements for organisational delivery of the "
            "service, the quality of work done with children working with the YJS and the quality of work done with "
            "victims.\n\nOverall, Northshire YJS was rated as 'Good'.")
    inspection = parse_report_text(text).inspection
    assert inspection.framework_id == "hmip-youth-2025" and inspection.overall.rating.label == "Good"
