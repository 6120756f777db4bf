"""Building blocks the suites share: every expectation says how bad a failure is and why.

`meta` of each expectation holds `rule` (a short name), `severity` ('error' refuses the
file, 'warn' is only reported) and `explanation` (what a controller should know).
"""

import math
from collections.abc import Iterable, Mapping

import great_expectations as gx
from great_expectations.expectations import Expectation

ERROR = "error"
WARN = "warn"
# GX's own severity field mirrors ours, so Data Docs show the same distinction.
_GX_SEVERITY = {ERROR: "critical", WARN: "warning"}
# The identity columns ingest adds to every raw table (see docs/architecture.md).
SOURCE_COLUMNS = {"source_file": "VARCHAR", "source_hash": "VARCHAR", "source_row": "INTEGER"}


def described(rule: str, severity: str, explanation: str) -> dict[str, object]:
    """The keyword arguments that give an expectation its rule name, severity and reason."""
    return {
        "meta": {"rule": rule, "severity": severity, "explanation": explanation},
        "severity": _GX_SEVERITY[severity],
        "description": explanation,
    }


def typed_columns(columns: Mapping[str, str]) -> list[Expectation]:
    """Each column exists and has the DuckDB type of the raw table's contract."""
    found: list[Expectation] = []
    for name, kind in {**columns, **SOURCE_COLUMNS}.items():
        base_type = kind.split("(")[0]
        found.append(
            gx.expectations.ExpectColumnToExist(
                column=name,
                **described("column_exists", ERROR, f"The staged file has no column {name}."),
            )
        )
        found.append(
            gx.expectations.ExpectColumnValuesToBeOfType(
                column=name,
                type_=base_type,
                **described("column_type", ERROR, f"Column {name} should be of type {kind}."),
            )
        )
    return found


def required(columns: Mapping[str, str]) -> list[Expectation]:
    """Each column, given with the name a controller knows it by, has a value on every row."""
    return [
        gx.expectations.ExpectColumnValuesToNotBeNull(
            column=name,
            **described("required", ERROR, f"Every row must have a value in {label}."),
        )
        for name, label in columns.items()
    ]


def equals(column: str, value: object, explanation: str) -> Expectation:
    """Every row holds exactly `value` (e.g. the year of the file name)."""
    return gx.expectations.ExpectColumnValuesToBeInSet(
        column=column, value_set=[value], **described("same_as_file_name", ERROR, explanation)
    )


def unexpected_rows(rule: str, severity: str, explanation: str, sql: str) -> Expectation:
    """Fails when `sql` returns rows; in it the staged table is `staged`.

    GX fills in `{batch}` with str.format, so literal braces in `sql` must be doubled. It
    renders the batch as an already aliased subquery, hence the CTE that names it.
    """
    return gx.expectations.UnexpectedRowsExpectation(
        unexpected_rows_query=f"with staged as (select * from {{batch}}) {sql}",
        **described(rule, severity, explanation),
    )


def no_duplicates(columns: Iterable[str], severity: str, explanation: str) -> Expectation:
    """No two rows agree on all of `columns`; every copy is reported with its line."""
    key = ", ".join(columns)
    return unexpected_rows(
        "duplicate_rows",
        severity,
        explanation,
        f"select * from (select *, count(*) over (partition by {key}) as copies from staged)"
        " where copies > 1 order by source_row",
    )


def braces_escaped(sql: str) -> str:
    """SQL text safe inside an unexpected-rows query, which GX fills in with str.format."""
    return sql.replace("{", "{{").replace("}", "}}")


def year_of_file_name(fiscal_year: int) -> Expectation:
    """Tilikausi is the year the file name gives."""
    return equals(
        "fiscal_year", fiscal_year, f"Tilikausi must be {fiscal_year}, the year in the file name."
    )


# A re-export replacing a month (or a master data file) with under half of its rows is
# held back: an export cut short or filtered looks exactly like that.
MIN_SHARE_OF_REPLACED_ROWS = 0.5


def enough_rows(replaces_rows: int | None) -> Expectation:
    """The file has rows, and at least half as many as the earlier file it replaces."""
    if not replaces_rows:
        minimum = 1
        explanation = "The file has a header but no rows: nothing would be loaded."
    else:
        minimum = max(1, math.ceil(replaces_rows * MIN_SHARE_OF_REPLACED_ROWS))
        explanation = (
            f"The file would replace {replaces_rows} rows of its earlier version with fewer"
            f" than {minimum} (half as many). A re-export with no rows or far fewer rows is held"
            " back until a controller accepts it (a waiver of this check for the file's period)."
        )
    return gx.expectations.ExpectTableRowCountToBeBetween(
        min_value=minimum, **described("enough_rows", ERROR, explanation)
    )
