# plazo — two commands to a running demo and a green test run:  make demo  ·  make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo studio test check lint typecheck bench serve clean train-checker

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "plazo needs Python 3.11 or newer (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(VENV)/.installed  ## create the virtualenv, install plazo, run the demo
	$(BIN)/plazo demo

studio: $(VENV)/.installed  ## your own studio on an empty home: install, then plazo init (asks)
	$(BIN)/plazo init

test: $(VENV)/.installed-test  ## install the test extras and run the whole suite
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

check: lint typecheck test  ## ruff, mypy and the tests: what CI runs

bench: $(VENV)/.installed  ## run every benchmark in benchmarks/ (each prints JSON)
	@for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

$(VENV)/.installed-train: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[train]'
	@touch $@

# Retrain the message checker on corpus/checker (deterministic, seed 13) and export its weights.
train-checker: $(VENV)/.installed-train  ## retrain the checker's model (docs/checker.md)
	$(BIN)/python -m plazo.checktrain.split corpus/checker > /dev/null
	$(BIN)/python -m plazo.checktrain.train corpus/checker --seed 13 \
		-o src/plazo/core/check/weights/checker-v1.npz

serve: $(VENV)/.installed
	$(BIN)/plazo serve

clean:
	rm -rf $(VENV) .plazo .mypy_cache .ruff_cache .pytest_cache
