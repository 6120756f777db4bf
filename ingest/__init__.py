"""Step 1 of the nightly flow: the landing folder into raw.* of the candidate warehouse.

What belongs here:
- which files the landing folder holds and whether it is fit to load from
  (`landing.py`, `landing_checks.py`), and what each kind of finance file is: its name,
  key, columns with their headers, value rules and suite (`sources.py`, the registry);
- CSV bytes into typed, masked rows, one DuckDB scan per kind and batch (`batch.py`,
  `scan.py`, `encoding.py`, `lines.py`, `csv_format.py`, `value_rules.py`, `hetu.py`);
- each batch checked with its great-expectations suite (`expectations/`), then stored
  in raw.* (`load.py`) or refused into quarantine (`quarantine.py`); `finance.py` does
  the three in a night's order, `goals/` the same for the goal workbooks.

What does not: Dagster (the assets in orchestration/ call these functions, unit tests
call them on tiny files); whether a night publishes (warehouse/gate/ decides: ingest only records
each file's failing checks in audit_run.file_checks); dbt models (dbt_project/);
anything copied into the published file (warehouse/publish/).
"""
