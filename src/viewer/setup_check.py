"""Can this machine show the window? Checked before Qt is loaded, because Qt itself aborts with
"This application failed to start because no Qt platform plugin could be initialized. Reinstalling the
application may fix this problem." — which it will not: what is missing is a display, or system
libraries that the Qt wheel does not carry.

``python -m viewer.setup_check`` (run by ``make run``) prints what is missing with the apt-get line.
No Qt is imported here (PySide6 is only located), so this works when Qt cannot load at all.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path

HEADLESS = "QT_QPA_PLATFORM=offscreen"
# Debian and Ubuntu name a library's package after its file (libxcb-icccm.so.4 → libxcb-icccm4); these do not.
PACKAGES = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
            "libgobject-2.0.so.0": "libglib2.0-0", "libz.so.1": "zlib1g", "libstdc++.so.6": "libstdc++6"}


def _is_x11_system(platform: str) -> bool:
    """Linux and the BSDs: Qt needs a display server there (macOS and Windows always have one)."""
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def display_problem(env: Mapping[str, str] = os.environ, platform: str = "") -> str | None:
    """Why the window cannot be shown for want of a display, or None."""
    if not _is_x11_system(platform or sys.platform) or any(env.get(k) for k in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return None
    return ("there is no display to show the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "Run it in a desktop session (or over 'ssh -X'); to run it without a screen (scripts, CI, a server), "
            f"set {HEADLESS}.\n"
            "The commands check, summary, convert, frameworks and outcomes need no display.")


def platform_plugins(env: Mapping[str, str] = os.environ) -> list[str]:
    """The Qt platform plugins Qt will try, in order: QT_QPA_PLATFORM's list, else the session's."""
    if env.get("QT_QPA_PLATFORM"):
        return [name.split(":")[0].strip() for name in env["QT_QPA_PLATFORM"].split(";") if name.strip()]
    wayland = env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"
    return ["wayland", "xcb"] if wayland else ["xcb"]


def _qt_folder() -> Path | None:
    """The Qt inside the PySide6 wheel (located, not imported)."""
    spec = find_spec("PySide6")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) / "Qt" if locations else None


def plugin_file(name: str, env: Mapping[str, str] = os.environ) -> Path | None:
    """The platform plugin's library (``libqxcb.so``) where QT_QPA_PLATFORM_PLUGIN_PATH says or in the
    PySide6 wheel; None when it is not found (Qt then says so itself)."""
    qt = _qt_folder()
    folders = [Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"])] if env.get("QT_QPA_PLATFORM_PLUGIN_PATH") else []
    folders += [qt / "plugins" / "platforms"] if qt else []
    return next((f / f"libq{name}.so" for f in folders if (f / f"libq{name}.so").is_file()), None)


def missing_libraries(plugin: Path) -> list[str]:
    """The system libraries (file names) that keep ``plugin`` from loading; [] when it loads."""
    try:
        ctypes.CDLL(str(plugin))
        return []
    except OSError as error:
        first = re.match(r"(\S+?): cannot open shared object file", str(error))  # another failure is Qt's to explain
        missing = [first.group(1)] if first else []
    import shutil  # only now: the check that passes costs start-up nothing more
    import subprocess

    if shutil.which("ldd"):  # every missing library, not only the first; Qt's own come from the wheel, as Qt finds them
        qt = _qt_folder()
        search = os.pathsep.join(p for p in (str(qt / "lib") if qt else "", os.environ.get("LD_LIBRARY_PATH", "")) if p)
        listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30,
                                 env={**os.environ, "LD_LIBRARY_PATH": search}).stdout
        found = re.findall(r"^\s*(\S+) => not found", listing, re.MULTILINE)
        missing = list(dict.fromkeys(found or missing))
    return missing


def package_of(library: str) -> str:
    """The Debian/Ubuntu package of a library file: libxcb-icccm.so.4 → libxcb-icccm4, libdbus-1.so.3 → libdbus-1-3."""
    if library in PACKAGES:
        return PACKAGES[library]
    name, _, version = library.partition(".so.")
    name = name.lower()
    return f"{name}-{version}" if version and name[-1].isdigit() else name + version.split(".")[0]


def library_problem(env: Mapping[str, str] = os.environ, platform: str = "") -> str | None:
    """Why Qt's platform plugin cannot load (system libraries missing), with the apt-get line; or None.
    Only the plugins Qt will try are checked, and one that loads is enough."""
    if not _is_x11_system(platform or sys.platform):
        return None
    missing: dict[str, list[str]] = {}
    for name in platform_plugins(env):
        plugin = plugin_file(name, env)
        if plugin is None:
            return None  # an unknown or custom plugin: Qt knows best
        libraries = missing_libraries(plugin)
        if not libraries:
            return None
        missing[name] = libraries
    lines = [f"Qt's '{name}' platform plugin cannot load: the system "
             + (f"library {libs[0]} is missing." if len(libs) == 1 else f"libraries {', '.join(libs)} are missing.")
             for name, libs in missing.items()]
    every = {lib for libs in missing.values() for lib in libs}
    system = {lib for lib in every if not lib.startswith("libQt6")}
    if system != every:  # Qt's own libraries come with PySide6
        lines.append("Qt's own libraries are missing: reinstall PySide6 with "
                     "'pip install --force-reinstall PySide6-Essentials'.")
    if system:
        lines += ["On Debian or Ubuntu install the system libraries with:",
                  f"    sudo apt-get install {' '.join(sorted({package_of(lib) for lib in system}))}",
                  "(other systems: the packages that provide those files)."]
    return "\n".join(lines)


def main() -> int:
    """``make run``'s check before it opens the window: anything missing stops it, except that with
    QT_QPA_PLATFORM=offscreen (no window wanted, as on a server) what a desktop needs is only noted."""
    problems = [p for p in (library_problem(), display_problem()) if p]
    for problem in problems:
        print(f"inspection-viewer: {problem}", file=sys.stderr)
    desktop = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    if not problems and os.environ.get("QT_QPA_PLATFORM") == "offscreen" and (note := library_problem(desktop)):
        print(f"note: offscreen works here, but to show the window on a desktop: {note}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
