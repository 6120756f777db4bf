# The two commands: `make run` and `make test`. Both set up .venv on a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup run test pytest lint serve bench docs clean

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

## lint and the whole test suite
test: setup
	$(MAKE) --no-print-directory -j2 --output-sync=target lint pytest

# the suite alone; `make test` runs it beside lint (sqlfluff's ~30 s overlap the suite's
# waits for dbt and DuckDB instead of adding to them)
pytest: $(STAMP)
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	cd dbt_project && ../$(VENV)/bin/sqlfluff lint models tests --processes 2

## the Dagster UI on workspace.yaml, sharing the instance folder with `toteuma run`
serve: setup
	$(VENV)/bin/dagster dev -w workspace.yaml

## dbt's documentation of the published warehouse, one HTML file (var/dbt_docs/static_index.html)
docs: setup
	$(VENV)/bin/toteuma docs

## speed and memory at 1 M and 10 M ledger rows (printed, never asserted); BENCH_ARGS=--with-50m adds 50 M
bench: setup
	$(PY) -m demo.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .dagster_home dbt_project/target var
