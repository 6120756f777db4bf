"""Building blocks the suites share: every expectation says how bad a failure is and why.

`meta` of each expectation holds `rule` (a short name, which waivers and the history key
on: never translated), `severity` ('error' refuses the file, 'warn' is only reported) and
`explanation` (what a controller should know, in Finnish: the morning review, the
quarantine note and the gate's evidence show it).

A suite validates a **batch**: every changed file of one kind, staged in one table with
`source_file` and `source_row`. So a rule about rows of one file (duplicates, uniqueness,
overlaps) compares rows of the same file only, and a rule that returns rows returns at
most MAX_EXAMPLES of each file, with `failing_in_file`, the file's count of them. What
the typed reader already guarantees (columns, types, required values, the year and month
of the file name, value formats) is not checked again here.
"""

from collections.abc import Iterable

import great_expectations as gx
from great_expectations.expectations import Expectation

from expectations.failures import MAX_EXAMPLES
from expectations.per_file_rows import UnexpectedRowsPerFileExpectation

ERROR = "error"
WARN = "warn"
# GX's own severity field mirrors ours, so Data Docs show the same distinction.
_GX_SEVERITY = {ERROR: "critical", WARN: "warning"}


def described(rule: str, severity: str, explanation: str) -> dict[str, object]:
    """The keyword arguments that give an expectation its rule name, severity and reason."""
    return {
        "meta": {"rule": rule, "severity": severity, "explanation": explanation},
        "severity": _GX_SEVERITY[severity],
        "description": explanation,
    }


def unexpected_rows(rule: str, severity: str, explanation: str, sql: str) -> Expectation:
    """Fails when `sql` returns rows; in it the staged batch is `staged`.

    `sql` must return `source_file` and `source_row` (null for a rule about a whole file).
    GX fills in `{batch}` with str.format, so literal braces in `sql` must be doubled. It
    renders the batch as an already aliased subquery, hence the CTE that names it.
    """
    per_file = (
        f"with staged as (select * from {{batch}}), found as ({sql})"
        " select *, count(*) over (partition by source_file) as failing_in_file from found"
        f" qualify row_number() over (partition by source_file order by source_row)"
        f" <= {MAX_EXAMPLES}"
    )
    return UnexpectedRowsPerFileExpectation(
        unexpected_rows_query=per_file, **described(rule, severity, explanation)
    )


def in_set(column: str, values: Iterable[str], rule: str, severity: str, why: str) -> Expectation:
    """Each non-null value of `column` is one of `values` (reported per file, per row)."""
    return gx.expectations.ExpectColumnValuesToBeInSet(
        column=column, value_set=list(values), **described(rule, severity, why)
    )


def no_duplicates(columns: Iterable[str], severity: str, explanation: str) -> Expectation:
    """No two rows of one file agree on all of `columns`; every copy is reported."""
    return repeated("duplicate_rows", columns, severity, explanation)


def repeated(rule: str, columns: Iterable[str], severity: str, explanation: str) -> Expectation:
    """Rows of one file that share their values of `columns` with another row of it."""
    key = ", ".join(["source_file", *columns])
    # A hash of the key finds the candidates in one cheap aggregate; only their rows are
    # then compared column by column (a window over every row and column of a 10 M row
    # batch cost most of the suite's time)
    return unexpected_rows(
        rule,
        severity,
        explanation,
        f"select * exclude (_key_hash) from (select *, count(*) over (partition by {key})"
        f" as copies from (select *, hash({key}) as _key_hash from staged)"
        f" where _key_hash in (select hash({key}) from staged group by all"
        " having count(*) > 1)) where copies > 1",
    )


def braces_escaped(sql: str) -> str:
    """SQL text safe inside an unexpected-rows query, which GX fills in with str.format."""
    return sql.replace("{", "{{").replace("}", "}}")


def enough_rows(files_table: str) -> Expectation:
    """Each file has rows, and at least half as many as the earlier file it replaces.

    `files_table` holds one row per file of the batch (source_file, rows, min_rows,
    replaces_rows): a file with no rows has none in the batch itself.
    """
    return unexpected_rows(
        "enough_rows",
        ERROR,
        "Tiedostossa on oltava rivejä, ja vähintään puolet niin monta kuin sen korvaamassa"
        " aiemmassa versiossa (odotettu: aiemman tiedoston rivit; löytyi: tämän tiedoston"
        " rivit). Uusi vienti, jossa ei ole rivejä tai on paljon vähemmän rivejä, pidätetään,"
        " kunnes controller hyväksyy sen (poikkeuslupa tälle tarkistukselle tiedoston"
        " kaudelle).",
        "select source_file, null::integer as source_row, replaces_rows as expected,"
        f" rows as actual, min_rows from {files_table} where rows < min_rows",
    )


def in_fiscal_year(column: str, rule: str, explanation: str) -> Expectation:
    """`column` (a date) falls in the row's fiscal year (the year of its file name)."""
    return unexpected_rows(
        rule,
        ERROR,
        explanation,
        f"select * from staged where {column} not between make_date(fiscal_year, 1, 1)"
        f" and make_date(fiscal_year, 12, 31)",
    )
