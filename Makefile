# aleppo-events: set-up, main job, tests. Run `make help` for the list.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INPUT  ?= data/raw
OUT    ?= data/processed
GOLD   ?= data/gold/seeds_dev.jsonl
NEWS   ?= ../shared/dev-news
NEWS_GOLD ?= ../shared/gold/news_dev.jsonl
NEWS_OUT  ?= data/processed-news
MODELS ?= models
# optional model backends for `make run`: stanza, camel, all (default: rules only)
BACKEND ?=

.PHONY: help setup setup-stanza lock run test eval eval-news bench bench-synthetic clean report export models doctor

help:
	@echo "make setup  - create .venv with the locked packages (requirements/lock.txt) and the package"
	@echo "make setup-stanza - add the optional stanza backend (stanza, CPU torch) from requirements/lock-stanza.txt"
	@echo "make lock   - refresh the lock files from pyproject.toml's ranges (needs the package index)"
	@echo "make run    - process $(INPUT) into tables in $(OUT)"
	@echo "make test   - run the test suite"
	@echo "make eval   - score $(OUT) against the sample articles' gold ($(GOLD))"
	@echo "make eval-news - run on $(NEWS) and score it against $(NEWS_GOLD)"
	@echo "make report - run, then write $(OUT)/report.html (timeline, actor network, every event with its evidence)"
	@echo "make export - run, then write $(OUT)/events.cameo.tsv and $(OUT)/events.jsonl"
	@echo "make models - download stanza's Arabic models and camel-tools' light data into $(MODELS)/ (needs internet)"
	@echo "make doctor - say which optional backends (stanza, camel) can run here; make run BACKEND=stanza,camel uses them"
	@echo "make bench  - benchmark on real news (../shared/corpus; SIZES=1000,5000,20000) -> benchmarks/results.md"
	@echo "make bench-synthetic - the same on a generated corpus of 5,000 articles -> benchmarks/results-synthetic.md"

# Exact versions with hashes (requirements/*.txt, made by `make lock`): every
# fresh .venv gets the same packages, whatever the index serves that day.
# --no-deps: the lock already lists every package, and leaves out the parts of
# camel-tools' dependencies that aleppo-events never imports (requirements/overrides.txt).
LOCK        := requirements/lock.txt
LOCK_STANZA := requirements/lock-stanza.txt
PIP_LOCKED  := $(BIN)/pip install --quiet --no-deps --require-hashes

$(BIN)/aleppo-events: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

setup: $(BIN)/aleppo-events

# The optional stanza backend on top: stanza and the CPU build of torch (the
# pinned file; a plain `pip install torch` would take a CUDA build of several GB).
$(VENV)/.stanza: $(BIN)/aleppo-events $(LOCK_STANZA)
	$(PIP_LOCKED) -r $(LOCK_STANZA)
	@touch $@

setup-stanza: $(VENV)/.stanza

# Refresh the lock files from pyproject.toml's ranges (needs the package index),
# then regenerate what is derived from the locked packages and re-install.
UV := $(BIN)/uv
# where the CPU build of torch lies: this machine's wheel folder, or PyTorch's CPU index elsewhere
TORCH_WHEELS ?= /opt/wheels
UV_COMPILE := $(UV) pip compile pyproject.toml requirements/build.in --generate-hashes --python-version 3.11 --quiet
lock: setup
	$(BIN)/pip install --quiet uv==0.13.9
	$(UV_COMPILE) --extra test --override requirements/overrides.txt -o $(LOCK) $(LOCK_ARGS)
	$(UV_COMPILE) --extra test --extra stanza --override requirements/overrides-stanza.txt \
	  --constraint $(LOCK) --find-links $(TORCH_WHEELS) -o $(LOCK_STANZA) $(LOCK_ARGS)
	$(PIP_LOCKED) -r $(LOCK)
	$(BIN)/python -m aleppo_events.lexicon.world
	@echo "lock files refreshed: review git diff requirements/ src/aleppo_events/resources/generated/, then make test"

run: setup $(if $(findstring stanza,$(BACKEND)),setup-stanza)
	$(BIN)/aleppo-events run $(INPUT) --out $(OUT)$(if $(BACKEND), --backend $(BACKEND))

test: setup
	$(BIN)/python -m pytest

eval: run
	$(BIN)/aleppo-events evaluate $(OUT) $(GOLD) --verbose --scope gold  # it labels 3 of the 5 sample articles

eval-news: setup
	$(BIN)/aleppo-events run $(NEWS) --out $(NEWS_OUT)
	$(BIN)/aleppo-events evaluate $(NEWS_OUT) $(NEWS_GOLD) --verbose

report: run
	$(BIN)/aleppo-events report $(OUT) --html $(OUT)/report.html
	@echo "open file://$(abspath $(OUT))/report.html in a browser"

export: run
	$(BIN)/aleppo-events export $(OUT) --cameo $(OUT)/events.cameo.tsv --jsonl $(OUT)/events.jsonl

# Not a test: measures speed, memory, re-runs and engines. Real news: ../shared/corpus/ant_news_2018.jsonl.gz unpacked into a temporary
# folder (never into the repository), repeated beyond 5,000 articles when SIZES
# asks for more (e.g. make bench SIZES=1000,5000,20000) -> benchmarks/results.md.
SIZES ?= 1000,5000
bench: setup
	$(BIN)/python benchmarks/bench.py --real --sizes $(SIZES) --repeat $(or $(REPEAT),3)

# The earlier benchmark on a generated corpus -> benchmarks/results-synthetic.md
bench-synthetic: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(OUT)/*.parquet $(OUT)/*.csv $(OUT)/state.sqlite $(OUT)/report.html $(OUT)/events.cameo.tsv $(OUT)/events.jsonl

# Models for the optional backends; the only target that needs internet. They
# land under $(MODELS)/, where a run started from this folder finds them
# (elsewhere: set STANZA_RESOURCES_DIR and CAMELTOOLS_DATA to these folders).
models: setup-stanza
	$(BIN)/python -c "import stanza; stanza.download('ar', model_dir='$(MODELS)/stanza', processors='tokenize,mwt,pos,lemma,depparse,ner')"
	CAMELTOOLS_DATA=$(abspath $(MODELS))/camel_tools $(BIN)/camel_data -i light
	$(BIN)/aleppo-events doctor

doctor: setup
	$(BIN)/aleppo-events doctor
