# make run   - create .venv if needed, install the viewer, open it on the bundled sample
# make test  - same environment plus test extras, run the whole suite headless
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: run test bench screenshots template library wheel clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TESTSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

# The system libraries Qt needs for a window (and a display) are checked first, with the apt-get line for what is
# missing; with QT_QPA_PLATFORM=offscreen (no window, e.g. on a server) that check only notes what a desktop needs.
run: $(STAMP)
	$(BIN)/python -m viewer.setup_check
	$(BIN)/inspection-viewer $(FILES)

# The layering (import-linter) and the code style (ruff) are checked first: a violation fails the build.
test: $(TESTSTAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check src tests bench docs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(TESTSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py
	$(BIN)/python bench/check_many.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/summaries.py
	$(BIN)/python bench/import_report.py
	$(BIN)/python bench/pdf_readers.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/folder_load.py
	$(BIN)/python bench/workbook_io.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/library_compare.py

screenshots: $(TESTSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

# The empty workbook users start from: every sheet with its header row, and the README sheet.
template: $(STAMP)
	$(BIN)/python -c "from viewer.formats.workbook import write_workbook; write_workbook([], 'resources/templates/inspections-template.xlsx')"

# The library of published outcomes, rebuilt from resources/outcomes/sources and overrides.json with the
# viewer's own importer (the test suite checks the committed library is exactly what this writes).
library: $(STAMP)
	$(BIN)/python -m viewer.library.build

wheel: $(TESTSTAMP)
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) build dist
