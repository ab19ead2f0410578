# Two commands for a newcomer: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test install install-test clean

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

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Build the site and serve it with live reload at http://127.0.0.1:8000
serve: install
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ (fails on any warning)
build: install
	$(BIN)/mkdocs build --strict

## Install test dependencies, build the site and run every test
test: install-test
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
