"""What a workbook may hold: limits far beyond any real workbook of inspections, which a hostile or broken
file reaches at once. They are checked while the file is read, before the memory is spent, and each
refusal names the limit and the place.

A workbook of 1,000 inspections of the size of the bundled sample (more than the Inspectorate has ever
published) is a 4.5 MB .xlsx whose largest sheet, 'figures', has 95,001 rows of 11 columns.
"""

from __future__ import annotations

# Rows per sheet: 5 times the 1,000-inspection 'figures' sheet; Excel's own last row (1,048,576) is beyond.
MAX_ROWS = 500_000
# Columns per sheet: the widest sheet has 16; LibreOffice's old limit. Excel's last column, XFD, is 16,384.
MAX_COLUMNS = 1_024
# Cells a sheet may span (rows x columns, empty ones included): what the engine allocates, at about 40 bytes
# a cell before any value is read (16 million: 640 MB).
MAX_CELLS = 16_000_000
# ... and a sheet may span at most one cell for each byte of its XML beyond this many, so that a few
# kilobytes cannot make the reader build millions of empty cells: the time and memory stay proportional
# to the file.
FREE_CELLS = 1_000_000
# Characters in one cell: Excel's limit, which the workbook writer keeps too.
MAX_CELL_CHARS = 32_767
# One XML tag, or one .ods row (with its cells), that a reader must hold whole while it checks it.
MAX_TAG_BYTES = 1 << 20
MAX_ROW_BYTES = 64 << 20
# One CSV file of a CSV workbook: the 'figures' table of 1,000 inspections is 12 MB.
MAX_CSV_BYTES = 100 << 20


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def extent_text(rows: int, columns: int) -> str:
    return f"A1:{column_letters(max(columns, 1))}{max(rows, 1)}"


def row_limit(what: str) -> str:
    """``what`` went past the row limit: "the sheet reaches row 1,048,576" -> the message."""
    return f"{what}; a sheet may have at most {MAX_ROWS:,} rows"


def column_limit(what: str) -> str:
    return f"{what}; a sheet may have at most {MAX_COLUMNS:,} columns (A to {column_letters(MAX_COLUMNS)})"


def reaches_column(column: int) -> str:
    return column_limit(f"the sheet reaches column {column_letters(column)} (column {column:,})")


def area_limit(data_bytes: int) -> int:
    return min(MAX_CELLS, data_bytes + FREE_CELLS)


def too_many_cells(rows: int, columns: int, data_bytes: int) -> str:
    cells = rows * columns
    if cells > MAX_CELLS:
        return (f"its cells span {extent_text(rows, columns)} ({cells:,} cells); a sheet may span at most "
                f"{MAX_CELLS:,} cells")
    return (f"its cells span {extent_text(rows, columns)} ({cells:,} cells, mostly empty) in {data_bytes:,} bytes "
            f"of data; a sheet may span at most {FREE_CELLS:,} cells more than it has bytes")
