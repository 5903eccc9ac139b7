"""The inspection file: one inspection as JSON (``"format": "inspection-viewer/1"``), read and written."""

from viewer.formats.inspection_file.read import inspection_from_data, load_inspection, parse_inspection_text
from viewer.formats.inspection_file.write import FORMAT_ID, save_inspection

__all__ = ["FORMAT_ID", "inspection_from_data", "load_inspection", "parse_inspection_text", "save_inspection"]
