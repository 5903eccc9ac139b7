"""What every record of an inspection holds, described once.

The inspection file's checks (``formats.inspection_file``) and the workbook's columns, read and written
(``formats.workbook``), are both made from these descriptions, and a test keeps the JSON Schema in
``resources/schema`` in step with them. Each record names the model dataclass it builds; values are
matched to the dataclass's fields by name, never by position in a file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property

from viewer.model.inspection import (
    FIGURE_TOPICS, KEY_QUESTION_THEMES, CaseSample, Figure, KeyQuestion, OverallPublished, Quote, Recommendation,
    ReportInfo, ServiceGap, SourceDocument, Standard, Unit,
)

# Kinds of value: text; month ("YYYY-MM", or a year); day ("YYYY-MM-DD"); texts (a list of sentences);
# ids (a list of short names); number; int (a whole number); rating (one of the four labels).
KINDS = ("text", "month", "day", "texts", "ids", "number", "int", "rating", "flag")
DOCUMENTS = ("report", "press release")
MAX_COUNT = 1_000_000_000  # counts can be populations ("1,204,588 people"); the schema says the same


@dataclass(frozen=True)
class Field:
    key: str  # the dataclass attribute and the inspection file's key
    kind: str
    help: str  # what goes in it, for people: the workbook's README sheet
    required: bool = False
    low: float | None = None
    high: float | None = None
    what: str = ""  # said after "expected a number": " (a percentage)"
    choices: tuple[str, ...] = ()
    # The same few texts on thousands of rows and files (topics, codes, section names): read as one
    # shared copy each, which keeps a folder of inspections small in memory.
    shared: bool = False
    column: str = ""  # the workbook column, when it is not the key
    # The most characters a text (or each text of a list) may have: far past any report (the longest
    # sentence in the stored sources is 467 characters, the longest line 1,678), and refused before a
    # 1 MB unit name reaches a tab or a printout (it took minutes and gigabytes).
    max_chars: int = 0  # 0: the kind's default (TEXT_LIMITS)

    @property
    def column_name(self) -> str:
        return self.column or self.key

    @property
    def most_chars(self) -> int:
        return self.max_chars or TEXT_LIMITS.get(self.kind, 0)


TEXT_LIMITS = {"text": 1_000, "texts": 20_000, "ids": 1_000, "month": 20, "day": 20}
PROSE = 20_000  # a paragraph of the report: a standard's summary, a gap's description, a sentence


@dataclass(frozen=True)
class Record:
    name: str
    type: type
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        own = {f.name for f in dataclasses.fields(self.type)}
        stray = [f.key for f in self.fields if f.key not in own]
        if stray:
            raise TypeError(f"{self.name}: {', '.join(stray)} are not fields of {self.type.__name__}")

    @cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def in_type_order(self) -> tuple[Field, ...]:
        """The described fields in the order the dataclass declares them: values given in this order
        build the dataclass positionally (fast) and still by name."""
        return tuple(self.by_key[f.name] for f in dataclasses.fields(self.type) if f.name in self.by_key)


def _count(key: str, help: str, **extra) -> Field:
    return Field(key, "int", help, low=0, high=MAX_COUNT, **extra)


UNIT = Record("unit", Unit, (
    Field("name", "text", "the unit inspected, e.g. Hertfordshire PDU (empty when the source names none)",
          column="unit_name"),
    Field("kind", "text", "e.g. PDU", shared=True, column="unit_kind"),
    Field("region", "text", "e.g. East of England", shared=True),
))
REPORT = Record("report", ReportInfo, (
    Field("title", "text", "the report's title", column="report_title"),
    Field("published", "month", "month of publication as YYYY-MM, e.g. 2024-07 (YYYY when only the year is "
          "published)"),
    Field("fieldwork_start", "day", "first day of fieldwork as YYYY-MM-DD"),
    Field("url", "text", "where the report is published"),
    Field("lead_inspector", "text", "the lead inspector's name"),
    Field("document", "text", "what it was read from: report (a report or its web page) or press release",
          choices=DOCUMENTS, shared=True),
    Field("framework_note", "text", "how the programme was decided when no source sentence names it"),
))
OVERALL = Record("overall", OverallPublished, (
    Field("rating", "rating", "the overall rating printed in the report", column="overall_rating"),
    # The framework sets the top of the range; the readers check it against the framework's maximum.
    Field("score", "int", "the score printed in the report, e.g. 4 (out of 21)", low=0, high=MAX_COUNT,
          what=" for a score", column="overall_score"),
))
CASES = Record("cases", CaseSample, (
    _count("community_orders", "community orders inspected"),
    _count("licences", "licence cases inspected"),
    _count("interviews", "practitioner interviews"),
))
STANDARD = Record("standard", Standard, (
    Field("code", "text", "the standard's code, e.g. P2.1", required=True, shared=True),
    Field("name", "text", "e.g. Assessment", shared=True),
    Field("rating", "rating", "Outstanding, Good, Requires improvement or Inadequate"),
    Field("statement", "text", "the standard's statement", shared=True, max_chars=PROSE),
    Field("summary", "text", "the inspectors' summary", max_chars=PROSE),
    Field("strengths", "texts", "one strength per line"),
    Field("areas_for_improvement", "texts", "one area for improvement per line"),
))
KEY_QUESTION = Record("key_question", KeyQuestion, (
    Field("question", "text", "the key question", required=True, shared=True, max_chars=PROSE),
    Field("percent_yes", "number", "percentage 'Yes', a number from 0 to 100 without the % sign", low=0, high=100,
          what=" (a percentage)"),
    Field("theme", "text", "one of " + ", ".join(KEY_QUESTION_THEMES), choices=tuple(KEY_QUESTION_THEMES),
          shared=True),
    _count("cases_yes", "cases answered 'Yes', when known"),
    _count("cases_total", "cases the percentage is of, when known"),
))
FIGURE = Record("figure", Figure, (
    Field("id", "text", "a short id, unique within the inspection", required=True, shared=True, column="figure_id"),
    Field("topic", "text", "one of " + ", ".join(FIGURE_TOPICS), required=True, choices=tuple(FIGURE_TOPICS),
          shared=True),
    Field("label", "text", "what the number is", required=True, shared=True),
    Field("value", "number", "the number, e.g. 9.6"),
    Field("unit", "text", "people, FTE, percent, cases, staff ...", shared=True),
    _count("count", "for 'x out of y': x"),
    _count("total", "for 'x out of y': y"),
    Field("standard", "text", "the standard it relates to, e.g. P1.2", shared=True),
    Field("section", "text", "the report section", shared=True),
    Field("sentence", "text", "the sentence of the report it comes from", max_chars=PROSE),
))
SERVICE_GAP = Record("service_gap", ServiceGap, (
    Field("area", "text", "a short id for the area, e.g. accommodation", required=True, shared=True),
    Field("title", "text", "a title for the gap", required=True, shared=True),
    Field("description", "text", "what is missing or weak", max_chars=PROSE),
    Field("evidence", "texts", "one piece of evidence per line"),
    Field("standard", "text", "the standard it relates to", shared=True),
    Field("figure_ids", "ids", "ids of figures (sheet 'figures'), separated by commas or line breaks"),
))
RECOMMENDATION = Record("recommendation", Recommendation, (
    Field("number", "int", "1, 2, 3 ... as numbered in the report", required=True, low=1, high=1000),
    Field("text", "text", "the recommendation", required=True, max_chars=PROSE),
    Field("standards", "ids", "standard codes, separated by commas or line breaks"),
    Field("gap_areas", "ids", "service gap areas (sheet 'service_gaps'), separated by commas or line breaks"),
))

SOURCE = Record("source", SourceDocument, (
    Field("id", "text", "a short id of the source, unique within the inspection", required=True, column="source_id"),
    Field("url", "text", "where the source is published"),
    Field("document", "text", "report (a report or its web page) or press release", choices=DOCUMENTS, shared=True),
    Field("text", "text", "the stored text of the source that the quotations come from", max_chars=2_000_000),
))
QUOTE = Record("quote", Quote, (
    Field("field", "text", "what the quotation states, e.g. overall.rating, overall.score, unit.name, "
          "standards.P2.1.rating", required=True, shared=True),
    Field("value", "text", "the value it states, as the viewer reads it", required=True),
    Field("quote", "text", "the source's words, exactly", required=True, max_chars=PROSE),
    Field("source", "text", "the id of the source (sheet 'sources')", required=True, shared=True),
    Field("in_address", "flag", "true when the value is read from the source's web address, not its text"),
))

# The records of one inspection that sit on its own row (a workbook's sheet 'inspections'), and those
# that come in lists (one sheet each).
INSPECTION_PARTS = (UNIT, REPORT, OVERALL, CASES)
LISTS = {"standards": STANDARD, "key_questions": KEY_QUESTION, "figures": FIGURE, "service_gaps": SERVICE_GAP,
         "recommendations": RECOMMENDATION}
# Where the values come from: the source texts and the words that state each value.
PROVENANCE = {"sources": SOURCE, "quotes": QUOTE}
