# Two commands for a newcomer: `make site` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check status bench clean

# (Re)create the virtual environment whenever requirements.txt changes.
$(STAMP): requirements.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/pytest

serve: $(STAMP)
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/python -m asm_academy check

status: $(STAMP)
	$(BIN)/python -m asm_academy status

bench: $(STAMP)
	$(BIN)/python -m asm_academy.tools.bench $(filter-out bench,$(MAKECMDGOALS))

# `make bench checks handouts` passes the part names through
checks handouts weight search lighthouse:
	@:

clean:
	rm -rf site .cache
