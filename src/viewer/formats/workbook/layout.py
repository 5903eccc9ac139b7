"""The sheets of an inspection workbook: their columns, in order, and the README sheet that explains them.

One sheet per table, each row keyed by an inspection id. The columns are the fields described once in
``model.fields`` (under their workbook names: ``unit_name``, ``figure_id`` …) after the workbook's own
keys (``id``, ``inspection_id``, ``standard_code`` …), so the inspection file and the workbook can never
disagree about what an inspection holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from viewer.model import fields as model
from viewer.model.fields import Field, Record

FORMAT_VERSION = 1

Column = Field  # a column is a field; its header is ``column_name``
# Columns added after the layout's first version: a workbook written before them may lack them (empty).
ADDED_LATER = frozenset({"document", "framework_note"})


@dataclass(frozen=True)
class Sheet:
    name: str
    help: str
    own: tuple[Column, ...]  # the workbook's own keys, first on every row
    records: tuple[Record, ...]  # the records whose fields fill the rest of the row, in order
    key: tuple[str, ...]  # columns that together must be unique

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        return self.own + tuple(f for record in self.records for f in record.fields)

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.column_name for c in self.columns)


INSPECTION_ID = Column("inspection_id", "text", "the id of the inspection (sheet 'inspections', column 'id')",
                       required=True)

SHEETS: tuple[Sheet, ...] = (
    Sheet("inspections", "one row per inspection", (
        Column("id", "text", "a short id of your choice, unique in the workbook, e.g. hertfordshire-pdu-2024-07",
               required=True),
        Column("format_version", "int", f"the layout version: {FORMAT_VERSION} (empty means {FORMAT_VERSION})",
               low=FORMAT_VERSION, high=FORMAT_VERSION),
        Column("framework", "text", "the inspection framework, e.g. hmip-probation-pdu-2023", required=True,
               shared=True),
    ), model.INSPECTION_PARTS, ("id",)),
    Sheet("standards", "one row per standard rated in an inspection", (INSPECTION_ID,), (model.STANDARD,),
          ("inspection_id", "code")),
    Sheet("key_questions", "one row per key question, in the order of the report", (
        INSPECTION_ID,
        Column("standard_code", "text", "the standard the question belongs to (sheet 'standards')", required=True,
               shared=True),
    ), (model.KEY_QUESTION,), ()),
    Sheet("figures", "one row per number quoted in a report", (INSPECTION_ID,), (model.FIGURE,),
          ("inspection_id", "figure_id")),
    Sheet("service_gaps", "one row per gap in provision", (INSPECTION_ID,), (model.SERVICE_GAP,), ()),
    Sheet("recommendations", "one row per recommendation", (INSPECTION_ID,), (model.RECOMMENDATION,),
          ("inspection_id", "number")),
    Sheet("sources", "one row per source text the quotations come from (a report page, a press release)",
          (INSPECTION_ID,), (model.SOURCE,), ("inspection_id", "source_id")),
    Sheet("quotes", "one row per quotation: the words of a source that state a value", (INSPECTION_ID,),
          (model.QUOTE,), ()),
)
# Sheets added after the layout's first version: a workbook written before them may lack them (read as empty).
OPTIONAL_SHEETS = frozenset({"sources", "quotes"})
SHEET_NAMES: tuple[str, ...] = tuple(s.name for s in SHEETS)
SHEET = {s.name: s for s in SHEETS}

README_LINES: tuple[str, ...] = (
    "Inspection Viewer workbook",
    "This workbook holds one or more inspections: one row per inspection in the sheet 'inspections', and their "
    "standards, key questions, figures, service gaps and recommendations in the sheets of those names, and "
    "the words of the published sources its values were read from in the sheets sources and quotes (optional).",
    "Every row of those sheets starts with inspection_id: the id of its inspection in the sheet 'inspections'.",
    "Row 1 of each sheet holds the column names. Keep them as they are; their order does not matter and "
    "extra columns are ignored. Rows are read in order: key questions appear in the order of their rows.",
    "An empty cell means 'not published'. Numbers are numbers: type 59, not 59%.",
    "Ratings are spelled Outstanding, Good, Requires improvement or Inadequate.",
    "Lists of texts (strengths, areas_for_improvement, evidence) hold one item per line: press Alt+Enter "
    "(Option+Return on a Mac) between items. Lists of ids (figure_ids, standards, gap_areas) are separated "
    "by commas or line breaks.",
    'A list whose items themselves hold line breaks is written as a JSON list: ["first item", "second item"].',
    "The same tables can be kept as a folder of CSV files (UTF-8), one file per sheet: inspections.csv, "
    "standards.csv, key_questions.csv, figures.csv, service_gaps.csv, recommendations.csv (and, optionally, "
    "sources.csv and quotes.csv).",
    "This README sheet is ignored when the workbook is read.",
)


def readme_rows() -> list[list[str]]:
    """The README sheet: the explanation, then one row per column of every sheet."""
    rows = [[line] for line in README_LINES] + [[], ["sheet", "column", "required", "what goes in it"]]
    for sheet in SHEETS:
        rows.append([sheet.name, "", "", sheet.help])
        rows.extend([sheet.name, c.column_name, "yes" if c.required else "", c.help] for c in sheet.columns)
    return rows


