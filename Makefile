# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts unit bench console clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/parkbridge run

console: $(STAMP)
	$(BIN)/parkbridge console

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Import contracts (pyproject.toml): which layer may import which.
contracts: $(STAMP)
	$(BIN)/lint-imports --no-cache

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck contracts unit

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

# Re-extract the bot's own words into the template and merge them into the four catalogs.
messages: $(STAMP)
	$(BIN)/pybabel extract -F locales/babel.cfg -k t -k tn:1,2 -k N_ --no-location \
		--sort-output --omit-header -o locales/parkbridge.pot .
	$(BIN)/pybabel update -i locales/parkbridge.pot -d locales -D parkbridge \
		--width 100 --ignore-obsolete --no-fuzzy-matching
	$(BIN)/python -m bot.common.catalog_tools
