# Two commands for a newcomer: `make site` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check status bench clean language zim

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
	$(BIN)/python -m asm_academy check $(CHECK_ARGS)

status: $(STAMP)
	$(BIN)/python -m asm_academy status

bench: $(STAMP)
	$(BIN)/python -m asm_academy.tools.bench $(filter-out bench,$(MAKECMDGOALS))

# `make bench checks handouts` passes the part names through (bench refuses a name it does not know)
ifneq ($(filter bench,$(MAKECMDGOALS)),)
$(filter-out bench,$(MAKECMDGOALS)):
	@:
endif

# make language CODE=toi NAME="chiTonga" [ENGLISH_NAME="Tonga (Zimbabwe)"]
language: $(STAMP)
	@test -n "$(CODE)" -a -n "$(NAME)" || { echo 'usage: make language CODE=toi NAME="chiTonga" [ENGLISH_NAME="Tonga (Zimbabwe)"]'; exit 2; }
	$(BIN)/python -m asm_academy language "$(CODE)" --name "$(NAME)" --english-name "$(ENGLISH_NAME)"

clean:
	rm -rf site .cache

# make review-progress [BASE=origin/main]: what this branch changes in review progress (as a pull request's summary shows it)
BASE ?= origin/main
.PHONY: review-progress
review-progress: $(STAMP)
	$(BIN)/python -m asm_academy status --base "$(BASE)"

# the site with a ZIM file per language for Kiwix in site/zim/ (needs Debian's zim-tools), each checked by zimcheck
ifeq ($(filter bench,$(MAKECMDGOALS)),)   # in `make bench zim`, zim names the bench's part
zim: $(STAMP)
	$(BIN)/python -m asm_academy.tools.zim_export
endif
