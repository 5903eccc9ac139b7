"""Write files atomically: into a temporary file beside the target, then rename over it.

A crash or a full disk never leaves a half-written file where the user expects a whole one, and
the file a user opened is never written to.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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


def write_text_atomically(target: str | os.PathLike, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
