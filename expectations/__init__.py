"""Checks on what comes in: one great-expectations suite per finance source kind.

`ingest.finance` stages a kind's changed files in one table of the candidate warehouse;
`validate.validate_batch` runs the kind's suite (`suites/<kind>.py`, named in the
registry entry `ingest/sources.py` hands it) on it once, the outcome split per file,
before the accepted files are committed to raw.* (`warehouse.raw`) and the refused ones
quarantined (`ingest.quarantine`). Ingest calls this package; this package never imports
ingest (`contract.py` says what a suite needs of a registry entry).

A package of its own because it is the only code that imports great-expectations:
importing GX costs seconds, which a night with no new file never pays, and this is the
one place that tells GX not to phone home, before any module here imports it. Data Docs
(`data_docs.py`, `toteuma data-docs`) render the kept results.

Not here: the rules a reader applies while typing a value (`ingest.value_rules`), checks
on what dbt builds (dbt_project/tests), waivers and the decision (warehouse/gate/).
"""

import os

os.environ["GX_ANALYTICS_ENABLED"] = "false"
