"""Property tests: random and mangled input never breaks the importer.

Whatever it is fed, the importer returns an inspection (with warnings) or raises the project's
LoadError family, and what it returns can always be saved as an inspection file and read back.
Deadlines keep every example well under a second or two, so a pattern that backtracks
(quadratic or worse on long input) fails here rather than hanging the app.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_checks import REPORTS, SEED

from viewer.formats.errors import LoadError
from viewer.formats.inspection_file import inspection_from_data
from viewer.formats.inspection_file.write import inspection_to_dict
from viewer.formats.published_report.importer import ImportResult, import_report, parse_report_text

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
PDF_BYTES = (REPORTS / "owner-locked.pdf").read_bytes()
# Pieces of report-like text, including the shapes that make careless patterns backtrack.
FRAGMENTS = [
    "Ratings", "Score 4/21", "Overall rating", "Requires improvement", "P 2.1. Assessment", "P 1.1 Leadership\tGood",
    "Key question\tPercentage 'Yes'", "Does it work?\t59%", "? 117%", "Strengths:", "Areas for improvement:",
    "Recommendations", "1. ensure", "Background", "- ", "\u2022 ", "Out of 42 cases, only 26", "12 out 35",
    "one of eight", "just over half", "1,204,588,\u00b9", "rating\u2075", "rating5", "cent.2", "(Back to top)",
    "\u201cquoted\u201d", " " * 300, "1" * 300, "1,111" * 60, "." * 200, "St. " * 50, "one " * 80, "?" * 100,
    "\n" * 40, "\t" * 50, "P" * 40, "out of " * 40, "Out of " * 40, "%" * 60, "- \n" * 30, "a-\n" * 40,
    "\u2070\u00b9\u00b2\u00b3\u2074", "\ufb03", "\x0c", "\u00a0", "2024", "15 April 2024", "Tier 3", "C2",
]
SETTINGS = settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def assert_sound(result: ImportResult) -> None:
    """The result is an inspection the viewer can save and load: no value out of range, nothing empty."""
    assert isinstance(result, ImportResult)
    assert result.kind in ("text", "html", "pdf")
    inspection = result.inspection
    # a unit the text does not name stays empty ("unit not stated"), never a blank or invented name
    assert inspection.unit.name is None or inspection.unit.name.strip()
    assert set(result.missing) <= set(inspection.warnings)
    reloaded = inspection_from_data(inspection_to_dict(inspection))
    assert len(reloaded.figures) == len(inspection.figures)
    assert len({f.id for f in inspection.figures}) == len(inspection.figures)


@st.composite
def mangled_report(draw) -> str:
    """The seed report with lines dropped, repeated, shuffled, cut or spliced with random text."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 12))):
        operation = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "insert", "fragment", "truncate"]))
        where = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines.append(draw(st.text(max_size=50)))
        elif operation == "drop":
            del lines[where: where + draw(st.integers(1, 40))]
        elif operation == "repeat":
            lines[where:where] = lines[where: where + draw(st.integers(1, 20))]
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif operation == "cut":
            line = lines[where]
            lines[where] = line[: draw(st.integers(0, len(line)))]
        elif operation == "insert":
            lines.insert(where, draw(st.text(max_size=80)))
        elif operation == "fragment":
            lines.insert(where, draw(st.sampled_from(FRAGMENTS)))
        else:
            lines = lines[: where + 1]
    return "\n".join(lines)


def _parse(text: str) -> ImportResult | LoadError:
    """An inspection, or the project's own refusal (a text that is not the inspectorate's); nothing else."""
    try:
        result = parse_report_text(text)
    except LoadError as error:
        assert error.message
        return error
    assert_sound(result)
    return result


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text_gives_an_inspection_or_a_refusal(text):
    _parse(text)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=60).map("\n".join))
def test_report_like_fragments_give_an_inspection_or_a_refusal(text):
    _parse(text)


@SETTINGS
@given(mangled_report())
def test_mangled_report_gives_an_inspection_or_a_refusal(text):
    _parse(text)


def _import_bytes(data: bytes, name: str) -> ImportResult | LoadError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return import_report(path)
        except LoadError as error:  # the project's errors only: anything else fails the test
            assert error.path == str(path) and error.message
            return error


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["report.txt", "report.html", "report.pdf", "report.md", "r"]))
def test_random_bytes_give_an_inspection_or_a_load_error(data, name):
    result = _import_bytes(data, name)
    if isinstance(result, ImportResult):
        assert_sound(result)


TAGS = ["<p>", "</p>", "<div>", "</div>", "<ul>", "<li>", "</li>", "<ol>", "<table>", "<tr>", "<td>", "</td>",
        "</tr>", "<script>", "</script>", "<style>", "<nav>", "</nav>", "<sup>5</sup>", "<br>", "<h2>", "</h2>",
        "<!--", "-->", "<a href='", "'>", "<", ">", "&amp;", "&#x2019;", "<!doctype html>", "<div hidden>",
        "<span class='footnote'>"]


@SETTINGS
@given(st.lists(st.sampled_from(TAGS) | st.sampled_from(FRAGMENTS) | st.text(max_size=15), max_size=80))
def test_random_html_gives_an_inspection_or_a_load_error(pieces):
    result = _import_bytes(("<html>" + "".join(pieces)).encode("utf-8"), "page.html")
    if isinstance(result, ImportResult):
        assert result.kind == "html"
        assert_sound(result)


@settings(max_examples=30, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(PDF_BYTES) - 1), st.integers(0, 255)), min_size=1, max_size=30),
       st.integers(200, len(PDF_BYTES)))
def test_damaged_pdf_gives_an_inspection_or_a_load_error(changes, length):
    data = bytearray(PDF_BYTES)
    for position, value in changes:
        data[position] = value
    result = _import_bytes(bytes(data[:length]), "report.pdf")
    if isinstance(result, ImportResult):
        assert_sound(result)
