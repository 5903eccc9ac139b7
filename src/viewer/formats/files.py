"""Files the viewer writes and names: atomic writes, and names made from what a person reads.

Atomic writes go into a temporary file beside the target, then rename over it.

A crash or a full disk never leaves a half-written file where the user expects a whole one, and
the file a user opened is never written to. A write killed outright (SIGKILL, a power cut) leaves its
hidden temporary file behind: the next write into the same folder removes those of ours that are old.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from viewer.formats.errors import UnreadableFileError, WriteError


def ordinary_mode(directory: bool = False) -> int:
    """The permissions a new file (or folder) gets by default here; temporary files start private."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


# Our temporary files: ".book.xlsx.iv-k3j2h1g0.tmp" (mkstemp's eight random characters). A write that is still
# running is minutes old at most; one left for an hour was killed.
TEMPORARY_MARK = ".iv-"
_TEMPORARY = re.compile(r"\..+\.iv-[a-z0-9_]{8}\.tmp")
STALE_SECONDS = 3600
_swept: set[str] = set()  # folders already swept by this process


def remove_stale_temporaries(folder: str | os.PathLike, now: float | None = None) -> list[Path]:
    """Remove the temporary files of our writes killed in ``folder`` (by their name, and only those an hour
    old), once per folder and process; the files removed. A folder that cannot be listed is left alone:
    the write itself will say why it fails."""
    key = os.path.abspath(folder)
    if now is None and key in _swept:
        return []
    _swept.add(key)
    now = time.time() if now is None else now
    removed = []
    try:
        with os.scandir(folder) as entries:
            stale = [entry.path for entry in entries if entry.name.startswith(".") and _TEMPORARY.fullmatch(entry.name)
                     and entry.is_file(follow_symlinks=False)
                     and now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS]
    except OSError:
        return removed
    for path in stale:
        try:
            os.unlink(path)
            removed.append(Path(path))
        except OSError:  # another process removed it first, or it is not ours to remove
            continue
    return removed


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``target`` with ordinary permissions."""
    target = Path(target)
    remove_stale_temporaries(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TEMPORARY_MARK}", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, ordinary_mode())  # mkstemp makes 0600 files; a saved file should look like any other
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomically(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomically(target: str | os.PathLike, text: str) -> None:
    """Write UTF-8 text atomically. Text UTF-8 cannot hold raises :class:`WriteError` before the target is
    touched (Python strings may hold half of a UTF-16 pair; no file can)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as bad:
        raise WriteError(f"{target}: cannot write text with \\u{ord(text[bad.start]):04x} at character "
                         f"{bad.start + 1:,}, half of a UTF-16 pair that UTF-8 cannot hold") from None
    write_bytes_atomically(target, data)

_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d"})


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens; accents are dropped, not the letters."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class UniqueNames:
    """The names of the files one command writes: ``path``, or ``name-2``, ``name-3``…, never a name written
    before in the run nor one of its inputs. The number to try next is kept for each name, so that the
    ten-thousandth summary of one unit's name is named at once, not after trying every number again."""

    def __init__(self, inputs: Collection[Path] = frozenset()) -> None:
        self.inputs = inputs  # resolved paths
        self.written: set[Path] = set()
        self.next_number: dict[Path, int] = {}

    def choose(self, path: Path) -> Path:
        number = self.next_number.get(path, 1)
        while True:
            candidate = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
            if candidate not in self.written and candidate.resolve() not in self.inputs:
                break
            number += 1
        self.next_number[path] = number + 1
        self.written.add(candidate)
        return candidate


def size_text(size: float) -> str:
    """A size as people read it: "21.0 MB", "20 MB" for a round limit (MB of 2**20 bytes), "310 bytes"."""
    if size < 2**20:
        return f"{size:,.0f} bytes"
    mb = size / 2**20
    return f"{mb:g} MB" if mb.is_integer() else f"{mb:.1f} MB"


def read_file_bytes(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The bytes of a regular file no larger than ``limit``; ``what`` names the kind ("inspection files")
    in the message. Anything else (missing, a folder, a pipe or device, unreadable, too large) raises
    :class:`UnreadableFileError` with a plain message: a named pipe would block forever."""
    source = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFileError(source, "this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(source, "not a regular file (a pipe, socket or device); only files are read")
        if info.st_size > limit:
            raise UnreadableFileError(source, f"file is {size_text(info.st_size)}; {what} are limited to "
                                              f"{size_text(limit)}")
        with open(path, "rb") as handle:
            # read(limit + 1) would allocate the whole limit (20 MB) for every file: a third of the time of
            # checking a small one. The size first, then whatever it has grown by, up to the limit.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
        if len(data) > limit:  # grew while being read
            raise UnreadableFileError(source, f"file is larger than {size_text(limit)}; {what} are limited to that")
        return data
    except FileNotFoundError:
        raise UnreadableFileError(source, "file not found") from None
    except PermissionError:
        raise UnreadableFileError(source, "permission denied: the file cannot be read") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFileError(source, "the path is a loop of symbolic links") from None
        raise UnreadableFileError(source, f"cannot be read ({exc.strerror or exc})") from None
