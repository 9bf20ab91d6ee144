# The two commands that matter: `make run` and `make test`. Both work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-postgres test-scale lint install install-dev browser servers gettext demo-audio messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the declared or pinned dependencies change.
# resemblyzer (Apache-2.0) carries the speaker encoder's weights in its wheel; we use only that
# file (archive/transcription/diarization.py), so it goes in without its dependencies: webrtcvad
# would need a C compiler, librosa a half-minute numba compile in every new worker.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt resemblyzer
	touch $@

# iiif-prezi3 validates our IIIF manifests in the tests. It caps Pillow at 12 for image helpers
# we do not use, while the project runs Pillow 13, so it goes in without its dependencies (its
# models need only pydantic, which is already there).
$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt iiif-prezi3
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py encrypt_originals
	$(BIN)/python manage.py load_demo
	PORT=$(PORT) BIN=$(BIN) scripts/serve.sh

lint: install-dev
	$(BIN)/ruff check archive tests benchmarks scripts manage.py
	$(BIN)/ruff format --check archive tests benchmarks scripts manage.py

# Browser tests use Debian's chromium; Playwright's own browser download cannot work offline.
# axe-core (accessibility checks injected into Chromium) comes from the npm registry, pinned.
AXE := tests/browser/node_modules/axe-core/axe.min.js

# Mirador, a IIIF viewer, for the test that plays a manifest from another origin: only its
# browser build, taken from the npm registry's tarball of the pinned version and checked.
MIRADOR := tests/browser/vendor/mirador-4.0.0/mirador.min.js
MIRADOR_SHA256 := ac2423944bd52ffb5a0fc02ff280c117fe39433fac56e50c0b79f0d1ca7c57e6

browser: $(AXE) $(MIRADOR)
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

$(MIRADOR):
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	mkdir -p $(@D)
	cd $(@D) && npm pack mirador@4.0.0 --silent >/dev/null
	echo "$(MIRADOR_SHA256)  $(@D)/mirador-4.0.0.tgz" | sha256sum --check --quiet
	tar -xzf $(@D)/mirador-4.0.0.tgz -C $(@D) --strip-components=2 package/dist/mirador.min.js
	rm $(@D)/mirador-4.0.0.tgz

$(AXE): tests/browser/package.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --prefix tests/browser --no-package-lock --no-audit --no-fund --silent
	touch $@

# Tests run in parallel processes (pytest-xdist), each with its own database and media tree;
# TEST_WORKERS=0 runs them in this one process.
TEST_WORKERS ?= auto

# The task worker tests run RQ on a real Redis server (Debian's package, installed if absent).
servers:
	@command -v redis-server >/dev/null || { \
	  echo "Installing Debian's redis-server for the task worker tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq redis-server >/dev/null; }

# The translation tests extract the catalogues afresh with Debian's gettext (installed if absent).
gettext:
	@command -v xgettext >/dev/null || { \
	  echo "Installing Debian's gettext for the translation tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq gettext >/dev/null; }

test: lint browser servers gettext
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=archive.settings.test
	$(BIN)/pytest --ds=archive.settings.test -m "not scale" --numprocesses=$(TEST_WORKERS) --maxprocesses=4

# The pipeline end to end on the scale-out parts, each a real server on loopback started by the
# tests: RQ on Debian's redis-server, private files in moto's S3-compatible server.
test-scale: install-dev servers
	$(BIN)/pytest --ds=archive.settings.test -m scale

# The suite's database tests on a throwaway PostgreSQL server (Debian's packages, installed if
# absent); tests that use no database would only repeat `make test`.
test-postgres: install-dev browser servers gettext
	BIN=$(BIN) scripts/test-postgres.sh --numprocesses=$(TEST_WORKERS) --maxprocesses=4

# Needs Debian's espeak-ng; the generated files are committed, so only run it to change them.
demo-audio: install
	$(BIN)/python scripts/make_demo_audio.py

# Needs Debian's gettext. Updates the Spanish catalogues (templates and Python; the admin
# scripts), then compiles them (the .mo files are committed). tests/test_translations.py fails
# while any string lacks its Spanish.
MAKEMESSAGES := makemessages --locale es --ignore 'settings/*' --no-obsolete
messages: install
	cd archive && ../$(BIN)/django-admin $(MAKEMESSAGES)
	cd archive && ../$(BIN)/django-admin $(MAKEMESSAGES) --domain djangojs
	cd archive && ../$(BIN)/django-admin compilemessages --locale es

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* static .pytest_cache .ruff_cache
