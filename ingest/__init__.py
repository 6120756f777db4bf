"""Readers of the landing files: CSV bytes in, typed and validated DuckDB rows out.

Nothing here imports Dagster: the orchestration layer calls these functions, and the
unit tests call them directly on tiny files.
"""
