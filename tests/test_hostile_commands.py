"""`convert` and `summary` given their own inputs as outputs, folders, Word files and contradictory names:
nothing a command reads is ever written over, and every refusal is a plain usage message."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from viewer.cli.summary import run_summary
from viewer.formats.inspection_file import load_inspection
from viewer.formats.workbook import write_workbook

from conftest import DATA, run_cli

SEED = DATA / "hmip-hertfordshire-pdu-2024.txt"


def _fingerprint(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_convert_never_writes_over_a_table_of_its_input_workbook(tmp_path, sample_path):
    same = tmp_path / "same"
    same.mkdir()
    write_workbook([load_inspection(sample_path)], same / "tables")
    other = tmp_path / "other.json"
    shutil.copy(DATA / "variant-rating-spelling.json", other)
    before = _fingerprint(tmp_path)
    for inputs in ([str(same / "tables" / "figures.csv"), str(other)], [str(same / "tables"), str(other)]):
        result = run_cli("convert", *inputs, str(same / "tables"), "--csv")
        assert result.returncode == 2
        assert f"error: {same / 'tables' / 'inspections.csv'} is one of the inputs; the viewer never writes to a " \
               "file it reads" in result.stderr
    assert _fingerprint(tmp_path) == before
    book = tmp_path / "book.xlsx"
    write_workbook([load_inspection(sample_path)], book)
    before = _fingerprint(tmp_path)
    assert run_cli("convert", str(book), str(other), str(book)).returncode == 2
    assert run_cli("convert", str(tmp_path), str(tmp_path / "same" / "tables"), "--csv").returncode == 2
    assert _fingerprint(tmp_path) == before


def test_summaries_written_into_a_folder_of_inputs_never_take_an_input_name(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(DATA / "reports" / "hertfordshire-web.html", folder / "hertfordshire-pdu.html")
    before = _fingerprint(folder)
    out, err = io.StringIO(), io.StringIO()
    assert run_summary([str(folder)], str(folder) + "/", "html", stream=out, err=err) == 0, err.getvalue()
    assert out.getvalue().splitlines() == [f"{folder / 'hertfordshire-pdu.html'} -> {folder / 'hertfordshire-pdu-2.html'}"
                                           " (HTML)", "1 written, 0 failed"]
    assert {k: v for k, v in _fingerprint(folder).items() if k in before} == before


def test_the_format_comes_from_the_name_unless_given(tmp_path, sample_path):
    out, err = io.StringIO(), io.StringIO()
    assert run_summary([str(sample_path)], str(tmp_path / "s.html"), None, stream=out, err=err) == 0
    assert (tmp_path / "s.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for fmt, name, words in (("pdf", "s.html", "--format pdf writes a PDF summary, whose name ends in .pdf; leave "
                                               "--format out to write what the name says"),
                             (None, "s.docx", "a summary's name ends in .pdf or .html (or give a folder for several, "
                                              "ending in /)")):
        err = io.StringIO()
        assert run_summary([str(sample_path)], str(tmp_path / name), fmt, stream=io.StringIO(), err=err) == 2
        assert err.getvalue() == f"error: {tmp_path / name}: {words}\n"


def test_one_workbook_of_two_inspections_is_not_numbered_one_of_one(tmp_path, sample_path):
    book = tmp_path / "book.xlsx"
    write_workbook([load_inspection(sample_path), load_inspection(DATA / "variant-rating-spelling.json")], book)
    out = io.StringIO()
    assert run_summary([str(book)], str(tmp_path / "out") + "/", "html", stream=out, err=io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{book} -> {tmp_path / 'out' / 'hertfordshire-pdu.html'} (HTML)"
    assert lines[1].startswith(f"{book} -> ") and "[1/1]" not in out.getvalue()


def test_folders_on_the_command_line_get_command_line_advice(tmp_path, sample_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path, folder / "a.json")
    converted = run_cli("convert", str(folder), str(tmp_path / "out") + "/")
    assert converted.returncode == 0 and "File ▸" not in converted.stdout + converted.stderr
    summary = run_cli("summary", str(folder), "-o", str(tmp_path / "summaries") + "/", "--format", "html")
    assert summary.returncode == 0, summary.stdout
    assert (tmp_path / "summaries" / "hertfordshire-pdu.html").exists() and "File ▸" not in summary.stdout


def _docx(path) -> None:
    """A .docx laid out as Word writes it: content types first, the document further in."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types>" + "<Override PartName='/word/x.xml'/>" * 200 + "</Types>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("docProps/core.xml", "<cp:coreProperties/>")
        archive.writestr("word/document.xml", "<w:document>" + "<w:p>text</w:p>" * 2000 + "</w:document>")


@pytest.mark.parametrize("name", ["report.docx", "report.doc"])
def test_word_documents_are_refused_with_advice_by_every_command(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".docx"):
        _docx(path)
    else:
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))  # an OLE compound file, as Word 97 wrote
    words = "Word documents are not read: save the report as PDF, web page or text"
    assert words in run_cli("check", str(path)).stdout
    assert words in run_cli("convert", str(path), str(tmp_path / "x.json")).stderr
    assert words in run_cli("summary", str(path), "-o", str(tmp_path / "x.html"), "--format", "html").stdout


def test_the_command_line_takes_the_summarys_format_from_its_name(tmp_path, sample_path):
    from viewer.cli import main

    assert main(["summary", str(sample_path), "-o", str(tmp_path / "s.html")]) == 0
    assert (tmp_path / "s.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["summary", str(sample_path), "-o", str(tmp_path / "s.pdf")]) == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def test_a_full_disk_while_writing_a_workbook_is_said_plainly_and_leaves_nothing(tmp_path, sample_path):
    """XlsxWriter's own error for a file it cannot finish was reported as a bug in the viewer."""
    import resource
    import subprocess
    import sys

    def small_disk() -> None:  # files past 20,000 bytes cannot be written, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    outcome = Path(__file__).resolve().parents[1] / "resources" / "outcomes" / "library" / "kirklees-pdu-2023.json"
    done = subprocess.run([sys.executable, "-m", "viewer", "convert", str(sample_path), str(outcome),
                           str(tmp_path / "x.xlsx")], preexec_fn=small_disk, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: cannot write {tmp_path / 'x.xlsx'}: [Errno 27] File too large"
    assert list(tmp_path.iterdir()) == []  # no workbook, no temporary file
