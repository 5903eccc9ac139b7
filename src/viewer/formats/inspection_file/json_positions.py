"""Find the line of a JSON path, to name it in error messages.

Only used after a file has failed validation, so it may be slow: it re-parses the text with the
standard library's pure-Python scanner, recording where each value starts.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from typing import Any


class _Located(dict):
    positions: dict[str, int]


class _LocatedList(list):
    positions: list[int]


def _recording(scan_once, starts: list[int]):
    def scan(s: str, idx: int):
        starts.append(idx)
        return scan_once(s, idx)
    return scan


class _PositionDecoder(json.JSONDecoder):
    def __init__(self) -> None:
        super().__init__(object_pairs_hook=list, parse_int=float)  # float: a 5,000-digit number has a place too
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        self.scan_once = json.scanner.py_make_scanner(self)

    def _parse_object(self, s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        starts: list[int] = []
        pairs, end = json.decoder.JSONObject(
            s_and_end, strict, _recording(scan_once, starts), object_hook, object_pairs_hook, memo
        )
        obj = _Located(pairs)
        obj.positions = {key: pos for (key, _), pos in zip(pairs, starts)}
        return obj, end

    def _parse_array(self, s_and_end, scan_once):
        starts: list[int] = []
        values, end = json.decoder.JSONArray(s_and_end, _recording(scan_once, starts))
        obj = _LocatedList(values)
        obj.positions = starts
        return obj, end


def line_of(text: str, json_path: list[str | int]) -> int | None:
    """1-based line where the value at ``json_path`` starts, or None if it cannot be found."""
    try:
        node: Any = _PositionDecoder().decode(text)
    except (ValueError, RecursionError):  # this scanner recurses in Python: a deep file has no line, not a crash
        return None
    position = None
    for step in json_path:
        try:
            position = node.positions[step]
            node = node[step]
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return None if position is None else text.count("\n", 0, position) + 1
