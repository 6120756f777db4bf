"""The quality gate: what the run's checks found, and whether it may publish.

What belongs here: every check of a run gathered into results with row-level evidence
(file checks recorded by ingest: `file_checks.py`; dbt tests: `dbt_results.py`),
waivers applied by rule (`waivers.py`, the one place a waiver is matched), the morning
review's triage (`triage.py`, `organisation.py`), the audit history (`history.py`), the
decision (`decide.py`: a `Verdict` the nightly job hands to the publish step) and the
blocking failures as people read them (`blocking.py`).

What does not: running checks (the suites are in expectations/, dbt's tests in
dbt_project/tests/), the controllers' decisions themselves (warehouse/controls/),
copying anything into the published file (warehouse/publish/), Dagster.
"""
