"""A report's web page as text with its block structure, read with the standard library's HTML parser.

Headings, paragraphs and list items become paragraphs separated by blank lines; list items get a
"- " (or, in numbered lists, "1. ") marker; table rows become lines of tab-separated cells.
Scripts, styles, navigation, forms, hidden elements and elements marked as footnotes (by class,
id or role) are left out. Other footnote markers (``<sup>5</sup>``) become superscript digits, so
that ``report_text`` removes them, and the footnotes they point to, as it does for a report's text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from viewer.formats.published_report.limits import MAX_TAG_ATTRIBUTES, MAX_TEXT_CHARS, OverLimit

SKIPPED = frozenset({"script", "style", "noscript", "template", "nav", "head", "svg", "button", "form",
                     "select", "iframe", "object"})
VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
                  "param", "track"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote",
                    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption",
                    "table", "thead", "tbody", "tfoot", "caption", "pre", "address", "details", "summary", "body"})
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# One attribute of a start tag, as html.parser reads it (a name, and maybe "=" and a value): matched one at a
# time, each match linear in the attribute's length and holding nothing.
_ATTRIBUTE = re.compile(r"""[\s/]*[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_SHORT_TAG = 2048  # a tag whose ">" comes this soon cannot hold many attributes


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skipping: list[str] = []  # open elements whose content is left out
        self.skipped_names: dict[str, int] = {}  # how many of each are open, for quick look-up
        self.lists: list[list[int]] = []  # per open list: [is numbered, items so far]
        self.cells: list[str] | None = None  # the cells of the open table row
        self.cell: list[str] | None = None
        self.superscript = 0
        self.characters = 0  # of text kept so far, against MAX_TEXT_CHARS

    # --- limits ---------------------------------------------------------------------------------
    def check_for_whole_start_tag(self, i: int) -> int:
        """html.parser finds a start tag's end with a pattern that keeps state for every attribute it passes
        (one tag of 8 MB of attributes took 1.6 GB). Before it runs on a long tag, the attributes are
        counted one by one, and a tag with more than any page has is refused."""
        rawdata = self.rawdata
        if rawdata.find(">", i, i + _SHORT_TAG) < 0:
            position, count = i + 1, 0
            while count <= MAX_TAG_ATTRIBUTES:
                match = _ATTRIBUTE.match(rawdata, position)
                if match is None or match.end() == position:
                    break
                position, count = match.end(), count + 1
            if count > MAX_TAG_ATTRIBUTES:
                line = rawdata.count("\n", 0, i) + 1
                raise OverLimit(f"line {line:,} of the page: a tag with more than {MAX_TAG_ATTRIBUTES:,} attributes "
                                f"(starting {rawdata[i:i + 30]!r}); a web page's tag may have at most "
                                f"{MAX_TAG_ATTRIBUTES:,}")
        return super().check_for_whole_start_tag(i)

    # --- output ---------------------------------------------------------------------------------
    def _text(self) -> list[str]:
        return self.cell if self.cell is not None else self.line

    def _break(self, blank: bool = True) -> None:
        text = " ".join("".join(self.line).split())
        if text == "-" or (text[:-1].isdigit() and text.endswith(".")):
            return  # a list item's marker waits for the item's first paragraph
        if text:
            self.lines.append(text)
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.line = []

    def _skip(self, tag: str) -> None:
        self.skipping.append(tag)
        self.skipped_names[tag] = self.skipped_names.get(tag, 0) + 1

    # --- parser events --------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag not in VOID:
                self._skip(tag)
            return
        attributes = dict(attrs)
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true" or \
            "display:none" in (attributes.get("style") or "").replace(" ", "")
        names = f"{attributes.get('class') or ''} {attributes.get('id') or ''} {attributes.get('role') or ''}".lower()
        if "footnote" in names or "endnote" in names:
            hidden = True  # footnote markers and the footnotes themselves: not the report's text
        if tag in SKIPPED or (hidden and tag not in VOID):
            self._skip(tag)
            return
        if tag == "br":
            self._break(blank=False)
        elif tag in ("ul", "ol"):
            self._break()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._break(blank=False)
            if self.lists:
                self.lists[-1][1] += 1
                numbered, count = self.lists[-1]
                self.line.append(f"{count}. " if numbered else "- ")
            else:
                self.line.append("- ")
        elif tag == "tr":
            self._break()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cell = []
        elif tag == "sup":
            self.superscript += 1
        elif tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if self.skipped_names.get(tag):
                while self.skipping:  # close up to the matching element, as browsers do
                    name = self.skipping.pop()
                    self.skipped_names[name] -= 1
                    if name == tag:
                        break
            return
        if tag in ("td", "th") and self.cells is not None and self.cell is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            row = "\t".join(cell for cell in self.cells if cell)
            if row:
                self.lines.append(row)
            self.cells = None
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._break()
        elif tag == "li":
            self._break(blank=False)
        elif tag == "sup":
            self.superscript = max(0, self.superscript - 1)
        elif tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.superscript and data.strip().isdigit():
            data = data.strip().translate(_SUPERSCRIPT)
        self.characters += len(data)
        if self.characters > MAX_TEXT_CHARS:  # stop reading now: the rest would be refused anyway
            raise OverLimit(f"the page's text has more than {MAX_TEXT_CHARS:,} characters; a report may have at "
                            "most that (the longest published reports have a few hundred thousand)")
        self._text().append(data)

    def finish(self) -> tuple[str, list[str]]:
        """The text, and a warning when the page ends inside an unfinished tag or comment.

        ``HTMLParser.close()`` would read such an unfinished tail character by character, which
        takes quadratic time on malformed pages (CPython before 3.11.13); the tail is left out instead.
        """
        warnings = []
        unread = self.rawdata
        self.rawdata = ""
        if unread.strip():
            warnings.append(f"the page ends inside an unfinished tag or comment; its last {len(unread):,} "
                            "characters were not read")
        if self.cells is not None:
            if self.cell is not None:
                self.cells.append(" ".join("".join(self.cell).split()))
            self.lines.append("\t".join(cell for cell in self.cells if cell))
        self._break()
        return "\n".join(self.lines), warnings


def html_text_and_warnings(html: str) -> tuple[str, list[str]]:
    builder = _TextBuilder()
    builder.feed(html)
    return builder.finish()
