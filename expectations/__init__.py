"""Checks on what comes in: great-expectations suites for each landing file kind.

A reader in `ingest/` types a file into a staging table of the candidate warehouse;
`validate.validate_staged_file` runs that kind's suite (`<kind>__suite.py`) on it before
the rows are appended to raw.*, and `quarantine.quarantine` moves a refused file aside.
"""

import os

# Before any great_expectations import anywhere in this package: GX must never phone home.
os.environ["GX_ANALYTICS_ENABLED"] = "false"
