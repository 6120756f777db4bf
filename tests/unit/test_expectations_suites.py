"""Each suite's rules on tiny staging tables: one passing and one failing table per kind.

Every failing table breaks each rule on its own line, so one validation per table shows
each rule's exact failure (rule, severity, first line) and that nothing else fails.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from expectations.data_docs import RemoteAssetError, build_data_docs, localise
from expectations.validate import (
    FileValidation,
    stage_files_table,
    validate_batch,
    validate_staged_file,
)
from ingest import load
from ingest.sources import SOURCES
from warehouse.raw import SOURCE_COLUMNS

D = date.fromisoformat
ORG = [  # code, level, parent, valid_from, valid_to
    ("K100", "KUSTANNUSPAIKKA", "V10", D("2020-01-01"), None),
    ("K200", "KUSTANNUSPAIKKA", "V10", D("2020-01-01"), D("2026-02-28")),
    ("K300", "KUSTANNUSPAIKKA", "V10", D("2020-01-01"), D("2024-12-31")),
    ("V10", "VASTUUALUE", None, D("2020-01-01"), None),
]
ACCOUNTS = ["3000", "4000"]
DEFAULTS: dict[str, dict[str, object]] = {
    "gl_postings": {
        "municipality_code": "111",
        "fiscal_year": 2026,
        "period_month": 3,
        "posting_date": D("2026-03-15"),
        "voucher_no": "V1",
        "cost_centre_code": "K100",
        "account_code": "4000",
        "project_code": None,
        "description": "Lasku",
        "debit": Decimal("10.00"),
        "credit": Decimal("0.00"),
        "amount": Decimal("-10.00"),
    },
    "budget_entries": {
        "municipality_code": "111",
        "fiscal_year": 2026,
        "cost_centre_code": "K100",
        "account_code": "4000",
        "entry_kind": "TA",
        "approval_date": D("2025-12-10"),
        "amount": Decimal("-1000.00"),
    },
    "forecasts": {
        "municipality_code": "111",
        "fiscal_year": 2026,
        "forecast_month": 3,
        "org_unit_code": "V10",
        "line_code": "TOIMINTAKULUT",
        "amount": Decimal("-500.00"),
    },
    "org_units": {
        "municipality_code": "111",
        "unit_code": "T1",
        "unit_name": "Toimiala",
        "level_name": "TOIMIALA",
        "parent_code": None,
        "valid_from": D("2020-01-01"),
        "valid_to": None,
    },
    "accounts": {
        "municipality_code": "111",
        "account_code": "4000",
        "account_name": "Palkat",
        "line_code": None,
    },
}
Check = Callable[..., FileValidation]


def file_name(kind: str) -> str:
    """Heinola's file of the kind for 2026 (March, where a month is named)."""
    return SOURCES[kind].name_for("111", 2026, 3)


def rows(kind: str, *changes: dict[str, object], file: str | None = None) -> list[dict]:
    """One row per change set, on lines 2, 3, ... (the header is line 1) of one file."""
    name = file or file_name(kind)
    return [
        {**DEFAULTS[kind], **change, "source_row": line, "source_file": name}
        for line, change in enumerate(changes, 2)
    ]


def _write_candidate(path: Path, kind: str, staged: list[dict], columns: dict, master: bool):
    with duckdb.connect(str(path)) as con:
        load.ensure_raw_tables(con)
        if master:
            for code, level, parent, valid_from, valid_to in ORG:
                con.execute(
                    "insert into raw.org_units values ('111', ?, ?, ?, ?, ?, ?, 'org', 'h', 2)",
                    [code, code, level, parent, valid_from, valid_to],
                )
            for code in ACCOUNTS:
                con.execute(
                    "insert into raw.accounts values ('111', ?, 'Tili', null, 'acc', 'h', 2)",
                    [code],
                )
        con.execute("create schema staging_ingest")
        ddl = ", ".join(f"{name} {kind_}" for name, kind_ in columns.items())
        con.execute(f"create table staging_ingest.{kind} ({ddl})")
        if staged:
            marks = ", ".join("?" for _ in columns)
            con.executemany(
                f"insert into staging_ingest.{kind} values ({marks})",
                [[row.get(name, "x") for name in columns] for row in staged],
            )


@pytest.fixture(scope="module")
def check(tmp_path_factory: pytest.TempPathFactory) -> Check:
    """Stage `staged` rows in a fresh candidate file with master data and validate them."""

    def run(
        kind: str,
        staged: list[dict],
        *,
        master: bool = True,
        columns: dict | None = None,
        replaces_rows: int | None = None,
    ):
        folder = tmp_path_factory.mktemp(kind)
        columns = columns or {**SOURCES[kind].column_types, **SOURCE_COLUMNS}
        _write_candidate(folder / "candidate.duckdb", kind, staged, columns, master)
        return validate_staged_file(
            folder / "candidate.duckdb",
            f"staging_ingest.{kind}",
            SOURCES[kind],
            file_name(kind),
            folder / "results",
            replaces_rows,
        )

    return run


def found(validation: FileValidation) -> set[tuple[str, str | None, str]]:
    return {(f.rule, f.column, f.severity) for f in validation.failures}


def first_line(validation: FileValidation, rule: str, column: str | None = None) -> int:
    [failure] = [f for f in validation.failures if (f.rule, f.column) == (rule, column)]
    return failure.examples[0]["source_row"]


# --- gl_postings ----------------------------------------------------------------------

# Lines 9-12 break what the typed reader guarantees (a value, the file name's month and
# year, identity codes masked in the description): the suite does not check those
# again, so they fail nothing here.
GL_FAILING = [  # rule, column, severity, first failing line
    ("posting_date_in_fiscal_year", None, "error", 3),
    ("debit_credit_signs", None, "error", 4),
    ("cost_centre_valid_on_posting_date", None, "error", 5),
    ("account_known", None, "error", 6),
    ("duplicate_rows", None, "warn", 7),
]


@pytest.fixture(scope="module")
def gl_failing(check: Check) -> FileValidation:
    return check(
        "gl_postings",
        rows(
            "gl_postings",
            {},
            {"posting_date": D("2025-12-31")},
            {"debit": Decimal("-5"), "amount": Decimal("5")},
            {"cost_centre_code": "K999"},
            {"account_code": "9999"},
            {"voucher_no": "DUP"},
            {"voucher_no": "DUP"},
            {"voucher_no": None},
            {"period_month": 4},
            {"fiscal_year": 2025},
            {"description": "Palautus 131052-308T"},
            {"cost_centre_code": "K200"},  # valid only up to 28.2.2026
            {"credit": Decimal("10"), "amount": Decimal("0")},  # debit and credit both
        ),
    )


def test_gl_month_that_breaks_no_rule_passes(check: Check) -> None:
    validation = check(
        "gl_postings",
        rows(
            "gl_postings",
            {},
            {"cost_centre_code": "K200", "posting_date": D("2026-02-28"), "period_month": 3},
            {"account_code": "3000", "debit": Decimal("0"), "credit": Decimal("5")},
        ),
    )
    assert validation.failures == []
    assert validation.success_for_errors
    assert validation.result_path.parent.name == "gl_111_2026_03.csv"
    assert validation.result_path.suffix == ".json"


def test_gl_failing_month_fails_exactly_the_broken_rules(gl_failing: FileValidation) -> None:
    assert found(gl_failing) == {(rule, column, sev) for rule, column, sev, _ in GL_FAILING}
    assert not gl_failing.success_for_errors


@pytest.mark.parametrize(("rule", "column", "severity", "line"), GL_FAILING)
def test_gl_rule_reports_its_first_failing_line(
    gl_failing: FileValidation, rule: str, column: str | None, severity: str, line: int
) -> None:
    assert first_line(gl_failing, rule, column) == line


def test_gl_cost_centre_must_be_valid_on_the_posting_date(gl_failing: FileValidation) -> None:
    [failure] = [f for f in gl_failing.failures if f.rule == "cost_centre_valid_on_posting_date"]
    assert [row["source_row"] for row in failure.examples] == [5, 13]
    assert "voimassa tositepäivänä" in failure.explanation


def test_gl_without_master_data_fails_with_a_clear_message(check: Check) -> None:
    validation = check("gl_postings", rows("gl_postings", {}), master=False)
    assert found(validation) == {
        ("org_units_loaded", None, "error"),
        ("accounts_loaded", None, "error"),
        ("cost_centre_valid_on_posting_date", None, "error"),
        ("account_known", None, "error"),
    }
    [loaded] = [f for f in validation.failures if f.rule == "org_units_loaded"]
    assert "ei ole ladattu organisaation perustietoja" in loaded.explanation
    assert [row["municipality_code"] for row in loaded.examples] == ["111"]
    assert not any("ei voitu tehdä" in str(f.observed) for f in validation.failures)


def test_a_batch_is_split_per_file_and_rows_of_two_files_are_not_duplicates(check) -> None:
    # GIVEN a batch of two months: identical rows in different files, one file with a bad row
    march = rows("gl_postings", {}, {"account_code": "9999"})
    april = rows("gl_postings", {}, file="gl_111_2026_04.csv")
    # WHEN the batch is validated once
    validation = check("gl_postings", march + april)
    # THEN March (the file validated here) fails only its own rule: April's identical row
    # is no duplicate of March's, and April's rows are no part of March's failures
    assert found(validation) == {("account_known", None, "error")}
    [failure] = validation.failures
    assert failure.failing_rows == 1 and failure.examples[0]["source_file"] == "gl_111_2026_03.csv"


# --- budget_entries -------------------------------------------------------------------

# Lines 3, 4 and 12 break what the typed reader guarantees (the file name's year, Laji,
# a date): not checked again here.
BUDGET_FAILING = [
    ("ta_approved_by_year_end", None, "error", 5),
    ("muutos_approved_by_year_end", None, "error", 6),
    ("amendment_before_budget", None, "warn", 7),
    ("duplicate_rows", None, "warn", 8),
    ("cost_centre_code_valid_in_fiscal_year", None, "error", 10),
    ("account_known", None, "error", 11),
]


@pytest.fixture(scope="module")
def budget_failing(check: Check) -> FileValidation:
    muutos = {"entry_kind": "MUUTOS", "approval_date": D("2026-05-01"), "amount": Decimal("-7")}
    return check(
        "budget_entries",
        rows(
            "budget_entries",
            {},
            {"fiscal_year": 2025},
            {"entry_kind": "X"},
            {"approval_date": D("2027-01-05")},
            {**muutos, "approval_date": D("2027-02-01")},
            {**muutos, "approval_date": D("2025-11-01")},
            muutos,
            muutos,
            {"cost_centre_code": "K300"},  # closed at the end of 2024
            {"account_code": "9999"},
            {"approval_date": None},
        ),
    )


def test_budget_that_breaks_no_rule_passes(check: Check) -> None:
    validation = check(
        "budget_entries",
        rows(
            "budget_entries",
            {},
            {"entry_kind": "MUUTOS", "approval_date": D("2026-06-01")},
            {"cost_centre_code": "K200"},  # valid in January and February 2026
        ),
    )
    assert validation.failures == []


def test_budget_failing_fails_exactly_the_broken_rules(budget_failing: FileValidation) -> None:
    assert found(budget_failing) == {(rule, col, sev) for rule, col, sev, _ in BUDGET_FAILING}


@pytest.mark.parametrize(("rule", "column", "severity", "line"), BUDGET_FAILING)
def test_budget_rule_reports_its_first_failing_line(
    budget_failing: FileValidation, rule: str, column: str | None, severity: str, line: int
) -> None:
    assert first_line(budget_failing, rule, column) == line


# --- forecasts ------------------------------------------------------------------------

# Lines 8 and 9 break what the typed reader guarantees: not checked again here.
FORECAST_FAILING = [
    ("known_line_code", "line_code", "error", 3),
    ("one_figure_per_unit_and_line", None, "error", 4),
    ("org_unit_code_valid_in_fiscal_year", None, "error", 6),
]


@pytest.fixture(scope="module")
def forecast_failing(check: Check) -> FileValidation:
    return check(
        "forecasts",
        rows(
            "forecasts",
            {},
            {"line_code": "KULUT"},
            {"org_unit_code": "K100", "line_code": "HENKILOSTO"},
            {"org_unit_code": "K100", "line_code": "HENKILOSTO", "amount": Decimal("-1")},
            {"org_unit_code": "X1"},
            {"org_unit_code": "K300"},  # closed at the end of 2024
            {"forecast_month": 4, "line_code": "PALVELUT"},
            {"amount": None, "line_code": "AINEET"},
        ),
    )


def test_forecast_that_breaks_no_rule_passes(check: Check) -> None:
    validation = check(
        "forecasts",
        rows("forecasts", {}, {"line_code": "HENKILOSTO"}, {"org_unit_code": "K100"}),
    )
    assert validation.failures == []


def test_forecast_failing_fails_exactly_the_broken_rules(forecast_failing: FileValidation) -> None:
    assert found(forecast_failing) == {(rule, c, sev) for rule, c, sev, _ in FORECAST_FAILING}


@pytest.mark.parametrize(("rule", "column", "severity", "line"), FORECAST_FAILING)
def test_forecast_rule_reports_its_first_failing_line(
    forecast_failing: FileValidation, rule: str, column: str | None, severity: str, line: int
) -> None:
    assert first_line(forecast_failing, rule, column) == line


# --- org_units ------------------------------------------------------------------------

# Line 10 lacks a name, which the typed reader guarantees: not checked again here.
ORG_FAILING = [
    ("validity_in_order", None, "error", 3),
    ("validity_not_overlapping", None, "error", 4),
    ("duplicate_rows", None, "error", 6),
    ("known_level", "level_name", "warn", 8),
    ("parent_known", None, "warn", 9),
]


@pytest.fixture(scope="module")
def org_failing(check: Check) -> FileValidation:
    unit = {"level_name": "KUSTANNUSPAIKKA", "parent_code": "T1"}
    return check(
        "org_units",
        rows(
            "org_units",
            {},
            {**unit, "unit_code": "K1", "valid_from": D("2024-01-01"), "valid_to": D("2023-12-31")},
            {**unit, "unit_code": "K2"},
            {**unit, "unit_code": "K2", "valid_from": D("2022-01-01")},
            {**unit, "unit_code": "K3"},
            {**unit, "unit_code": "K3"},
            {**unit, "unit_code": "K4", "level_name": "OSASTO"},
            {**unit, "unit_code": "K5", "parent_code": "ZZ"},
            {**unit, "unit_code": "K6", "unit_name": None},
        ),
    )


def test_org_reorganisation_without_overlap_passes(check: Check) -> None:
    cost_centre = {"unit_code": "K100", "level_name": "KUSTANNUSPAIKKA"}
    validation = check(
        "org_units",
        rows(
            "org_units",
            {},
            {"unit_code": "V10", "level_name": "VASTUUALUE", "parent_code": "T1"},
            {**cost_centre, "parent_code": "V10", "valid_to": D("2023-12-31")},
            {**cost_centre, "parent_code": "T1", "valid_from": D("2024-01-01")},
        ),
    )
    assert validation.failures == []


def test_org_failing_fails_exactly_the_broken_rules(org_failing: FileValidation) -> None:
    assert found(org_failing) == {(rule, column, sev) for rule, column, sev, _ in ORG_FAILING}


@pytest.mark.parametrize(("rule", "column", "severity", "line"), ORG_FAILING)
def test_org_rule_reports_its_first_failing_line(
    org_failing: FileValidation, rule: str, column: str | None, severity: str, line: int
) -> None:
    assert first_line(org_failing, rule, column) == line


def test_empty_org_file_is_refused(check: Check) -> None:
    validation = check("org_units", [])
    assert found(validation) == {("enough_rows", None, "error")}


def test_reexport_with_far_fewer_rows_is_held_back_with_both_counts(check: Check) -> None:
    # GIVEN a March re-export of 2 rows replacing a March of 10 rows
    validation = check("gl_postings", rows("gl_postings", {}, {}), replaces_rows=10)
    # THEN it fails the error rule enough_rows, whose explanation gives both counts
    (failure,) = [f for f in validation.failures if f.rule == "enough_rows"]
    assert failure.severity == "error" and failure.failing_rows == 1
    assert (failure.examples[0]["expected"], failure.examples[0]["actual"]) == (10, 2)


def test_reexport_with_a_few_rows_less_is_loaded(check: Check) -> None:
    validation = check("gl_postings", rows("gl_postings", {}, {}, {}), replaces_rows=5)
    assert "enough_rows" not in {f.rule for f in validation.failures}


# --- accounts -------------------------------------------------------------------------

# Lines 3 and 8 break what the typed reader guarantees (4 digits, a name).
ACCOUNTS_FAILING = [
    ("account_code_unique", None, "error", 4),
    ("postable_line_code", "line_code", "error", 6),
    ("account_in_mapped_range", None, "error", 3),  # '400' (and '2500' on line 7)
]


@pytest.fixture(scope="module")
def accounts_failing(check: Check) -> FileValidation:
    return check(
        "accounts",
        rows(
            "accounts",
            {},
            {"account_code": "400"},
            {"account_code": "3000"},
            {"account_code": "3000"},
            {"account_code": "4100", "line_code": "TOIMINTAKULUT"},
            {"account_code": "2500"},
            {"account_code": "4200", "account_name": None},
        ),
    )


def test_accounts_that_break_no_rule_pass(check: Check) -> None:
    validation = check(
        "accounts",
        rows(
            "accounts",
            {},
            {"account_code": "3000"},
            {"account_code": "1100"},
            {"account_code": "2500", "line_code": "MUUT_K"},
        ),
    )
    assert validation.failures == []


def test_accounts_failing_fails_exactly_the_broken_rules(accounts_failing: FileValidation) -> None:
    assert found(accounts_failing) == {(rule, c, sev) for rule, c, sev, _ in ACCOUNTS_FAILING}


@pytest.mark.parametrize(("rule", "column", "severity", "line"), ACCOUNTS_FAILING)
def test_accounts_rule_reports_its_first_failing_line(
    accounts_failing: FileValidation, rule: str, column: str | None, severity: str, line: int
) -> None:
    assert first_line(accounts_failing, rule, column) == line


def test_empty_accounts_file_is_refused(check: Check) -> None:
    assert found(check("accounts", [])) == {("enough_rows", None, "error")}


# --- results and Data Docs ------------------------------------------------------------


def test_stored_results_render_as_data_docs(gl_failing: FileValidation, tmp_path: Path) -> None:
    results_dir = gl_failing.result_path.parents[1]
    index = build_data_docs(results_dir, tmp_path / "data_docs")
    assert index.is_file()
    assert "gl_postings__gl_111_2026_03" in index.read_text(encoding="utf-8")


def test_data_docs_load_no_script_or_style_from_the_network(
    gl_failing: FileValidation, tmp_path: Path
) -> None:
    """Offline, every page is complete: the scripts, styles and fonts GX's templates take
    from CDNs are the site's own copies (expectations/data_docs_static)."""
    site = tmp_path / "data_docs"
    build_data_docs(gl_failing.result_path.parents[1], site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 2  # the index and the file's validation page
    tag = re.compile(r"<(script|link)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.IGNORECASE)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        linked = [link for kind, link in tag.findall(html)]
        assert not [link for link in linked if re.match(r"(https?:)?//", link)], page
        scripts = [link for kind, link in tag.findall(html) if kind.lower() == "script"]
        assert any(link.endswith("jquery.min.js") for link in scripts), page
        for link in linked:  # every local script and stylesheet is there, as linked
            assert (page.parent / link).resolve().is_file(), (page, link)
        assert "crossorigin" not in html  # a file:// page would refuse such a script
        assert "amazonaws.com" not in html  # the logo too is the site's own
    # the icon font the stylesheet names is there beside it
    fonts = site / "static/vendor/@fortawesome/fontawesome-free@6.6.0/webfonts"
    assert (fonts / "fa-solid-900.woff2").stat().st_size > 10_000
    # each vendored package keeps its licence
    for package in ("bootstrap@4.3.1", "jquery@3.7.1", "vega-lite@5.23.0"):
        assert list((site / "static/vendor" / package).glob("LICENSE*")), package


def test_data_docs_refuse_a_page_still_loading_from_the_network(tmp_path: Path) -> None:
    """A GX upgrade naming a CDN file not vendored yet fails the build, naming the URL."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<script src="https://cdn.example.org/new-lib@2/lib.min.js"></script>'
        '<link rel="stylesheet" href="https://code.jquery.com/jquery-3.7.1.min.js">',
        encoding="utf-8",
    )
    with pytest.raises(RemoteAssetError, match=r"https://cdn\.example\.org/new-lib@2/lib\.min\.js"):
        localise(site)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="static/vendor/jquery@3.7.1/dist/jquery.min.js"' in html


def test_every_file_of_a_large_batch_gets_its_own_failures(tmp_path: Path) -> None:
    # GIVEN a batch of 60 months of postings, each with six lines on an unknown account:
    # more failing example rows (5 a file) than GX returns of a query by default (200)
    names = [f"gl_{kunta:03d}_2026_03.csv" for kunta in range(100, 160)]
    staged = [
        row
        for name in names
        for row in rows("gl_postings", *[{"account_code": "9999"}] * 6, file=name)
    ]
    columns = {**SOURCES["gl_postings"].column_types, **SOURCE_COLUMNS}
    _write_candidate(tmp_path / "candidate.duckdb", "gl_postings", staged, columns, True)
    with duckdb.connect(str(tmp_path / "candidate.duckdb")) as con:
        stage_files_table(con, "staging_ingest.gl_postings", dict.fromkeys(names))
    # WHEN the batch is validated once
    found = validate_batch(
        tmp_path / "candidate.duckdb",
        "staging_ingest.gl_postings",
        SOURCES["gl_postings"],
        names,
        tmp_path / "results",
    )
    # THEN every file fails account_known with all six of its lines, none is let through
    for name in names:
        [failure] = [f for f in found[name].failures if f.rule == "account_known"]
        assert (failure.failing_rows, len(failure.examples)) == (6, 5), name
        assert not found[name].success_for_errors
