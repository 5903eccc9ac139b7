"""The command line says what went wrong and what to do: a mistyped command is a usage error, Ctrl-C ends
any command with one line and status 130, a bug is one line and a crash log, and a machine that cannot
show the window (no display, system libraries missing) is told so before Qt aborts."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from PySide6 import QtGui  # noqa: F401 (Qt's libraries loaded, as a copied platform plugin needs them)

import viewer.cli.check
from viewer.setup_check import display_problem, package_of, plugin_file

from conftest import REPO, run_cli

COMMANDS = "The commands are check, summary, convert, frameworks and outcomes"


def test_an_unknown_command_is_a_usage_error_listing_the_commands():
    result = run_cli("frobnicate")
    assert result.returncode == 2 and result.stdout == ""
    assert "usage: inspection-viewer" in result.stderr
    assert "frobnicate: no such command, file or folder. " + COMMANDS in result.stderr


def test_files_that_do_not_exist_are_a_usage_error(tmp_path):
    result = run_cli(str(tmp_path / "hertfordshire.jsn"), str(tmp_path / "kent.jsn"))
    assert result.returncode == 2
    assert f"{tmp_path / 'hertfordshire.jsn'}, {tmp_path / 'kent.jsn'}: no such command, file or folder" in result.stderr


def test_a_missing_file_beside_others_is_listed_as_a_failure(sample_path, tmp_path):
    result = subprocess.run([sys.executable, "-m", "viewer", "--exit-after-load", str(sample_path),
                             str(tmp_path / "gone.json")], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 1
    assert f"error: {tmp_path / 'gone.json'}:" in result.stderr and "usage" not in result.stderr


def test_ctrl_c_in_a_command_is_one_line_and_status_130(sample_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(viewer.cli.check, "run_check", interrupted)
    result = run_cli("check", str(sample_path))
    assert (result.returncode, result.stderr) == (130, "inspection-viewer: interrupted\n")


def test_ctrl_c_closes_the_window_and_exits_130(sample_path, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    viewer = subprocess.Popen([sys.executable, "-m", "viewer", str(sample_path)], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # the window is up (were it not, Ctrl-C during start-up gives the same line and status)
    viewer.send_signal(signal.SIGINT)
    out, err = viewer.communicate(timeout=60)
    assert viewer.returncode == 130
    assert err.splitlines()[-1] == "inspection-viewer: interrupted" and "Traceback" not in err
    assert "geometry" in (tmp_path / "Inspection Viewer" / "Inspection Viewer.conf").read_text()  # closed as usual


def test_a_bug_in_a_command_is_one_line_and_a_crash_log(sample_path, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def broken(*args, **kwargs):
        raise ValueError("something the tests made up")

    monkeypatch.setattr(viewer.cli.check, "run_check", broken)
    result = run_cli("check", str(sample_path))
    [log] = (tmp_path / "inspection-viewer").glob("crash-*.log")
    assert result.returncode == 1
    assert result.stderr == ("inspection-viewer: the viewer failed because of a bug in it (ValueError: something the "
                             f"tests made up). The details are in {log}: please send that file to whoever looks after "
                             "the viewer.\n")
    assert f"while running check {sample_path}" in log.read_text(encoding="utf-8")


def test_no_display_is_said_before_qt_aborts(sample_path, monkeypatch):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    result = run_cli(str(sample_path))
    assert result.returncode == 1
    assert result.stderr.startswith("inspection-viewer: there is no display to show the window on")
    assert "set QT_QPA_PLATFORM=offscreen" in result.stderr and "Reinstalling" not in result.stderr


def test_macos_and_windows_always_have_a_display():
    assert display_problem({}, platform="darwin") is None and display_problem({}, platform="win32") is None


def test_library_files_are_named_as_debian_packages():
    assert [package_of(f) for f in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0",
                                    "libxkbcommon-x11.so.0", "libdbus-1.so.3", "libEGL.so.1", "libglib-2.0.so.0")] == [
        "libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxkbcommon-x11-0", "libdbus-1-3", "libegl1",
        "libglib2.0-0"]


@pytest.fixture
def plugin_missing_a_library(tmp_path):
    """An X11 platform plugin that needs a library no system has: Qt's offscreen plugin, its need of
    libxkbcommon.so.0 renamed in place (same length, so the file stays valid)."""
    folder = tmp_path / "platforms"
    folder.mkdir()
    data = plugin_file("offscreen", {}).read_bytes()
    assert b"libxkbcommon.so.0" in data
    (folder / "libqxcb.so").write_bytes(data.replace(b"libxkbcommon.so.0", b"libnot-there.so.0"))
    return folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 platform plugin is a Linux library")
def test_missing_system_libraries_are_named_with_the_apt_get_line(sample_path, plugin_missing_a_library, monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM_PLUGIN_PATH", str(plugin_missing_a_library))
    result = run_cli(str(sample_path))
    assert result.returncode == 1
    assert result.stderr == ("inspection-viewer: Qt's 'xcb' platform plugin cannot load: the system library "
                             "libnot-there.so.0 is missing.\n"
                             "On Debian or Ubuntu install the system libraries with:\n"
                             "    sudo apt-get install libnot-there0\n"
                             "(other systems: the packages that provide those files).\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 platform plugin is a Linux library")
def test_make_runs_check_stops_a_desktop_but_only_notes_it_when_offscreen(plugin_missing_a_library):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":0", QT_QPA_PLATFORM_PLUGIN_PATH=str(plugin_missing_a_library))

    def check(**more):
        return subprocess.run([sys.executable, "-m", "viewer.setup_check"], capture_output=True, text=True,
                              env={**env, **more}, timeout=60)

    desktop = check()
    assert desktop.returncode == 1
    assert "sudo apt-get install libnot-there0" in desktop.stderr
    headless = check(QT_QPA_PLATFORM="offscreen")
    assert headless.returncode == 0
    assert headless.stderr.startswith("note: offscreen works here, but to show the window on a desktop: Qt's 'xcb' "
                                      "platform plugin cannot load: the system library libnot-there.so.0 is missing.")


def test_check_lists_a_file_that_met_a_bug_and_checks_the_others(sample_path, tmp_path, monkeypatch):
    import viewer.formats.inspection_file as inspection_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    real = inspection_file.load_inspection
    monkeypatch.setattr(inspection_file, "load_inspection",
                        lambda path: real(path) if path.name != "bug.json" else [][0])
    shutil.copy(sample_path, tmp_path / "bug.json")
    too_long = str(tmp_path / ("x" * 300))
    result = run_cli("check", str(sample_path), str(tmp_path / "bug.json"), too_long)
    assert result.returncode == 1
    assert f"{sample_path}: OK" in result.stdout
    assert (f"{tmp_path / 'bug.json'}: FAILED\n  error: the viewer failed because of a bug in it (IndexError: list index "
            "out of range). The details are in") in result.stdout
    assert f"{too_long}: FAILED\n  error: could not be read: File name too long" in result.stdout
    assert result.stdout.endswith("1 loaded, 2 failed\n")
