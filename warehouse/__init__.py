"""The warehouse: the DuckDB files of write-audit-publish and everything that writes them.

One run builds a **candidate** (`var/toteuma.candidate.duckdb`), checks it, and only then
replaces the **published** file analysts open. What belongs here, in the order a night
goes through it:
- `raw.py`: the raw schema and the one way accepted landing rows enter it;
- `controls/`: the controllers' decisions the run obeys (sign-offs with their approved
  figures, explanations, signers, waivers) read into the candidate's `controls` schema,
  and the commands that write them (`signoff.py`, `waive.py`);
- `build_state.py`: whether dbt has anything to do (the last build's fingerprint);
- `gate/`: every check of the run with its evidence, waivers applied, triage, the
  history in the audit file and the decision;
- `publish/`: the atomic publication, the previous version for rollback, the snapshot
  of published months, and what goes out of the published file (Parquet, dbt docs,
  the e-mail digest);
- `run_lock.py`, `leftovers.py`: one run at a time per warehouse, and what a killed run
  leaves behind;
- `sql.py`, `hetu.py`: DuckDB helpers, and the identity-code mask no stored text escapes.

What does not: reading landing files (ingest/), the checks on them (expectations/), the
dbt models (dbt_project/), documents for people (reports/), Dagster and the command line
(orchestration/). Nothing here imports those, except reports' Finnish formatting.
"""
