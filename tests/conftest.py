from __future__ import annotations

import os
from pathlib import Path

import pytest

# Headless: every GUI test runs offscreen, on a developer's machine and in CI alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
BAD = DATA / "bad"


@pytest.fixture
def sample_path() -> Path:
    from viewer.resource_files import sample_path as bundled

    return bundled()
