"""`inspection-viewer convert` in every direction, and `check` on folders and workbooks."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

from viewer.formats.inspection_file import load_inspection
from viewer.formats.workbook import read_workbook

from conftest import BAD, DATA, run_cli


def _same(a, b) -> bool:
    def bare(inspection):
        return replace(inspection, source_path=None, source_part=None, warnings=())

    return bare(a) == bare(b)


def test_report_to_inspection_file_says_what_it_found(tmp_path):
    out = tmp_path / "herts.json"
    result = run_cli("convert", str(DATA / "hmip-hertfordshire-pdu-2024.txt"), str(out))
    assert result.returncode == 0, result.stderr
    assert "imported the published report (text) of Hertfordshire PDU" in result.stdout
    assert "  found: 7 recommendations" in result.stdout and "  found: score 4/21" in result.stdout
    imported = load_inspection(out)
    assert imported.overall.score == 4 and len(imported.recommendations) == 7


def test_a_foreword_only_report_says_what_is_missing(tmp_path):
    result = run_cli("convert", str(DATA / "reports" / "hertfordshire-foreword-only.txt"), str(tmp_path / "f.json"))
    assert result.returncode == 0, result.stderr
    assert "  missing: " in result.stdout


def test_inspection_files_to_workbook_and_back(tmp_path, sample_path):
    book = tmp_path / "region.xlsx"
    other = tmp_path / "variant.json"
    shutil.copy(DATA / "variant-rating-spelling.json", other)
    assert run_cli("convert", str(sample_path), str(other), str(book)).returncode == 0
    inspections = read_workbook(book)
    assert [i.unit.name for i in inspections] == ["Hertfordshire PDU", "Testshire PDU"]
    assert _same(inspections[0], load_inspection(sample_path))
    out = tmp_path / "each"
    result = run_cli("convert", str(book), str(out) + "/")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["hertfordshire-pdu-2024-07.json", "testshire-pdu.json"]
    assert _same(load_inspection(out / "hertfordshire-pdu-2024-07.json"), load_inspection(sample_path))


def test_csv_tables_and_usage_errors(tmp_path, sample_path):
    tables = tmp_path / "tables"
    assert run_cli("convert", str(sample_path), str(tables), "--csv").returncode == 0
    assert (tables / "inspections.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    two = run_cli("convert", str(sample_path), str(DATA / "variant-rating-spelling.json"), str(tmp_path / "one.json"))
    assert two.returncode == 2 and "2 inspections cannot go into one inspection file" in two.stderr
    bad = run_cli("convert", str(BAD / "empty.json"), str(tmp_path / "x.json"))
    assert bad.returncode == 1 and "the file is empty" in bad.stderr


def test_check_takes_folders_and_workbooks(tmp_path, sample_path):
    folder = tmp_path / "folder"
    (folder / "deeper").mkdir(parents=True)
    shutil.copy(sample_path, folder / "deeper" / "a.json")
    shutil.copy(BAD / "wrong-format.json", folder / "b.json")
    book = tmp_path / "book.xlsx"
    assert run_cli("convert", str(sample_path), str(DATA / "variant-rating-spelling.json"), str(book)).returncode == 0
    result = run_cli("check", "--json", str(folder), str(book))
    assert result.returncode == 1
    reports = json.loads(result.stdout)
    assert [(r["path"].replace(str(tmp_path), ""), r["ok"]) for r in reports] == [
        ("/folder/b.json", False), ("/folder/deeper/a.json", True),
        ("/book.xlsx#hertfordshire-pdu-2024-07", True), ("/book.xlsx#testshire-pdu", True)]
    assert reports[2]["overall"]["score_computed"] == 4


def test_convert_never_writes_an_input_and_an_empty_folder_is_reported(tmp_path, sample_path):
    source = tmp_path / "hertfordshire-pdu-2024-07.json"
    shutil.copy(sample_path, source)
    before = source.read_bytes()
    same = run_cli("convert", str(source), str(source))
    assert same.returncode == 2 and "is one of the inputs" in same.stderr
    into_its_folder = run_cli("convert", str(source), str(tmp_path) + "/")
    assert into_its_folder.returncode == 0 and "hertfordshire-pdu-2024-07-2.json" in into_its_folder.stdout
    assert source.read_bytes() == before
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty))
    assert result.returncode == 1 and "no inspection files, workbooks or reports in this folder" in result.stdout
