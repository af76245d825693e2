# aleppo-events: set-up, main job, tests. Run `make help` for the list.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INPUT  ?= data/raw
OUT    ?= data/processed
GOLD   ?= ../shared/gold/seeds_dev.jsonl
MODELS ?= models
# optional model backends for `make run`: stanza, camel, all (default: rules only)
BACKEND ?=

.PHONY: help setup run test eval bench clean report export models doctor

help:
	@echo "make setup  - create .venv and install the package (CPU torch first)"
	@echo "make run    - process $(INPUT) into tables in $(OUT)"
	@echo "make test   - run the test suite"
	@echo "make eval   - score $(OUT) against the dev gold ($(GOLD))"
	@echo "make report - run, then write $(OUT)/report.html (timeline, actor network, every event with its evidence)"
	@echo "make export - run, then write $(OUT)/events.cameo.tsv and $(OUT)/events.jsonl"
	@echo "make models - download stanza's Arabic models and camel-tools' light data into $(MODELS)/ (needs internet)"
	@echo "make doctor - say which optional backends (stanza, camel) can run here; make run BACKEND=stanza,camel uses them"
	@echo "make bench  - benchmark on a generated corpus of 5,000 articles -> benchmarks/results.md (a few minutes)"

$(BIN)/aleppo-events: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: pip then keeps this CPU build instead of pulling a multi-GB CUDA one
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

setup: $(BIN)/aleppo-events

run: setup
	$(BIN)/aleppo-events run $(INPUT) --out $(OUT)$(if $(BACKEND), --backend $(BACKEND))

test: setup
	$(BIN)/python -m pytest

eval: run
	$(BIN)/aleppo-events evaluate $(GOLD) --out $(OUT) --verbose

report: run
	$(BIN)/aleppo-events report $(OUT) --html $(OUT)/report.html
	@echo "open file://$(abspath $(OUT))/report.html in a browser"

export: run
	$(BIN)/aleppo-events export $(OUT) --cameo $(OUT)/events.cameo.tsv --jsonl $(OUT)/events.jsonl

# Not a test: measures speed, memory, re-runs and engines on a generated corpus
# (benchmarks/corpus/, gitignored) and writes benchmarks/results.{md,json}.
bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(OUT)/*.parquet $(OUT)/*.csv $(OUT)/state.sqlite $(OUT)/report.html $(OUT)/events.cameo.tsv $(OUT)/events.jsonl

# Models for the optional backends; the only target that needs internet. They
# land under $(MODELS)/, where a run started from this folder finds them
# (elsewhere: set STANZA_RESOURCES_DIR and CAMELTOOLS_DATA to these folders).
models: setup
	$(BIN)/python -c "import stanza; stanza.download('ar', model_dir='$(MODELS)/stanza', processors='tokenize,mwt,pos,lemma,depparse,ner')"
	CAMELTOOLS_DATA=$(abspath $(MODELS))/camel_tools $(BIN)/camel_data -i light
	$(BIN)/aleppo-events doctor

doctor: setup
	$(BIN)/aleppo-events doctor
