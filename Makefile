# mgdesk: `make run` and `make test` are all a new machine needs (Python 3.11+ and make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT_DB := build/content.sqlite
CONTENT_TOML := $(wildcard db/content/*.toml)
export QT_QPA_PLATFORM_TEST := offscreen

.PHONY: run test lint bench bundle bundle-test clean content content-pack

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

# A signed content pack of db/content; the private key's path comes from the environment and
# the key never enters the repository (README: "Updating the reference content").
content-pack: $(CONTENT_DB)
	@test -n "$(MGDESK_RELEASE_KEY)" || { echo "set MGDESK_RELEASE_KEY to the release private key (PEM)" >&2; exit 2; }
	@mkdir -p dist
	$(BIN)/mgdesk content pack --key "$(MGDESK_RELEASE_KEY)" \
		-o dist/content-$$($(BIN)/python -c 'import sqlite3; print(sqlite3.connect("$(CONTENT_DB)").execute("SELECT value FROM meta WHERE key = \x27content_version\x27").fetchone()[0])').mgpack \
		$(if $(CHANGELOG),--changelog "$(CHANGELOG)")

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

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
