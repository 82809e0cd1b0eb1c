# Everything runs in a local virtual environment, made on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
DATA   ?= ../shared/data

.PHONY: install dev test eval bench models clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python          ## the tool itself
	$(BIN)/pip install --quiet .

dev: $(BIN)/python              ## the tool, editable, with test and evaluation dependencies
	$(BIN)/pip install --quiet -e '.[dev]'

test: dev                       ## the test suite
	$(BIN)/python -m pytest -q

eval: dev                       ## accuracy on ../shared/data against the floors in scripts/eval_floors.json
	$(BIN)/python scripts/evaluate.py --data $(DATA)

bench: dev                      ## speed, side by side with the peers (the bench extra: sumy, spaCy)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python scripts/bench.py --data $(DATA)

models: dev                     ## rebuild every shipped model and table from ../shared/data and the data packages
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python scripts/build_countries.py
	$(BIN)/python scripts/build_minhash.py
	$(BIN)/python scripts/build_ner_lexicons.py
	$(BIN)/python scripts/train_punkt.py --data $(DATA)
	$(BIN)/python scripts/build_clusters.py --data $(DATA)
	$(BIN)/python scripts/build_term_statistics.py --data $(DATA)
	$(BIN)/python scripts/train_ner.py --data $(DATA)
	$(BIN)/python scripts/train_quotes.py --data $(DATA)
	$(BIN)/python scripts/train_summary.py --data $(DATA)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
