"""Files in hostile places: a write killed outright leaves its temporary file (the next write into the folder
removes it, and only ours); files and folders that cannot be read say so, whatever their kind, and a folder
that cannot be listed inside a scanned folder is reported, not skipped."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from viewer.formats.files import STALE_SECONDS, UniqueNames
from viewer.formats.inspection_file import load_inspection, save_inspection
from viewer.formats.workbook import write_workbook

from conftest import DATA, REPO

REPORTS = DATA / "reports"


def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_write_leaves_a_temporary_file_that_the_next_write_removes(tmp_path, sample_path):
    target = tmp_path / "out.json"
    killed = subprocess.run([sys.executable, "-c", (
        "import os, signal, sys\n"
        "from viewer.formats.files import atomic_path\n"
        "with atomic_path(sys.argv[1]) as tmp:\n"
        "    tmp.write_bytes(b'half a file')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"), str(target)], cwd=REPO)
    assert killed.returncode == -signal.SIGKILL
    [left] = list(tmp_path.iterdir())
    assert left.name.startswith(".out.json.iv-") and left.name.endswith(".tmp") and not target.exists()
    _age(left, STALE_SECONDS + 60)
    fresh = tmp_path / ".book.xlsx.iv-abcd1234.tmp"  # another write, still running
    fresh.write_bytes(b"being written")
    others = [tmp_path / ".notes.tmp", tmp_path / ".out.json.abcd1234.tmp", tmp_path / "report.iv-abcd1234.tmp"]
    for path in others:  # not ours, however old
        path.write_bytes(b"someone else's")
        _age(path, 10 * STALE_SECONDS)
    save_inspection(load_inspection(sample_path), tmp_path / "next.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, "next.json"] + [p.name for p in others])


def _without_override(args: list[str], cwd) -> subprocess.CompletedProcess:
    """Run the viewer as a user whom file permissions bind: root is not bound by them (the tests run as root
    here and in CI), so it runs without the capabilities that let root read anything."""
    command = [sys.executable, "-m", "viewer", *args]
    if os.geteuid() == 0:
        command = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
                   "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_permission_denied_is_said_for_every_kind_and_every_folder(sample_path):
    root = tempfile.mkdtemp(prefix="iv-permissions-")  # not under pytest's private folder: this user may not enter
    try:
        os.chmod(root, 0o755)
        inspection = load_inspection(sample_path)
        names = {"a.json": sample_path, "r.pdf": REPORTS / "hertfordshire.pdf",
                 "r.html": REPORTS / "hertfordshire-web.html", "r.txt": DATA / "hmip-hertfordshire-pdu-2024.txt",
                 "no-suffix": sample_path}
        for name, source in names.items():
            shutil.copy(source, os.path.join(root, name))
        for name in ("b.xlsx", "b.ods", "tables"):
            write_workbook([inspection], os.path.join(root, name))
        shutil.copytree(os.path.join(root, "tables"), os.path.join(root, "one-table"))
        scanned = os.path.join(root, "scanned")
        os.makedirs(os.path.join(scanned, "locked"))
        os.makedirs(os.path.join(scanned, "open"))
        for folder in ("locked", "open"):
            shutil.copy(sample_path, os.path.join(scanned, folder, "x.json"))
        locked = [*names, "b.xlsx", "b.ods", "tables", "one-table/figures.csv", "scanned/locked"]
        for name in locked:
            os.chmod(os.path.join(root, name), 0)
        result = _without_override(["check", "--json", *(os.path.join(root, n) for n in [*names, "b.xlsx", "b.ods",
                                                                                          "tables", "one-table",
                                                                                          "scanned"])], REPO)
        reports = {os.path.relpath(r["path"], root): r for r in json.loads(result.stdout)}
        denied = "permission denied: the file cannot be read"
        for name in [*names, "b.xlsx", "b.ods"]:
            assert reports[name]["errors"] == [denied], (name, reports[name])
        assert reports["tables"]["errors"] == ["permission denied: the folder cannot be read, so the files in it "
                                               "cannot be opened"]
        assert denied in reports["one-table"]["errors"][0] and "figures.csv" in reports["one-table"]["errors"][0]
        assert reports["scanned/locked"]["errors"] == reports["tables"]["errors"]
        assert reports["scanned/open/x.json"]["ok"] is True
        assert result.returncode == 1 and "Traceback" not in result.stderr
    finally:
        for folder, dirs, files in os.walk(root):
            os.chmod(folder, 0o755)
            for name in dirs + files:
                os.chmod(os.path.join(folder, name), 0o755)
        shutil.rmtree(root)


def test_the_names_of_many_files_of_one_name_are_chosen_each_at_once(tmp_path):
    """A workbook of thousands of inspections of one unit gives thousands of summaries of one name: each
    name is found with one look, where it used to try every number from 2 again (quadratic)."""
    class Inputs(frozenset):
        looks = 0

        def __contains__(self, path) -> bool:
            Inputs.looks += 1
            return super().__contains__(path)

    path = tmp_path / "hertfordshire-pdu.pdf"
    names = UniqueNames(Inputs({(tmp_path / "hertfordshire-pdu-2.pdf").resolve()}))
    chosen = [names.choose(path) for _ in range(2000)]
    assert [p.name for p in chosen[:3]] == ["hertfordshire-pdu.pdf", "hertfordshire-pdu-3.pdf", "hertfordshire-pdu-4.pdf"]
    assert len(set(chosen)) == 2000 and Inputs.looks == 2001
