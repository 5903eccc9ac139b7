"""Show text from a file as text, never as markup."""

from __future__ import annotations

from html import escape


def tooltip(text: str | None) -> str | None:
    """A tooltip showing ``text`` literally. Qt guesses whether a tooltip is markup, so escape it and
    make it rich text on purpose; that also lets long sentences wrap."""
    return None if text is None else f"<p>{escape(str(text))}</p>"
