"""The fast way through a plain inspection file: msgspec decodes and checks it in one pass of compiled code.

Checking a thousand files was dominated by the per-key checks in Python (``fields.read_record``): 0.75 s
of 1.4 s. Here the same fields (``model.fields``, through ``fields.spec``) become msgspec structures with
their types, choices and ranges, and the JSON is decoded straight into them. The result is only taken
when nothing needs a word said about it: any error, unknown key, variant spelling of a rating, unknown
standard or repeated key sends the file to the careful reader (``read.parse_inspection_text``), which
says what and where. So this module never words a message and never decides what the careful reader
would refuse; a test keeps the two readers' results equal.

msgspec rather than orjson or the standard library: decoding and checking the sample takes it about
0.4 times as long as ``json.loads`` takes only to decode it (``bench/check_many.py``).
"""

from __future__ import annotations

import re
import sys
from collections import deque
from dataclasses import dataclass, fields
from itertools import chain, repeat
from typing import Annotated, Any, Literal, Union

import msgspec
from msgspec import Meta

from viewer.formats.inspection_file import fields as spec
from viewer.formats.inspection_file.fields import FRAMEWORK_ID, MAX_MAGNITUDE, Spec
from viewer.formats.inspection_file.write import FORMAT_ID
from viewer.model import fields as model
from viewer.model.framework import FrameworkError, load_framework
from viewer.model.inspection import Inspection, Standard
from viewer.model.ratings import Rating

_BOM = b"\xef\xbb\xbf"


class _Doubt(Exception):
    """Something the careful reader must look at: this reader does not say what."""


def _value_type(field: model.Field) -> Any:
    kind = field.kind
    if kind == "text":
        return Literal[field.choices] if field.choices else Annotated[str, Meta(max_length=field.most_chars)]
    if kind == "texts":
        return tuple[Annotated[str, Meta(max_length=field.most_chars)], ...]
    if kind in ("number", "int"):
        low = field.low if field.low is not None else -MAX_MAGNITUDE
        high = field.high if field.high is not None else MAX_MAGNITUDE
        whole = Annotated[int, Meta(ge=int(low), le=int(high))]
        return whole if kind == "int" else Union[whole, Annotated[float, Meta(ge=low, le=high)]]
    if kind == "rating":
        return Rating  # the four labels exactly; a variant spelling is the careful reader's (it warns)
    if kind == "flag":
        return bool
    return Any  # "ignored": any JSON value, decoded so that a repeated key inside it is still counted


@dataclass(frozen=True)
class _Record:
    """One record of the file as a msgspec structure, and how its values become the model's dataclass."""

    struct: Any
    type: type
    size: int  # the dataclass's fields come first, in its order; ignored keys follow
    required: tuple[int, ...]  # texts that must not be blank
    shared: tuple[int, ...]  # texts read as one shared copy (``Field.shared``), as the careful reader does
    lists: tuple[int, ...]  # lists of texts: absent or null is ()
    texts: tuple[int, ...]  # texts, whose colons are counted
    required_keys: tuple[int, ...]  # keys always given
    optional: tuple[int, ...]  # keys that may be absent or null


def _record(record: model.Record, keys: Spec, extra: tuple[tuple[str, Any], ...] = ()) -> _Record:
    fields = [keys[f.key] for f in record.in_type_order]  # as the file holds them: months are texts, ids lists
    ignored = tuple(key for key, f in keys.items() if f.kind == "ignored")
    columns = [(f.key, _value_type(f)) if f.required else (f.key, _value_type(f) | None, None) for f in fields]
    columns += [(key, kind | None, None) for key, kind in extra]
    columns += [(key, Any, None) for key in ignored]
    struct = msgspec.defstruct(f"{record.name}_in_file", columns, forbid_unknown_fields=True, kw_only=True, gc=False)
    return _Record(struct, record.type, len(fields) + len(extra),
                   tuple(i for i, f in enumerate(fields) if f.required and f.kind == "text" and not f.choices),
                   # a choice is one of msgspec's own copies already
                   tuple(i for i, f in enumerate(fields) if f.shared and f.kind == "text" and not f.choices),
                   tuple(i for i, f in enumerate(fields) if f.kind == "texts"),
                   tuple(i for i, f in enumerate(fields) if f.kind == "text"),
                   tuple(i for i, f in enumerate(fields) if f.required),
                   tuple(i for i in range(len(fields) + len(extra)) if i >= len(fields) or not fields[i].required))


_KEY_QUESTION = _record(model.KEY_QUESTION, spec.KEY_QUESTION)
_STANDARD = _record(model.STANDARD, spec.STANDARD, (("key_questions", list[_KEY_QUESTION.struct]),))
_FIGURE = _record(model.FIGURE, spec.FIGURE)
_SERVICE_GAP = _record(model.SERVICE_GAP, spec.SERVICE_GAP)
_RECOMMENDATION = _record(model.RECOMMENDATION, spec.RECOMMENDATION)
_SOURCE = _record(model.SOURCE, spec.SOURCE)
_QUOTE = _record(model.QUOTE, spec.QUOTE)
_UNIT = _record(model.UNIT, spec.UNIT)
_REPORT = _record(model.REPORT, spec.REPORT)
_CASES = _record(model.CASES, spec.CASES)
_OVERALL = _record(model.OVERALL, spec.overall_fields(None, ""))  # the framework's maximum is checked after

_LISTS = {"standards": _STANDARD, "figures": _FIGURE, "service_gaps": _SERVICE_GAP,
          "recommendations": _RECOMMENDATION, "sources": _SOURCE, "quotes": _QUOTE}
_PARTS = {"unit": _UNIT, "report": _REPORT, "overall": _OVERALL, "cases": _CASES}
_ROOT = msgspec.defstruct("inspection_file", [
    ("format", str), ("framework", str), ("unit", _UNIT.struct),
    *((key, part.struct | None, None) for key, part in _PARTS.items() if key != "unit"),
    *((key, list[record.struct] | None, None) for key, record in _LISTS.items()),
    ("notes", Any, None),
], forbid_unknown_fields=True, kw_only=True, gc=False)
assert set(spec.ROOT) == {f for f in _ROOT.__struct_fields__}, "the fast reader reads every key of the file"

# Every field of each dataclass built here is read from the file (``_instances`` sets them all).
_SETTERS = {r.type: tuple(getattr(r.type, f.name).__set__ for f in fields(r.type))
            for r in (*_LISTS.values(), *_PARTS.values(), _KEY_QUESTION)}
assert all(len(_SETTERS[r.type]) == r.size for r in (*_LISTS.values(), *_PARTS.values(), _KEY_QUESTION))
_ROOT_OPTIONAL = tuple(key for key in _ROOT.__struct_fields__ if key not in ("format", "framework", "unit"))
_DECODER = msgspec.json.Decoder(_ROOT)
_ESCAPED_COLON = re.compile(rb"\\u003[aA]")


class _Tally:
    """What the decoded values hold, to compare with the file's text (see ``_no_repeated_keys``): the keys
    given with a value other than null, and the colons inside texts."""

    def __init__(self) -> None:
        self.keys = 0
        self.colons = 0

    def add(self, record: _Record, columns: list[Any]) -> None:
        # a required key is always there; only the others are counted (comparing with None is not free)
        self.keys += len(record.required_keys) * len(columns[0]) + sum(
            [len(columns[i]) - columns[i].count(None) for i in record.optional])
        texts = chain(*(filter(None, columns[i]) for i in record.texts),
                      *(chain.from_iterable(filter(None, columns[i])) for i in record.lists))
        self.colons += "".join(texts).count(":")

    def ignored(self, value: Any) -> None:
        """A value under a key the viewer ignores ("notes", "domain"): a text or a number is counted; an
        object or a list might hide a repeated key, and is left to the careful reader."""
        if value is None:
            return
        if type(value) is str:
            self.colons += value.count(":")
        elif type(value) not in (int, float, bool):
            raise _Doubt
        self.keys += 1


def _columns(record: _Record, items: list, tally: _Tally) -> list[Any]:
    """The values of a list of records, column by column and checked, ready for ``_instances``: most of
    the work is done by compiled loops (``zip``, ``map``, ``join``), not by Python over every field."""
    columns: list[Any] = list(zip(*map(msgspec.structs.astuple, items)))
    for column in columns[record.size:]:
        for value in column:
            tally.ignored(value)
    columns = columns[: record.size]
    tally.add(record, columns)
    for i in record.required:
        if not all(map(str.strip, columns[i])):
            raise _Doubt  # a blank required text: the careful reader refuses it
    for i in record.shared:
        column = columns[i]
        if None in column:  # the few different values, each interned once, then looked up by compiled code
            shared = {value: sys.intern(value) for value in set(column) if value is not None}
            shared[None] = None
            columns[i] = list(map(shared.__getitem__, column))
        else:
            columns[i] = list(map(sys.intern, column))
    for i in record.lists:
        columns[i] = [() if v is None else v for v in columns[i]]
    return columns


def _instances(kind: type, columns: list[Any]) -> tuple:
    """Instances of a frozen dataclass with these columns of values, every field set, as ``__init__`` sets
    them. ``__init__`` of a frozen dataclass calls ``object.__setattr__`` from Python once per field: for
    95 figures that cost more than decoding the whole file; setting each slot's column through ``map``
    costs a third of it."""
    objects = list(map(object.__new__, repeat(kind, len(columns[0]))))
    for set_field, column in zip(_SETTERS[kind], columns):
        deque(map(set_field, objects, column), maxlen=0)
    return tuple(objects)


def _build(record: _Record, items: list | None, tally: _Tally) -> tuple:
    if not items:
        return ()
    columns = _columns(record, items, tally)
    if len(items) < 6:  # setting slots by columns pays for itself from a few records on
        return tuple(map(record.type, *columns))
    return _instances(record.type, columns)


def _part(record: _Record, item: Any, tally: _Tally) -> Any:
    return record.type() if item is None else _build(record, [item], tally)[0]


def _standards(items: list | None, framework, tally: _Tally) -> tuple[Standard, ...]:
    if not items:
        return ()
    columns = _columns(_STANDARD, items, tally)
    codes = [code.replace(" ", "").rstrip(".") for code in columns[0]]  # "P 2.1." as printed in reports is P2.1
    if len(set(codes)) != len(codes) or any(framework.definition(code) is None for code in codes):
        raise _Doubt  # the careful reader refuses a repeated code, and warns of an unknown one
    columns[0] = list(map(sys.intern, codes))
    columns[-1] = [_build(_KEY_QUESTION, questions, tally) for questions in columns[-1]]
    return tuple(map(Standard, *columns))


def _no_repeated_keys(data: bytes, root: Any, tally: _Tally) -> bool:
    """True when no object of the file gives a key twice (msgspec, like every JSON reader, keeps the last).

    Every key of the file is followed by a colon; the other colons are inside texts, and the decoded
    texts hold the same ones unless a colon is written as an escape (then the file is read carefully).
    So the file's colons, less those of the decoded texts, are as many as the keys decoded with a value
    only when no key was dropped. A key given as null is not counted: our files never write one, and
    such a file is read carefully too."""
    if b"\\" in data and _ESCAPED_COLON.search(data):
        return False
    keys = 3 + sum(getattr(root, key) is not None for key in _ROOT_OPTIONAL if key != "notes")  # format ...
    return data.count(b":") - tally.colons == keys + tally.keys


def fast_inspection(data: bytes, source: str) -> Inspection | None:
    """The inspection in ``data``, or None when the careful reader must read it (to refuse it or to warn)."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        root = _DECODER.decode(data)
        if root.format != FORMAT_ID:
            return None
        if not FRAMEWORK_ID.fullmatch(root.framework):
            return None
        framework = load_framework(root.framework)
        tally = _Tally()
        tally.ignored(root.notes)
        overall = _part(_OVERALL, root.overall, tally)
        if overall.score is not None and framework.max_score is not None and overall.score > framework.max_score:
            return None
        figures = _build(_FIGURE, root.figures, tally)
        if any(f.count is not None and f.total is not None and f.count > f.total for f in figures):
            return None
        inspection = Inspection(
            framework_id=framework.id, unit=_part(_UNIT, root.unit, tally),
            report=_part(_REPORT, root.report, tally), overall=overall, cases=_part(_CASES, root.cases, tally),
            standards=_standards(root.standards, framework, tally), figures=figures,
            service_gaps=_build(_SERVICE_GAP, root.service_gaps, tally),
            recommendations=_build(_RECOMMENDATION, root.recommendations, tally),
            sources=_build(_SOURCE, root.sources, tally), quotes=_build(_QUOTE, root.quotes, tally),
            source_path=source,
        )
    except (msgspec.MsgspecError, RecursionError, FrameworkError, OSError, _Doubt):
        return None
    return inspection if _no_repeated_keys(data, root, tally) else None
