"""When each step of the flow runs, and with what: Dagster and the `toteuma` command.

What belongs here: the assets (`assets/`), the job, schedule and sensor (`jobs.py`), the
resources and settings (`settings.py` is the one module that reads the environment), the
run lock and what a killed run leaves (`run_lock.py`, `run_guard.py`, `leftovers.py`),
running the job in process (`runner.py`), the dbt project as Dagster sees it and whether
dbt has anything to do (`dbt_project.py`, `dbt_state.py`), failed dbt checks as the UI
shows them (`check_evidence.py`), and the command line (`cli.py`; what a run shows on
the terminal and writes to its log file: `run_display.py`).

What does not: what a step does. The assets call ingest/, expectations/ (through ingest),
warehouse/ and dbt.
"""
