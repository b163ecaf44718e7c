# The two set-up commands of the README: `make demo` and `make test`.
# Both make the virtual environment .venv from pyproject.toml the first time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/closingdesk demo --out closingdesk-demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q -n auto --dist worksteal --durations=20

clean:
	rm -rf $(VENV) closingdesk-demo .pytest_cache .mypy_cache .ruff_cache
