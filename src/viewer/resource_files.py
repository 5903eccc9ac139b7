"""Locate the runtime resources (frameworks, samples, schema) in a wheel or in a checkout.

The wheel carries the top-level ``resources/`` folder as ``viewer/resources`` (hatchling
force-include). An editable install of a checkout has no such copy, so fall back to the folder
beside ``src/``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def resources_dir() -> Path:
    packaged = Path(str(files("viewer"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"The viewer's resources folder is missing (looked in {packaged} and {checkout}).")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_path() -> Path:
    """The bundled Hertfordshire PDU inspection, opened when no file is given."""
    return resource_path("samples", "hertfordshire-pdu-2024.json")
