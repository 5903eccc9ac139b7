"""Inspection Viewer: HM Inspectorate of Probation inspection data on the desktop."""

__version__ = "0.1.0"
