"""Build the library of published outcomes from the stored source texts, with the viewer's own importer.

Each stored source (the opening of a report page or press release, ``resources/outcomes/sources/``) is
imported as any text of the inspectorate would be: the unit, its overall rating and score, the month
of publication, each with the words that state it. What the importer cannot take — the other units of
a press release about several, a standard's rating stated in prose, a region, a year that only the
page's address gives — comes from a reviewed overrides file, every entry with its quotation. Records
about the same inspection (a report page and its press release) are merged; where two sources state
different values, both are kept with their quotations and the value is left empty: never picked.

``make library`` (``python -m viewer.library.build``) writes one inspection file per inspection into
``resources/outcomes/library/``; a test rebuilds it and checks the files are identical.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from viewer.formats.errors import LoadError
from viewer.formats.files import slug
from viewer.formats.inspection_file import save_inspection
from viewer.formats.published_report import parse_report_text
from viewer.formats.published_report.quotes import locate
from viewer.model.unit_names import fold
from viewer.model.unit_names import unit_kind
from viewer.library.load import kind_family
from viewer.model.framework import load_framework
from viewer.model.inspection import (
    Inspection, agreed_value, OverallPublished, Quote, ReportInfo, SourceDocument, Standard, Unit,
)
from viewer.model.ratings import match_rating
from viewer.resource_files import resource_path

# The index's kinds of source, as the inspection file names them: a report page is the report's own text;
# a press release or news story is the inspectorate's news about it.
DOCUMENT = {"report-page": "report", "press-release": "press release", "news": "press release"}
_STANDARD_FIELD = re.compile(r"standards\.(.+)\.rating")
_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?:/(\d\d))?(?!\d)")


@dataclass
class Record:
    """What one source states about one unit: each field's (value, quote, in_address)."""

    source: str
    unit: str
    framework: str
    kind: str | None
    own: bool = False  # the source's own unit (its report page or its press release), not one it mentions
    values: dict[str, list[tuple[str, str, bool]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, value: str, quote: str, in_address: bool = False) -> None:
        if (value, quote, in_address) not in self.values[name]:
            self.values[name].append((value, quote, in_address))

    @property
    def year(self) -> str | None:
        published = self.values.get("report.published")
        return published[0][0][:4] if published else None


def outcomes_dir() -> Path:
    return resource_path("outcomes")


def unit_key(name: str, kind: str | None = None) -> str:
    """The same unit whatever the order of its place names ("South Tyneside and Gateshead" is "Gateshead and
    South Tyneside"), and of the same kind: Wales CRC is not the Wales NPS division. Youth offending and youth
    justice services are one kind, since many services renamed themselves from one to the other."""
    if kind == "national":  # one national unit, however a source names it
        return "national:"
    return (kind_family(kind) or "") + ":" + " ".join(sorted(fold(name).split()))


def load_index(folder: Path) -> list[dict]:
    return json.loads((folder / "sources.json").read_text(encoding="utf-8"))


def load_overrides(folder: Path) -> dict[str, list[dict]]:
    by_source: dict[str, list[dict]] = defaultdict(list)
    for entry in json.loads((folder / "overrides.json").read_text(encoding="utf-8")):
        by_source[entry["source"]].append(entry)
    return by_source


def _imported(slug_: str, text: str) -> tuple[Record | None, str | None]:
    """The importer's record of the text's own unit, with the words behind each value (None when the text
    names no single unit), and the programme it recognised (None when it recognised none)."""
    try:
        result = parse_report_text(text, source=slug_)
    except LoadError:
        return None, None
    inspection = result.inspection
    if not inspection.unit.name:
        return None, inspection.framework_id
    record = Record(slug_, inspection.unit.name, inspection.framework_id, inspection.unit.kind, own=True)
    for name, value, fragment in result.evidence:
        quote = locate(text, fragment)
        if quote is not None:
            record.add(name, value, quote)
    clue = next((line for line in result.found if line.startswith("framework ") and "(from '" in line), "")
    quote = locate(text, clue.split("(from '", 1)[1][:-2]) if clue else None
    if quote:
        record.add("framework", inspection.framework_id, quote)
    return (record if "unit.name" in record.values else None), inspection.framework_id


def _from_override(entry: dict, text: str, url: str, default_framework: str | None) -> Record:
    framework = entry.get("framework") or default_framework
    if framework is None:
        raise ValueError(f"{entry['source']}: no framework for {entry['unit']}")
    record = Record(entry["source"], entry["unit"], framework, entry.get("kind") or unit_kind(entry["unit"]))
    for value in entry["values"]:
        where = url if value.get("in_address") else text
        if value["quote"] not in where:
            raise ValueError(f"{entry['source']}: the quotation for {value['field']} is not in the "
                             f"{'address' if value.get('in_address') else 'stored text'}: {value['quote']!r}")
        record.add(value["field"], str(value["value"]), value["quote"], bool(value.get("in_address")))
    return record


def _merge_reviewed(own: Record, reviewed: Record, drop: list[str]) -> None:
    """The reviewed entry for a source's own unit, added to what the importer read: its name is the reviewed
    one ("Kirklees PDU", not the text's "… (PDU)*"), its programme wins (with its clue, not the importer's),
    and the values the review found misread (``drop``) go."""
    for name in drop:
        own.values.pop(name, None)
    if reviewed.framework != own.framework:
        own.values.pop("framework", None)
        own.framework = reviewed.framework
    for name, values in reviewed.values.items():
        for value, quote, in_address in values:
            own.add(name, value, quote, in_address)
    own.unit = reviewed.unit


def records(folder: Path) -> tuple[list[Record], dict[str, dict]]:
    """Every source's records, and the sources by id (with their texts)."""
    overrides = load_overrides(folder)
    found: list[Record] = []
    sources: dict[str, dict] = {}
    for meta in load_index(folder):
        text = (folder / "sources" / f"{meta['slug']}.txt").read_text(encoding="utf-8")
        sources[meta["slug"]] = {**meta, "text": text}
        own, recognised = _imported(meta["slug"], text)
        extra = [_from_override(e, text, meta.get("url") or "", recognised) for e in overrides.get(meta["slug"], ())]
        if own is None and extra:
            extra[0].own = True  # the reviewed entries list the source's own unit first
        for record, entry in zip(extra, overrides.get(meta["slug"], ())):
            if own is not None and unit_key(record.unit, record.kind) == unit_key(own.unit, own.kind):
                _merge_reviewed(own, record, entry.get("drop", ()))
            else:
                found.append(record)
        if own is not None:
            found.append(own)
    return found, sources


def _groups(all_records: list[Record]) -> list[list[Record]]:
    """Records about one inspection: the same unit, framework and year (a record without a year joins the
    unit's only inspection under that framework, and stays apart when there are several)."""
    by_unit: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in all_records:
        by_unit[(unit_key(record.unit, record.kind), record.framework)].append(record)
    groups: list[list[Record]] = []
    for members in by_unit.values():
        by_year: dict[str | None, list[Record]] = defaultdict(list)
        for record in members:
            by_year[record.year].append(record)
        undated = by_year.pop(None, [])
        if undated and len(by_year) == 1:
            next(iter(by_year.values())).extend(undated)
        elif undated:
            groups.append(undated)
        groups.extend(by_year.values())
    return groups


def inspection_of(group: list[Record], sources: dict[str, dict]) -> Inspection:
    values: dict[str, list[tuple[str, str, bool, str]]] = defaultdict(list)
    for record in group:
        for name, stated in record.values.items():
            values[name] += [(v, q, a, record.source) for v, q, a in stated]

    def agreed(name: str) -> str | None:  # both quotations are kept where sources disagree
        return agreed_value(v for v, *_ in values.get(name, ()))

    framework = load_framework(group[0].framework)
    # the shortest of the sources' names for it ("Leeds PDU" rather than "Leeds Probation Delivery Unit (PDU)*")
    name = min((r.unit.rstrip("*").strip() for r in group), key=lambda n: (len(n), n))
    rating = agreed("overall.rating")
    score = agreed("overall.score")
    standards = []
    for key in sorted(values):
        if (match := _STANDARD_FIELD.fullmatch(key)) and (label := agreed(key)):
            definition = framework.definition(match.group(1))
            standards.append(Standard(match.group(1), definition.name if definition else None,
                                      match_rating(label)[0]))
    used = sorted({source for stated in values.values() for *_, source in stated})
    # the address shown for the inspection: its report page, else a source about it alone
    home = min(group, key=lambda r: (sources[r.source]["document_type"] != "report-page", not r.own, r.source))
    quotes = tuple(Quote(name_, value, quote, source, in_address)
                   for name_ in sorted(values) for value, quote, in_address, source in values[name_]
                   if not _within_another(quote, [q for v, q, a, s in values[name_]
                                                  if (v, a, s) == (value, in_address, source)]))
    document = {DOCUMENT[sources[s]["document_type"]] for s in used}
    published = agreed("report.published")
    return Inspection(
        framework_id=framework.id,
        unit=Unit(name, group[0].kind or unit_kind(name), agreed("unit.region")),
        report=ReportInfo(published=published, framework_note=None if "framework" in values else
                          _programme_note(framework.name, published), url=sources[home.source].get("url"),
                          document="report" if "report" in document else "press release"),
        overall=OverallPublished(match_rating(rating)[0] if rating else None,
                                 int(score) if score is not None else None),
        standards=tuple(standards),
        sources=tuple(SourceDocument(s, sources[s].get("url"), DOCUMENT[sources[s]["document_type"]], sources[s]["text"])
                      for s in used),
        quotes=quotes,
    )


def _within_another(quote: str, same: list[str]) -> bool:
    """True when a longer quotation of the same value from the same source already contains this one."""
    return any(quote != other and quote in other for other in same)


def _programme_note(name: str, published: str | None) -> str:
    """Said wherever no sentence of a source names the programme: how it was decided instead."""
    if published:
        return (f"Programme inferred, not stated: {name}, from the kind of unit and the year of publication "
                f"({published[:4]}).")
    return (f"Programme assumed, not stated: {name}. No source gives the year or a clue that settles it; "
            "the ratings are as published, but the programme may be the one before or after.")


def _has_outcome(inspection: Inspection) -> bool:
    return inspection.overall.rating is not None or inspection.overall.score is not None or bool(
        inspection.standards) or any(q.field in ("overall.rating", "overall.score") for q in inspection.quotes)


def build(folder: Path | None = None) -> list[Inspection]:
    folder = folder or outcomes_dir()
    all_records, sources = records(folder)
    # a report's opening that stops before its ratings is no outcome: it stays out of the library
    inspections = [i for i in (inspection_of(group, sources) for group in _groups(all_records)) if _has_outcome(i)]
    return sorted(inspections, key=lambda i: (unit_key(i.unit.name or ""), i.report.published or "", i.framework_id))


def entry_id(inspection: Inspection, taken: set[str]) -> str:
    year = (inspection.report.published or "")[:4]
    base = slug(f"{inspection.unit.name} {year or 'undated'}")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def write_library(inspections: list[Inspection], target: Path) -> list[Path]:
    """One inspection file per inspection (written atomically); files of inspections no longer built go."""
    target.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = []
    for inspection in inspections:
        path = target / f"{entry_id(inspection, taken)}.json"
        save_inspection(replace(inspection, source_path=None), path)
        written.append(path)
    for stale in set(target.glob("*.json")) - set(written):
        stale.unlink()
    return written


def main() -> int:
    folder = outcomes_dir()
    written = write_library(build(folder), folder / "library")
    print(f"{len(written)} inspections written to {folder / 'library'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
