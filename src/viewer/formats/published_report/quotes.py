"""Find, in a source's own text, the exact words behind what the importer read.

The importer reads a normalised text (straight quotes, plain letters for ligatures, whitespace folded);
a quotation shown to people, and kept as the evidence for a value, must be the source's words exactly as
stored. ``locate`` maps a normalised fragment back to that exact substring.
"""

from __future__ import annotations

_SAME = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
                       "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00a0": " ", "\u2002": " ",
                       "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ", "\n": " ", "\r": " "})


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` with quotes straightened and whitespace runs folded to one space, and for each character of
    the result, its position in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for position, char in enumerate(text.translate(_SAME)):
        if char == " " and out and out[-1] == " ":
            continue
        out.append(char)
        where.append(position)
    return "".join(out), where


def locate(original: str, fragment: str) -> str | None:
    """The exact substring of ``original`` that reads as ``fragment`` once quotes and whitespace are
    normalised; None when the fragment is not in the text (then it cannot be quoted)."""
    wanted, _ = _folded(fragment.strip())
    if not wanted:
        return None
    folded, where = _folded(original)
    start = folded.find(wanted)
    if start < 0:
        return None
    end = start + len(wanted) - 1
    return original[where[start]: where[end] + 1]
