"""The library of published outcomes: every inspection the inspectorate has published a rating for, read
from stored source texts, each value with the words it was read from (``build``), and the viewer's way
of reading, filtering and tracing it (``load``)."""

from viewer.library.load import Outcome, history, library_dir, load_library, select

# ``viewer.library.entries`` (the library as Compare takes it) is imported from there: it needs pandas.
__all__ = ["Outcome", "history", "library_dir", "load_library", "select"]
