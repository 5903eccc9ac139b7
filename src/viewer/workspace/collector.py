"""Building hundreds of thousands of small objects in one go, without Python's cyclic collector.

The collector walks every live object each time enough new ones have been made: loading 1,000
inspections (140,000 figures and rows) set it off again and again, spending up to a third of the
time and holding the interpreter (so the GUI thread) for hundreds of milliseconds at a stretch.
Inspections hold no reference cycles, so nothing is lost by pausing it while they are built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector; with ``freeze``, move what was built out of its reach after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()
