# The two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings_test

.PHONY: run test check lint format messages makemessages services tools clean screenshots bench accessibility mutate

$(BIN)/python:
	@scripts/check-python.sh $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# gettext's msgfmt compiles the translations.
messages:
	@scripts/ensure-tool.sh msgfmt gettext
	@$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v0

makemessages: $(VENV)/.dev-installed
	$(BIN)/python manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(BIN)/python scripts/typeset-french.py locale/fr/LC_MESSAGES/django.po

## make run: the whole product on embedded defaults (SQLite, mail to var/mail/, no Redis).
run: $(VENV)/.runtime-installed messages
	@mkdir -p var/mail var/celery/queue var/celery/control
	@$(BIN)/python manage.py migrate --noinput -v0
	@echo ""
	@echo "  ➜  Open http://127.0.0.1:8000  (web, reminder worker and scheduler run together; Ctrl-C stops them all)"
	@echo ""
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile start

services:
	@scripts/ensure-services.sh

tools:
	@scripts/ensure-tool.sh /usr/bin/chromium chromium
	@scripts/ensure-tool.sh wrk wrk
	@scripts/ensure-tool.sh /usr/bin/time time

## make test: the whole suite against real PostgreSQL and Redis. The browser tests' accessibility
## results are written to optout/accessibility_results.json, which the accessibility statement shows.
ACCESSIBILITY_RESULTS := optout/accessibility_results.json

test: $(VENV)/.dev-installed services tools messages lint
	ACCESSIBILITY_RESULTS=$(ACCESSIBILITY_RESULTS) $(TEST_SETTINGS) $(BIN)/pytest --create-db

## make check: the fast loop (under a minute): lint, then every test but the browser, system, benchmark and
## slow ones (markers in pyproject.toml), two or more at a time, on a test database kept between runs.
check: $(VENV)/.dev-installed services messages lint
	env -u PYTHONDONTWRITEBYTECODE $(TEST_SETTINGS) $(BIN)/pytest -q -n auto --reuse-db \
		-m "not e2e and not system and not bench and not slow" --hypothesis-profile=check

## make accessibility: only the browser tests, to refresh the accessibility statement's figures.
accessibility: $(VENV)/.dev-installed services tools messages
	ACCESSIBILITY_RESULTS=$(ACCESSIBILITY_RESULTS) $(TEST_SETTINGS) $(BIN)/pytest tests/e2e --create-db -q -p no:randomly

## make screenshots: the main pages in French, desktop and phone, into docs/screenshots/.
screenshots: $(VENV)/.dev-installed services tools messages
	SCREENSHOTS_DIR=docs/screenshots $(TEST_SETTINGS) $(BIN)/pytest tests/e2e/test_screenshots.py --create-db -q -p no:randomly

## make bench: every benchmark at full size (under 20 minutes on 2 cores); writes bench/RESULTS.md.
## One alone, smaller: make bench BENCH_ARGS="--only pages --size small" (python -m bench.run --help).
## Beside another run: BENCH_DB_PREFIX=… BENCH_REDIS_DB=… make bench (its databases and Redis db).
bench: $(VENV)/.dev-installed services messages
	@scripts/ensure-tool.sh wrk wrk
	@scripts/ensure-tool.sh /usr/bin/time time
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## make mutate: mutation testing of the date, action and reminder core (about 15 minutes; not in CI). Each small
## change of those rules — mutmut's, and each rule constant moved by one unit — must make a fast test fail; the
## last line says how many did (docs/mutants.md lists the changes no one could notice). Exits 1 if one survived.
mutate: $(VENV)/.dev-installed services messages
	$(TEST_SETTINGS) $(BIN)/python scripts/mutate.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache mutants
