"""Names for files and ids made from what a person reads: "Hertfordshire PDU" → "hertfordshire-pdu"."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d"})


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens; accents are dropped, not the letters."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def unique_path(path: Path, taken: set[Path], inputs: set[Path] = frozenset()) -> Path:
    """``path``, or ``name-2``, ``name-3``…: never a name already written this run, nor an input."""
    candidate, n = path, 2
    while candidate in taken or candidate.resolve() in inputs:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    taken.add(candidate)
    return candidate
