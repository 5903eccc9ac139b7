"""An installed wheel works outside the checkout: resources are packaged and found by importlib."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = out.glob("inspection_viewer-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    return site, names


def _run(site, *args):
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=site.parent, env=env,
                          timeout=120)


def test_wheel_carries_the_resources(unpacked_wheel):
    _, names = unpacked_wheel
    for needed in ("viewer/resources/frameworks/hmip-probation-pdu-2023.toml",
                   "viewer/resources/samples/hertfordshire-pdu-2024.json",
                   "viewer/resources/schema/inspection.schema.json",
                   "viewer/resources/icons/inspection-viewer.svg",
                   "viewer/ui/main_window.py"):
        assert needed in names


def test_installed_copy_checks_the_bundled_sample_from_elsewhere(unpacked_wheel):
    site, _ = unpacked_wheel
    code = ("import json, viewer, viewer.resource_files as r; from viewer.workspace import open_file;"
            "[o] = open_file(str(r.sample_path())).opened;"
            "print(json.dumps([viewer.__file__, str(r.resources_dir()), o.assessment.overall.computed_score]))")
    result = _run(site, "-c", code)
    assert result.returncode == 0, result.stderr
    module_file, resources, score = json.loads(result.stdout)
    assert module_file.startswith(str(site)) and resources.startswith(str(site))
    assert score == 4


def test_installed_copy_opens_the_window_on_the_sample(unpacked_wheel):
    site, _ = unpacked_wheel
    result = _run(site, "-m", "viewer", "--exit-after-load")
    assert result.returncode == 0, result.stderr
