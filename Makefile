# mgdesk: `make run` and `make test` are all a new machine needs (Python 3.11+ and make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT_DB := build/content.sqlite
CONTENT_TOML := $(wildcard db/content/*.toml)
export QT_QPA_PLATFORM_TEST := offscreen

.PHONY: run test lint bench bundle bundle-test deb deb-test clean content

$(VENV): $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "mgdesk needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

$(CONTENT_DB): $(STAMP) $(CONTENT_TOML) mgdesk/store/content_build.py mgdesk/store/content_load.py
	$(BIN)/python -m mgdesk.store.content_build

content: $(CONTENT_DB)

run: $(CONTENT_DB)
	$(BIN)/mgdesk gui

test: $(CONTENT_DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check mgdesk tests bench packaging
	$(BIN)/ruff format --check mgdesk tests bench packaging
	$(BIN)/mypy mgdesk

bench: $(CONTENT_DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

# The one-folder bundle and its tarball, from a virtual environment made afresh (build/bundle-venv);
# needs only a Python 3.11+, not .venv. See packaging/README.md.
bundle:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "mgdesk needs Python 3.11 or newer")'
	$(PYTHON) packaging/build.py

# The frozen program run with no Python on PATH: self-test, a handout, the window.
bundle-test:
	$(PYTHON) packaging/smoke_test.py

# The Debian package dist/mgdesk_<version>_amd64.deb from the bundle (built first if missing,
# never a second time), and the distributions' checks, an install and a purge. See
# packaging/README.md ("Debian and Ubuntu").
dist/mgdesk/mgdesk:
	$(MAKE) bundle

deb: dist/mgdesk/mgdesk
	QT_QPA_PLATFORM=offscreen build/bundle-venv/bin/python packaging/deb/screenshots.py build/deb/screenshots
	build/bundle-venv/bin/python packaging/deb/build_deb.py

deb-test:
	packaging/deb/deb_test.sh

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
