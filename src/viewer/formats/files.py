"""Files the viewer writes and names: atomic writes, and names made from what a person reads.

Atomic writes go into a temporary file beside the target, then rename over it.

A crash or a full disk never leaves a half-written file where the user expects a whole one, and
the file a user opened is never written to.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from viewer.formats.errors import UnreadableFileError, WriteError


def ordinary_mode(directory: bool = False) -> int:
    """The permissions a new file (or folder) gets by default here; temporary files start private."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


@contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``target`` with ordinary permissions."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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


def unique_path(path: Path, taken: set[Path], inputs: set[Path] = frozenset()) -> Path:
    """``path``, or ``name-2``, ``name-3``…: never a name already written this run, nor an input."""
    candidate, n = path, 2
    while candidate in taken or candidate.resolve() in inputs:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    taken.add(candidate)
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
            data = handle.read(limit + 1)
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
