# Two commands on a fresh machine: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out

.PHONY: setup demo test bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: setup
	mkdir -p $(OUT)
	$(BIN)/storyline brief examples/vellhaven-bridge-closure --db $(OUT)/demo.db
	$(BIN)/storyline show --db $(OUT)/demo.db --format html -o $(OUT)/briefing.html \
		$$($(BIN)/storyline stories --db $(OUT)/demo.db --format json | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
	@echo "HTML report: $(OUT)/briefing.html"

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
