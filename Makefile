# Two commands for a newcomer: `make site` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check status bench clean

# (Re)create the virtual environment whenever requirements.txt changes.
$(STAMP): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'asm_academy_src.pth').write_text('$(CURDIR)\n')"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/pytest

serve: $(STAMP)
	ASM_HANDOUTS=$${ASM_HANDOUTS:-off} $(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/python -m asm_academy check

status: $(STAMP)
	$(BIN)/python -m asm_academy status

bench: $(STAMP)
	$(BIN)/python -m asm_academy.bench $(filter-out bench,$(MAKECMDGOALS))

# `make bench checks handouts` passes the part names through
checks handouts weight search lighthouse:
	@:

clean:
	rm -rf site .cache
