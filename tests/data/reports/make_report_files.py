"""Make the report variants in this folder from the seed report (run once; the outputs are committed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/reports/make_report_files.py

Each output lays the same report out the way another source does, so that the importer is tested
on the variation real reports show and not on one file:

- ``hertfordshire-web.html``: a saved web page (WordPress-like): navigation, cookie banner, scripts
  and styles, "(Back to top)" after headings, curly quotes, &nbsp;, footnote markers as links in
  ``<sup>`` and a few glued to the word as plain digits, a footnotes list and footnotes printed in
  the text after a ``<sup>`` number, "%" for some "per cent",
  the ratings and key questions as ``<table>`` rows.
- ``hertfordshire-wrapped.txt``: hard-wrapped at 72 columns with CRLF line ends, "•" bullets, no
  blank lines between bullets, doubled spaces, footnote definitions that wrap.
- ``hertfordshire.md``: markdown headings, ``| pipe |`` tables, bold lowest percentages, "*" bullets.
- ``hertfordshire-foreword-only.txt``: the title page and foreword, nothing else.
- ``hertfordshire.pdf``: an A4 PDF drawn with Qt (embedded TrueType subset fonts, like a word
  processor's export): wrapped lines, running header, page numbers, raised footnote markers,
  footnotes at the bottom of each page, the ratings table on one line per standard, key-question
  tables in two columns.
- ``hertfordshire-letter.pdf`` and ``hertfordshire-tables.pdf``: the same report in two other page
  layouts, drawn by ``make_report_layouts.py`` (see its docstring): US Letter, justified 9 pt serif
  text, tables at tab stops; A4 with bordered table cells whose text wraps, and ligature glyphs.
- ``encrypted.pdf`` (password "secret"), ``owner-locked.pdf`` (opens without a password),
  ``damaged.pdf`` (the report PDF cut short), ``scanned.pdf`` (the title page as a picture only).
"""

from __future__ import annotations

import html
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "hmip-hertfordshire-pdu-2024.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
CURLY = str.maketrans({"'": "\u2019"})


def elements() -> list[tuple[str, str]]:
    """The seed as (kind, text): heading, para, bullet, row, footnote, quote."""
    out: list[tuple[str, str]] = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw.rstrip()).replace("**", "")
        if not line.strip():
            continue
        if line.startswith("- "):
            out.append(("bullet", line[2:]))
        elif "\t" in line:
            out.append(("row", line))
        elif line[0] in SUPERSCRIPTS:
            out.append(("footnote", line))
        elif line.startswith("\u201c"):
            out.append(("quote", line))
        elif len(line) < 80 and not line.endswith((".", ",")):
            out.append(("heading", line))
        else:
            out.append(("para", line))
    return out


def curly(text: str) -> str:
    text = re.sub(r"(^|[\s(])'", "\\1\u2018", text)
    return text.translate(CURLY)


def marker_html(text: str, glue: bool) -> str:
    def sup(match: re.Match) -> str:
        number = match.group(0).translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
        if glue and number in ("3", "7"):
            return number  # the web page lost the superscript: "practitioners3."
        return f'<sup><a href="#footnote-{number}" class="footnote-ref">{number}</a></sup>'
    return re.sub(f"[{SUPERSCRIPTS}]+", sup, html.escape(curly(text), quote=False))


def make_html() -> str:
    parts = ["<!DOCTYPE html>", '<html lang="en-GB"><head><meta charset="utf-8">',
             "<title>Hertfordshire PDU – HM Inspectorate of Probation</title>",
             "<style>.entry-content p{margin:0 0 1em} h2:after{content:'§'}</style>",
             '<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)};',
             'var t="<p>Score 9/21</p>";</script>', "</head><body>",
             '<div class="cookie-banner" hidden><p>We use cookies. 3 out of 4 people accept.</p></div>',
             '<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/inspections">Inspections</a>'
             "</li><li>About 12 out of 20 pages</li></ul></nav></header>", '<main><article class="entry-content">']
    footnotes: list[str] = []
    in_ratings = started = False
    items = elements()
    index = 0
    while index < len(items):
        kind, text = items[index]
        index += 1
        if kind == "heading" and text == "Ratings":
            in_ratings = True
        elif kind == "heading" and text == "Recommendations":
            in_ratings = False
        if in_ratings and kind == "heading" and text.startswith("P ") and index < len(items):
            rating = items[index][1]
            index += 1
            parts.append(f"<table class=\"ratings\"><tr><td>{text}</td><td><strong>{rating}</strong></td></tr></table>")
            continue
        if not started and not (kind == "heading" and text == "Foreword"):
            if text.startswith("An inspection of"):
                parts.append(f"<h1>{html.escape(text)} {html.escape(items[index][1])}</h1>")
                index += 1
            else:
                parts.append(f'<p class="front">{html.escape(curly(text))}</p>')
            continue
        started = True
        if kind == "heading":
            level = "h3" if text.startswith(("P ", "Strengths", "Areas")) else "h2"
            back = ' <a href="#top" class="back">(Back to top)</a>' if level == "h2" else ""
            parts.append(f"<{level}>{html.escape(curly(text))}{back}</{level}>")
        elif kind == "para":
            text = text.replace("24.2 per cent", "24.2%").replace("96 per cent", "96%")
            parts.append(f"<p>{marker_html(text, glue=True)}</p>")
        elif kind == "bullet":
            parts.append(f"<ul><li>{marker_html(text.replace('117 per cent', '117%'), glue=True)}</li></ul>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{html.escape(text)}</p></blockquote>")
        elif kind == "row":
            cells = "".join(f"<td>{html.escape(curly(c))}</td>" for c in text.split("\t"))
            parts.append(f"<table><tbody><tr>{cells}</tr></tbody></table>")
        elif kind == "footnote" and text[0] in "⁵⁶⁷⁸⁹":
            parts.append(f"<p><sup>{text[0].translate(str.maketrans(SUPERSCRIPTS, '0123456789'))}</sup> "
                         f"{html.escape(curly(text[1:].strip()))}</p>")  # a footnote printed in the text
        elif kind == "footnote":
            number = text[0].translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
            footnotes.append(f'<li id="footnote-{number}">{html.escape(curly(text[1:].strip()))}</li>')
    parts.append('</article><div class="footnotes"><h2>Footnotes</h2><ol>' + "".join(footnotes) + "</ol></div>")
    parts.append("</main><footer><p>&copy; Crown copyright 2024 &nbsp;|&nbsp; 1 of 3 sites</p></footer>")
    parts.append("<script>document.querySelectorAll('a.back').forEach(function(a){a.title='Top';});</script>")
    return "\n".join(parts).replace("Hertfordshire PDU is one", "Hertfordshire PDU&nbsp;is one") + "\n</body></html>\n"


def make_wrapped() -> str:
    lines: list[str] = []
    for kind, text in elements():
        text = text.replace("per cent of", "per  cent of")
        if kind == "bullet":
            wrapped = textwrap.wrap(text, 72, initial_indent="•  ", subsequent_indent="   ")
        elif kind == "row":
            wrapped = [text]
        else:
            wrapped = textwrap.wrap(text, 72) if kind != "heading" else [text]
            wrapped.append("")
        lines.extend(wrapped)
    return "\r\n".join(lines) + "\r\n"


def make_markdown() -> str:
    lines: list[str] = []
    for kind, text in elements():
        if kind == "heading":
            marks = "###" if text.startswith(("P ", "Strengths", "Areas")) else "##"
            lines += ["", f"{marks} {text}", ""]
        elif kind == "row":
            cells = text.split("\t")
            if cells[0] == "Key question":
                lines += ["", "| Key question | Percentage 'Yes' |", "|---|---:|"]
            else:
                value = f"**{cells[1]}**" if cells[1] in ("17%", "41%", "39%", "52%") else cells[1]
                lines.append(f"| {cells[0]} | {value} |")
        elif kind == "bullet":
            lines.append(f"* {text}")
        else:
            lines += ["", text, ""]
    return "\n".join(lines) + "\n"


def make_foreword_only() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[: text.index("\nRatings\n")].rstrip() + "\n"


if __name__ == "__main__":
    (HERE / "hertfordshire-web.html").write_text(make_html(), encoding="utf-8")
    (HERE / "hertfordshire-wrapped.txt").write_bytes(make_wrapped().encode("utf-8"))
    (HERE / "hertfordshire.md").write_text(make_markdown(), encoding="utf-8")
    (HERE / "hertfordshire-foreword-only.txt").write_text(make_foreword_only(), encoding="utf-8")
    sys.path.insert(0, str(HERE))
    from make_report_layouts import make_layouts  # noqa: E402  (Qt is only needed for the PDFs)
    from make_report_pdfs import make_pdfs  # noqa: E402

    make_pdfs(elements(), HERE)
    make_layouts(elements(), HERE)
