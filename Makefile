# mgdesk: `make run` and `make test` are all a new machine needs (Python 3.11+ and make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT_DB := build/content.sqlite
CONTENT_TOML := $(wildcard db/content/*.toml)
export QT_QPA_PLATFORM_TEST := offscreen

.PHONY: run test test-a11y lint bench bundle bundle-test deb deb-test clean content content-pack

$(VENV): $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "mgdesk needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

$(CONTENT_DB): $(STAMP) $(CONTENT_TOML) mgdesk/store/content_build.py mgdesk/store/content_load.py mgdesk/store/readability.py
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
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not a11y"

# The AT-SPI group: the real window on Xvfb, read over a private accessibility bus as a screen
# reader does. Installs its Debian packages when they are missing (as root); without them the
# group fails with one line naming what is missing.
A11Y_DEBS := xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 libxcb-cursor0 \
	libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-xkb1 libxcb-shape0 libxcb-randr0
A11Y_READY := command -v Xvfb >/dev/null && command -v dbus-daemon >/dev/null && \
	test -x /usr/libexec/at-spi-bus-launcher && /usr/bin/python3 -c 'import pyatspi' 2>/dev/null

test-a11y: $(CONTENT_DB)
	@$(A11Y_READY) || { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends $(A11Y_DEBS); } || true
	$(BIN)/python -m pytest -q -m a11y tests/a11y

lint: $(STAMP)
	$(BIN)/ruff check mgdesk tests bench packaging
	$(BIN)/ruff format --check mgdesk tests bench packaging
	$(BIN)/mypy mgdesk

bench: $(CONTENT_DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py
	$(BIN)/python bench/content_report.py

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
