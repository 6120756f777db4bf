"""The landing folder read: landing files into typed rows, checked, into raw.*.

What belongs here:
- which files the landing folder holds and whether it is fit to load from
  (`landing.py`, `landing_checks.py`), and what each kind of finance file is: its name,
  key, columns with their headers, value rules and suite (`sources.py`, the registry);
- CSV bytes into typed rows with identity codes masked (warehouse.hetu), one DuckDB scan
  per kind and batch (`batch.py`, `scan.py`, `encoding.py`, `lines.py`, `csv_format.py`,
  `value_rules.py`);
- each batch checked with its great-expectations suite (expectations/), then handed to
  warehouse.raw (`load.py`) or refused into quarantine (`quarantine.py`); `finance.py`
  does the three in a night's order, `goals/` the same for the goal workbooks.

What does not: Dagster (the assets in orchestration/ call these functions, unit tests
call them on tiny files); the suites themselves (expectations/); how rows are stored and
whether a night publishes (warehouse/: ingest only records each file's failing checks
in audit_run.file_checks); dbt models (dbt_project/).
"""
