"""The inspectorate's published report (text, web page or PDF), imported as an inspection."""

from viewer.formats.published_report.importer import ImportResult, import_report, parse_report_text

__all__ = ["ImportResult", "import_report", "parse_report_text"]
