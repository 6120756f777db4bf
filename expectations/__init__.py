"""Checks on what comes in: one great-expectations suite per finance source kind.

`ingest.finance` stages a kind's changed files in one table of the candidate warehouse;
`validate.validate_batch` runs the kind's suite (`suites/<kind>.py`, named in
`ingest/sources.py`) on it once, the outcome split per file, before the accepted files
are appended to raw.* and the refused ones quarantined (`ingest.quarantine`).

A subpackage of ingest/, as validating is a step of loading (stage, validate, append or
quarantine, in one asset, from the same registry entry as the reader); a package of its
own because it is the only code that imports great-expectations: importing GX costs
seconds, which a night with no new file never pays, and this is the one place that
tells GX not to phone home, before any module here imports it.

Not here: the rules a reader applies while typing a value (`ingest.value_rules`), checks
on what dbt builds (dbt_project/tests), waivers and the decision (warehouse/gate/).
"""

import os

os.environ["GX_ANALYTICS_ENABLED"] = "false"
