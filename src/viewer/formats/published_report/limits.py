"""What a published report may be: limits far past any report the inspectorate has published, which a
hostile or broken file reaches at once. They are checked while the report is read, before the time and
memory are spent, and each refusal names the limit and the place.

What real reports hold (the seed report and the 254 texts of the library of published outcomes): the
seed's text is 48,163 characters with 103 figures; the longest reports run to a few hundred thousand
characters; the longest line is 1,678 characters and the longest sentence 467. Within these limits the
import takes time in proportion to the text (``bench/growth.py``): a few seconds at most.
"""

from __future__ import annotations

from viewer.formats.errors import shorten

# A report's PDF may carry photographs; its web page and text may not be larger than this. A page saved
# from a browser is well under 1 MB.
MAX_REPORT_BYTES = 100 * 1024 * 1024
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 2_000  # reports have 17 to 100 pages
# Characters of the report's text (after the PDF or web page is read): ten times the longest report.
MAX_TEXT_CHARS = 2_000_000
MAX_LINE_CHARS = 50_000  # a line or paragraph: thirty times the longest (1,678)
MAX_SENTENCE_CHARS = 5_000  # ten times the longest (467)
MAX_FIGURES = 3_000  # thirty times the seed's 103
# Attributes of one HTML tag: pages have a few. html.parser's pattern keeps state for each one it passes,
# so that one tag of 8 MB of attributes took 1.6 GB.
MAX_TAG_ATTRIBUTES = 1_000


class OverLimit(Exception):
    """A limit was passed; the message names it and the place, the importer adds the file."""


def quoted_start(text: str) -> str:
    """The first words of a line or sentence, to say which one: "1 out of 1 out of 1 out…"."""
    text = text.lstrip()
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


def check_text(text: str) -> None:
    """The report's whole text and each of its lines, before anything else is done with them."""
    if len(text) > MAX_TEXT_CHARS:
        raise OverLimit(f"the report's text has {len(text):,} characters; a report may have at most "
                        f"{MAX_TEXT_CHARS:,} (the longest published reports have a few hundred thousand)")
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise OverLimit(f"line {number:,} of the report's text (starting {quoted_start(line)}) has "
                            f"{len(line):,} characters; a line may have at most {MAX_LINE_CHARS:,}")


def check_sentence(sentence: str, section: str) -> None:
    if len(sentence) > MAX_SENTENCE_CHARS:
        raise OverLimit(f"section '{shorten(section, 60)}': a sentence starting {quoted_start(sentence)} has "
                        f"{len(sentence):,} characters; a sentence may have at most {MAX_SENTENCE_CHARS:,}")


def check_figures(count: int, section: str) -> None:
    if count > MAX_FIGURES:
        raise OverLimit(f"section '{shorten(section, 60)}': more than {MAX_FIGURES:,} figures so far; a report may "
                        f"have at most {MAX_FIGURES:,} (the seed report has 103)")
