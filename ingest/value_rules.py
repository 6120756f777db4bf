"""Value rules a reader applies while typing a field: an SQL predicate and what people see."""

from dataclasses import dataclass

from ingest import csv_format
from warehouse.sql import ident, literal


@dataclass(frozen=True)
class Rule:
    """A value rule: `is_valid` is an SQL predicate over the row's text columns, each
    trimmed by the reader (`csv_format.text_sql`: NULL for an empty field).

    Rules about what the file name says compare with the batch's file columns
    (`file_kunta`, `file_year`, `file_month`); their `expected` text may name the file's
    values as {kunta}, {year} and {month}, filled in per file when a message is written.
    """

    column: str
    expected: str  # in Finnish, partitive: the message reads "odotettiin {expected}, löytyi …"
    is_valid: str


def required(column: str) -> Rule:
    """The field must not be empty."""
    return Rule(column, "arvoa", f"{ident(column)} is not null")


def number(column: str) -> Rule:
    """Empty or a number such as '-1 234,56' (empty amounts count as zero)."""
    return Rule(column, csv_format.NUMBER_EXPECTED, csv_format.number_is_valid_sql(ident(column)))


def date(column: str, *, required: bool = True) -> Rule:
    """A d.m.yyyy date; empty only where the contract allows it."""
    valid = csv_format.date_is_valid_sql(ident(column))
    if required:
        valid = f"({valid} and {ident(column)} is not null)"
    return Rule(column, csv_format.DATE_EXPECTED, valid)


def digits(column: str, count: int, what: str) -> Rule:
    """Exactly `count` digits, e.g. a 4-digit account number."""
    pattern = literal(f"^[0-9]{{{count}}}$")
    return Rule(column, what, f"regexp_full_match({ident(column)}, {pattern})")


def equals_text(column: str, file_column: str, what: str) -> Rule:
    """The trimmed field must equal the file's `file_column` (e.g. file_kunta)."""
    return Rule(column, what, f"{ident(column)} = {file_column}")


def equals_int(column: str, file_column: str, what: str) -> Rule:
    """The field must be the file's whole number `file_column` ('03' and '3' both mean 3)."""
    pattern = literal("^[0-9]{1,4}$")
    text = ident(column)
    return Rule(
        column,
        what,
        f"(regexp_full_match({text}, {pattern}) and try_cast({text} as integer) = {file_column})",
    )


def one_of(column: str, values: tuple[str, ...]) -> Rule:
    """The field, upper-cased, must be one of `values`."""
    allowed = ", ".join(literal(v) for v in values)
    expected = " tai ".join(values)
    return Rule(column, expected, f"upper({ident(column)}) in ({allowed})")


_FILE_NAME = {
    "kunta": (equals_text, "file_kunta", "tiedostonimen kuntaa ({kunta})"),
    "year": (equals_int, "file_year", "tiedostonimen vuotta ({year})"),
    "month": (equals_int, "file_month", "tiedostonimen kuukautta ({month})"),
}


def as_file_name_says(column: str, part: str) -> Rule:
    """The field is the municipality, year or month (`part`) the file name gives."""
    rule, file_column, what = _FILE_NAME[part]
    return rule(column, file_column, what)
