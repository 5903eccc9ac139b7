"""`inspection-viewer check`: the command line a script or a CI job would use."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import BAD, REPO, run_cli, run_cli_process


def test_check_json_on_the_sample_reports_4_of_21_requires_improvement(sample_path):
    result = run_cli_process("check", "--json", str(sample_path))  # end to end, as a script would run it
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == []
    assert report["unit"] == "Hertfordshire PDU"
    assert report["overall"] == {"published": "Requires improvement", "computed": "Requires improvement",
                                 "score_published": 4, "score_computed": 4, "max_score": 21}
    by_code = {s["code"]: s for s in report["standards"]}
    assert list(by_code) == ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]
    assert by_code["P2.1"] == {"code": "P2.1", "name": "Assessment", "published": "Inadequate",
                               "computed": "Inadequate", "lowest_percent": 17}
    assert by_code["P1.1"]["computed"] is None
    assert [by_code[c]["lowest_percent"] for c in ("P2.2", "P2.3", "P2.4")] == [41, 39, 52]


def test_check_text_and_exit_status_with_a_bad_file(sample_path):
    bad = BAD / "percent-out-of-range.json"
    result = run_cli("check", str(sample_path), str(bad))
    assert result.returncode == 1
    assert "Hertfordshire PDU" in result.stdout
    assert "P2.1  Assessment" in result.stdout and "lowest 17%" in result.stdout
    assert f"{bad}: FAILED" in result.stdout
    assert "error: line 26, $.standards[1].key_questions[0].percent_yes: 117 is outside the range 0 to 100" in result.stdout
    assert result.stdout.rstrip().endswith("1 loaded, 1 failed")


def test_check_json_lists_the_failure():
    [report] = json.loads(run_cli("check", "--json", str(BAD / "wrong-format.json")).stdout)
    assert report["ok"] is False and report["unit"] is None
    assert report["errors"] == ['line 2, $.format: unsupported format text "inspection-viewer/2"; '
                                'this viewer reads "inspection-viewer/1"']


def test_usage_errors_exit_2():
    assert run_cli("check").returncode == 2
    assert run_cli("--no-such-option").returncode == 2


def test_check_does_not_import_qt_or_pandas(sample_path):
    code = ("import sys; from viewer.cli import main; main(['check', sys.argv[1]]);"
            "bad = [m for m in ('PySide6', 'pyqtgraph', 'pandas') if m in sys.modules];"
            "print('HEAVY', bad)")
    result = subprocess.run([sys.executable, "-c", code, str(sample_path)], capture_output=True, text=True, cwd=REPO)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_files_that_are_not_inspections_are_refused_with_what_they_seem(tmp_path):
    import zipfile

    (tmp_path / "Makefile").write_text("all: app\n\napp:\n\tcc -o app main.c\n\nclean:\n\trm -f app\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Tool\n\nA thing.\n\n## Use\n\nRun it.\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with zipfile.ZipFile(tmp_path / "report.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 4)
    names = ["Makefile", "README.md", "photo.png", "report.docx", "noise.txt"]
    result = run_cli("check", "--json", *(str(tmp_path / n) for n in names))
    assert result.returncode == 1
    reports = json.loads(result.stdout)
    assert [r["ok"] for r in reports] == [False] * 5
    said = [r["errors"][0] for r in reports]
    assert said[0].startswith("this is not a report, web page or press release of HM Inspectorate of Probation: it "
                              "appears to be a Makefile.")
    assert "appears to be a README or other Markdown document" in said[1]
    assert said[2].startswith("pictures are not read. The viewer reads inspection files (.json)")
    assert said[3] == "Word documents are not read: save the report as PDF, web page or text"
    assert "it is binary data" in said[4]
    assert all("Traceback" not in s for s in said)
    folder = run_cli("check", str(tmp_path))  # in a folder they are passed over, not failures
    assert "no inspection files, workbooks or reports in this folder" in folder.stdout
