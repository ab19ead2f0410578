# Two commands for a newcomer: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap's dates come from the last commit, not from today.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve build test lint install install-test clean anchors bench import

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: pyproject.toml | $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Build the site and serve it with live reload at http://127.0.0.1:8000
serve: install
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ in partitions, JOBS at a time (default: one per core), rebuilding only
## what changed since the last build (tools/build_site.py); the same site as `mkdocs build --strict`
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
build: install
	$(BIN)/python tools/build_site.py --jobs $(JOBS)

## Install test dependencies, check the code, build the site and run every test
# Two workers; the tests read the build just made (TEST_SITE_DIR); the tests of a module with an
# expensive module fixture stay on one worker (xdist_group).
test: install-test lint
	$(BIN)/mkdocs build --strict
	TEST_SITE_DIR=site $(BIN)/python -m pytest -n 2 --dist loadgroup

## Lint and type-check the Python (settings in pyproject.toml)
lint: install-test
	$(BIN)/ruff check hooks tools bench tests
	$(BIN)/mypy hooks tools bench tests

## Add the links the site publishes now to anchors.lock (after adding pages or paragraphs on purpose)
anchors: install
	$(BIN)/python tools/update_anchors.py

## Import a record into data/: make import SRC=path/to/A-76-PV.102.pdf (or a .txt summary, or a folder of records) [ID=meeting-id]
import: install
	@test -n "$(SRC)" || { echo "usage: make import SRC=path/to/record.pdf|summary.txt|folder [ID=meeting-id]"; exit 2; }
	$(BIN)/python tools/import_record.py "$(SRC)" $(if $(ID),--id "$(ID)")

## Benchmark build cost and growth, page weight and Lighthouse; writes BENCHMARKS.md (about 20 minutes)
bench: install-test $(VENV)/.installed-bench .bench/node_modules/.bin/lighthouse
	$(BIN)/python bench/run.py
	$(BIN)/python bench/scale.py

# Lighthouse from npm, in a gitignored folder of the project; it drives Debian's Chromium (CHROME_PATH).
.bench/node_modules/.bin/lighthouse:
	npm install --prefix .bench --no-audit --no-fund --loglevel=error lighthouse@12.2.3

clean:
	rm -rf site .build .pytest_cache .mypy_cache .ruff_cache
