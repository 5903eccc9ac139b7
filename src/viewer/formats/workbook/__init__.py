"""Workbooks: many inspections in one spreadsheet (.xlsx, .ods, or a folder of CSV tables), read and written."""

from viewer.formats.workbook.book import WorkbookError
from viewer.formats.workbook.read import read_workbook
from viewer.formats.workbook.write import WorkbookWriteError, inspection_ids, write_workbook

__all__ = ["WorkbookError", "WorkbookWriteError", "inspection_ids", "read_workbook", "write_workbook"]
