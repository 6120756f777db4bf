# The two commands: `make run` and `make test`. Both set up .venv on a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup system-packages run test pytest lint serve screenshots bench bench-pages docs clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p $(DAGSTER_HOME)
	$(VENV)/bin/toteuma prepare

## run the nightly job on the bundled demo data (generated into ./landing when it is empty)
run: setup
	$(VENV)/bin/toteuma run --demo-if-empty

# Debian packages the suite drives: Chromium (the review's browser tests, through
# Playwright) and PostgreSQL's server (the store on PostgreSQL). Installed with apt-get when
# missing and we are root (CI on a clean Debian); otherwise named, and make stops.
SYSTEM_PACKAGES_MISSING = $(strip \
	$(if $(wildcard /usr/bin/chromium),,chromium) \
	$(if $(wildcard /usr/bin/chromedriver),,chromium-driver) \
	$(if $(wildcard /usr/lib/postgresql/*/bin/initdb),,postgresql))

system-packages:
	@missing="$(SYSTEM_PACKAGES_MISSING)"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian packages the tests need: $$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -q && apt-get install -y -q $$missing; \
	else \
		echo "the tests need Debian packages that are missing: $$missing" >&2; \
		echo "install them as root: apt-get install $$missing" >&2; \
		exit 1; \
	fi

## lint and the whole test suite
test: setup system-packages
	$(MAKE) --no-print-directory -j2 --output-sync=target lint pytest

# the suite alone; `make test` runs it beside lint (sqlfluff's ~30 s overlap the suite's
# waits for dbt and DuckDB instead of adding to them)
pytest: $(STAMP) system-packages
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	cd dbt_project && ../$(VENV)/bin/sqlfluff lint models tests --processes 2

## the Dagster UI on workspace.yaml (sharing the instance folder with `toteuma run`) and
## the controllers' review pages (`toteuma web`); Ctrl-C stops both
serve: setup
	$(VENV)/bin/toteuma web & web=$$!; \
	trap 'kill -TERM $$web 2>/dev/null; wait $$web' EXIT INT TERM; \
	$(VENV)/bin/dagster dev -w workspace.yaml

## the review pages' screenshots for the README (docs/images/*.png), from the browser test
screenshots: $(STAMP) system-packages
	TOTEUMA_SCREENSHOTS_DIR=$(CURDIR)/docs/images $(PY) -m pytest -q \
		tests/integration/test_review_browser.py

## dbt's documentation of the published warehouse, one HTML file (var/dbt_docs/static_index.html)
docs: setup
	$(VENV)/bin/toteuma docs

## speed and memory at 1 M and 10 M ledger rows (printed, never asserted); BENCH_ARGS=--with-50m adds 50 M
bench: setup
	$(PY) -m demo.bench $(BENCH_ARGS)

## server time of each review page and 20 users saving at once, on the 10 M-row bench
## warehouse (built once under bench/, reused); bench/pages.json, docs/performance.md
bench-pages: setup
	nice -n 10 $(PY) -m bench.pages $(BENCH_PAGES_ARGS)

clean:
	rm -rf $(VENV) .dagster_home dbt_project/target var
