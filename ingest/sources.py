"""The finance files a landing folder may hold: one registry entry per source kind.

Everything the product knows about a kind of finance CSV is written here, once: the file
name (and with it the key a file replaces: municipality, + year, + month), the raw table
it loads, each column with the header the file gives it, its type and the rule its
values must pass, the free text that is masked, and the great-expectations suite that
checks a batch of it. The readers (`ingest.batch`), the raw tables (`warehouse.raw`), the
suites, the quarantine notes, the Dagster assets and the tests take them from here;
docs/input_contract.md says the same in words, and a test holds the two together.

Not here: how a CSV is split, numbered and typed (`ingest.batch`, `ingest.csv_format`),
what a value rule says (`ingest.value_rules`), the goal workbooks (`ingest.goals`).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ingest import value_rules
from ingest.csv_format import amount_sql, date_sql
from ingest.value_rules import Rule
from warehouse.hetu import mask_hetu_sql
from warehouse.sql import ident

if TYPE_CHECKING:
    import great_expectations as gx

# What a file name's parts are: the columns of the key, in the order they narrow it.
_NAME_PARTS = {
    "kunta": (r"(?P<kunta>\d{3})", "<kunta>"),
    "year": (r"(?P<year>\d{4})", "<YYYY>"),
    "month": (r"(?P<month>\d{2})", "<MM>"),
}


@dataclass(frozen=True)
class Column:
    """One column of a raw table, and where its value comes from in the landing file."""

    name: str  # the raw table's column
    type: str  # its DuckDB type
    header: str | None = None  # the landing file's header for it; None: not in the file
    sql: str = ""  # SQL typing the value from the row's trimmed text columns (named by header)
    rules: tuple[Rule, ...] = ()  # what every value must be, else the file is refused
    label: str | None = None  # how messages name a column the file does not have
    free_text: bool = False  # typed by people: identity codes masked, never quoted in notes
    name_part: str | None = None  # 'kunta', 'year' or 'month': the file name gives it (key)
    difference: tuple[str, str] | None = None  # (minuend, subtrahend): columns subtracted

    @property
    def shown(self) -> str:
        """The column as a person reading the file knows it."""
        return self.label or self.header or self.name


def text(name: str, header: str, *, required: bool = False, upper: bool = False) -> Column:
    """Trimmed text (empty: NULL, as the reader trims it); `upper` for codes in any case."""
    sql = ident(header)
    rules = (value_rules.required(header),) if required else ()
    return Column(name, "VARCHAR", header, f"upper({sql})" if upper else sql, rules)


def free_text(name: str, header: str, *, required: bool = False) -> Column:
    """Text people type: every valid identity code masked in the statement that types it."""
    column = text(name, header, required=required)
    return replace(column, sql=mask_hetu_sql(column.sql), free_text=True)


def account_number(name: str, header: str) -> Column:
    """A 4-digit account number."""
    rule = value_rules.digits(header, 4, "4-numeroista tilinumeroa")
    return Column(name, "VARCHAR", header, ident(header), (rule,))


def one_of(name: str, header: str, values: tuple[str, ...]) -> Column:
    """A code from a closed list, in any case (stored upper-cased)."""
    sql = f"upper({ident(header)})"
    return Column(name, "VARCHAR", header, sql, (value_rules.one_of(header, values),))


def date(name: str, header: str, *, required: bool = True) -> Column:
    """A d.m.yyyy date; empty only where the contract allows it."""
    rule = value_rules.date(header, required=required)
    return Column(name, "DATE", header, date_sql(ident(header)), (rule,))


def amount(name: str, header: str) -> Column:
    """A number like -1 234,56 in euros; empty means zero."""
    sql = amount_sql(ident(header))
    return Column(name, "DECIMAL(18,2)", header, sql, (value_rules.number(header),))


def from_file_name(
    name: str, part: str, *, header: str | None = None, label: str | None = None
) -> Column:
    """The municipality, year or month the file name gives; a file column of it (`header`)
    must say the same."""
    sql, kind = {
        "kunta": ("file_kunta", "VARCHAR"),
        "year": ("cast(file_year as integer)", "INTEGER"),
        "month": ("cast(file_month as integer)", "INTEGER"),
    }[part]
    rules = (value_rules.as_file_name_says(header, part),) if header else ()
    return Column(name, kind, header, sql, rules, label, name_part=part)


def difference(name: str, minuend: str, subtrahend: str, *, what: str) -> Column:
    """One column less another, e.g. the amount of a posting: Kredit − Debet."""
    return Column(name, "DECIMAL(18,2)", label=what, difference=(minuend, subtrahend))


@dataclass(frozen=True)
class SourceKind:
    """One kind of finance file: its name, its raw table and columns, and its suite."""

    kind: str  # and the raw table it loads: raw.<kind>
    file_name: str  # e.g. 'gl_{kunta}_{year}_{month}.csv'; the parts named are its key
    description: str
    columns: tuple[Column, ...]
    suite: str  # the module whose build_suite(source, files_table, sources) checks a batch
    master_data: bool = False  # other kinds' codes are checked against it: loaded first

    def __post_init__(self) -> None:
        resolved = tuple(self._resolved(column) for column in self.columns)
        object.__setattr__(self, "columns", resolved)

    def _resolved(self, column: Column) -> Column:
        if column.difference is None:
            return column
        first, second = (self.column(name) for name in column.difference)
        return replace(
            column,
            sql=f"{first.sql} - {second.sql}",
            label=f"{column.label} ({first.shown} − {second.shown})",
        )

    # --- the file name ---------------------------------------------------------------

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The file name, in any case; its parts as named groups."""
        text = re.escape(self.file_name)
        for part, (group, _) in _NAME_PARTS.items():
            text = text.replace(re.escape("{" + part + "}"), group)
        return re.compile(text, re.IGNORECASE)

    def name_has(self, part: str) -> bool:
        """Whether the file name gives the `part` ('kunta', 'year', 'month')."""
        return "{" + part + "}" in self.file_name

    @property
    def shown_name(self) -> str:
        """The file name as people are told it: gl_<kunta>_<YYYY>_<MM>.csv."""
        return self.file_name.format(**{part: shown for part, (_, shown) in _NAME_PARTS.items()})

    def name_for(self, kunta: str, year: int | None = None, month: int | None = None) -> str:
        """The file name of one key, e.g. gl_111_2026_03.csv."""
        return self.file_name.format(
            kunta=kunta, year=f"{year or 0:04d}", month=f"{month or 0:02d}"
        )

    # --- columns ---------------------------------------------------------------------

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def shown(self, name: str) -> str:
        """A raw column as a person reading the file knows it: Kustannuspaikka."""
        return self.column(name).shown

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @cached_property
    def column_types(self) -> dict[str, str]:
        return {column.name: column.type for column in self.columns}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Each raw column as messages and notes name it."""
        return {column.name: column.shown for column in self.columns}

    @cached_property
    def key(self) -> tuple[str, ...]:
        """The columns the file name gives: a file replaces the earlier rows of its key."""
        return tuple(column.name for column in self.columns if column.name_part)

    # --- what the reader needs (ingest.batch) ----------------------------------------

    @cached_property
    def header(self) -> tuple[str, ...]:
        """The columns a file of this kind must have, as the contract names them."""
        return tuple(column.header for column in self.columns if column.header)

    @cached_property
    def text_columns(self) -> tuple[str, ...]:
        """Free text people type: named when a stray ';' splits a line."""
        return tuple(column.header for column in self.columns if column.free_text)

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for column in self.columns for rule in column.rules)

    @cached_property
    def select(self) -> tuple[str, ...]:
        """SQL typing the staged text into the raw table's columns."""
        return tuple(f"{column.sql} as {column.name}" for column in self.columns)

    # --- the suite -------------------------------------------------------------------

    def build_suite(self, files_table: str) -> gx.ExpectationSuite:
        """The great-expectations suite of a staged batch (imports GX: call only to validate)."""
        return importlib.import_module(self.suite).build_suite(self, files_table, SOURCES)


ORG_UNITS = SourceKind(
    kind="org_units",
    file_name="org_{kunta}.csv",
    description="Organisation units and their history",
    columns=(
        from_file_name("municipality_code", "kunta", header="Kunta"),
        text("unit_code", "Koodi", required=True),
        free_text("unit_name", "Nimi", required=True),
        text("level_name", "Taso", required=True),
        text("parent_code", "Ylempi"),  # empty for a top unit
        date("valid_from", "Voimassa alkaen"),
        date("valid_to", "Voimassa asti", required=False),  # empty: still valid
    ),
    suite="expectations.suites.org_units",
    master_data=True,
)
ACCOUNTS = SourceKind(
    kind="accounts",
    file_name="accounts_{kunta}.csv",
    description="Chart of accounts",
    columns=(
        from_file_name("municipality_code", "kunta", label="Kunta"),
        account_number("account_code", "Tili"),
        free_text("account_name", "Nimi", required=True),
        text("line_code", "Rivi", upper=True),  # empty: the default range mapping
    ),
    suite="expectations.suites.accounts",
    master_data=True,
)
GL_POSTINGS = SourceKind(
    kind="gl_postings",
    file_name="gl_{kunta}_{year}_{month}.csv",
    description="Ledger postings, one file per month",
    columns=(
        from_file_name("municipality_code", "kunta", header="Kunta"),
        from_file_name("fiscal_year", "year", header="Tilikausi"),
        from_file_name("period_month", "month", header="Kausi"),
        date("posting_date", "Tositepvm"),
        text("voucher_no", "Tositenro", required=True),
        text("cost_centre_code", "Kustannuspaikka", required=True),
        account_number("account_code", "Tili"),
        text("project_code", "Projekti"),
        free_text("description", "Selite"),
        amount("debit", "Debet"),
        amount("credit", "Kredit"),
        difference("amount", "credit", "debit", what="euromäärä"),  # revenue positive
    ),
    suite="expectations.suites.gl_postings",
)
BUDGET_ENTRIES = SourceKind(
    kind="budget_entries",
    file_name="budget_{kunta}_{year}.csv",
    description="Budget and approved amendments",
    columns=(
        from_file_name("municipality_code", "kunta", header="Kunta"),
        from_file_name("fiscal_year", "year", header="Tilikausi"),
        text("cost_centre_code", "Kustannuspaikka", required=True),
        account_number("account_code", "Tili"),
        one_of("entry_kind", "Laji", ("TA", "MUUTOS")),  # original budget or amendment
        date("approval_date", "Pvm"),
        amount("amount", "Summa"),
    ),
    suite="expectations.suites.budget_entries",
)
FORECASTS = SourceKind(
    kind="forecasts",
    file_name="forecast_{kunta}_{year}_{month}.csv",
    description="Controllers' full-year forecasts",
    columns=(
        from_file_name("municipality_code", "kunta", header="Kunta"),
        from_file_name("fiscal_year", "year", header="Tilikausi"),
        from_file_name("forecast_month", "month", label="tiedostonimen kuukausi"),
        text("org_unit_code", "Yksikkö", required=True),
        text("line_code", "Rivi", required=True, upper=True),
        amount("amount", "Summa"),
    ),
    suite="expectations.suites.forecasts",
)

# In the order a night loads them: master data first, since the others' codes are
# checked against it.
SOURCES: dict[str, SourceKind] = {
    source.kind: source for source in (ORG_UNITS, ACCOUNTS, GL_POSTINGS, BUDGET_ENTRIES, FORECASTS)
}
# The kinds other kinds' codes are checked against (organisation, chart of accounts).
MASTER_DATA = tuple(source for source in SOURCES.values() if source.master_data)
# Raw columns people type (names, descriptions): no note or evidence row shows them.
FREE_TEXT = frozenset(
    column.name for source in SOURCES.values() for column in source.columns if column.free_text
)
