"""Checks on what comes in: great-expectations suites for each landing file kind.

`ingest/` types a kind's changed files into one staging table of the candidate warehouse;
`validate.validate_batch` runs that kind's suite (`<kind>__suite.py`) on it once, the
outcome split per file, before the rows are appended to raw.*, and
`quarantine.quarantine` moves a refused file aside.
"""

import os

# Before any great_expectations import anywhere in this package: GX must never phone home.
os.environ["GX_ANALYTICS_ENABLED"] = "false"
