# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# torch comes in through argostranslate -> stanza. Pin the CPU build first so
# pip does not fetch a multi-GB CUDA build.
TORCH  := torch==2.13.0

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test venv tools clean

$(BIN)/babelwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[test,ray]'
	touch $@

venv: $(BIN)/babelwire

## Process seeds/ into output/seeds.jsonl (installs missing models when the Argos index is reachable;
## without it, babelwire says why and the seeds are processed untranslated, as the README says).
run: venv
	@$(BIN)/babelwire models install tr nl nb --to en || echo "make run: going on without the models: the records keep their original text"
	$(BIN)/babelwire ingest seeds/ -o output/seeds.jsonl --allow-untranslated

## Debian's tools the tests drive (each package installs the command of its name): headless
## Chromium for the digest's browser test; lynx, w3m, links and pandoc render HTML as users'
## scrapers write it (tests/render.py).
TOOLS := chromium lynx w3m links pandoc

tools:
	@missing=$$(for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || \
	  { [ $$t = chromium ] && command -v chromium-browser >/dev/null 2>&1; } || echo $$t; done); \
	[ -z "$$missing" ] || $(SUDO) apt-get install -y -q --no-install-recommends $$missing >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q --no-install-recommends $$missing; }

## Run the whole test suite.
test: venv tools
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
