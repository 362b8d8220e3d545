# Two commands set everything up on a fresh machine:
#   make example   install rolint (and LanguageTool on first use) and check examples/stire.md
#   make test      install rolint, Java/Maven if missing, LanguageTool, and run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test install languagetool clean

$(BIN)/rolint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

install: $(BIN)/rolint

languagetool: install
	PYTHON=$(BIN)/python bash .ci/install-languagetool.sh

example: install
	@$(BIN)/rolint check examples/stire.md; status=$$?; [ $$status -le 1 ] || exit $$status

test: languagetool
	$(BIN)/ruff check rolint tests bench
	ROLINT_REQUIRE_LT=1 $(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .pytest_cache
