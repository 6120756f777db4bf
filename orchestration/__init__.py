"""Dagster definitions and the `toteuma` command line."""
