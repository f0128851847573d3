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
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,ray]'
	touch $(STAMP)

demo: setup
	mkdir -p $(OUT)
	$(BIN)/storyline brief examples --db $(OUT)/demo.db
	$(BIN)/storyline brief examples --db $(OUT)/demo.db --format html -o $(OUT)/briefings --quiet
	@echo "HTML reports, one per story: $(OUT)/briefings/"

# The tests run in a random order (pytest-randomly prints its seed; `--randomly-seed=N` repeats
# an order, `-p no:randomly` keeps file order), so that no test leans on another.
# The browser tests (tests/test_browser.py) drive Debian's chromium; they skip without it.
# Installed here when apt-get and root are at hand; never fails the target when they are not.
test: setup
	@[ -x /usr/bin/chromium ] || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || echo "chromium not installed: the browser tests will skip"
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
