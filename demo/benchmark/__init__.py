"""Pieces of `make bench` (demo/bench.py): measuring a process tree, the least-work floor,
the controllers' pandas script, stage times from the Dagster instance."""
