"""Numbers, dates, line endings and quoting as the exporters write them."""

from decimal import Decimal

from ingest.scan import read
from tests.unit.helpers import gl_row


def _amounts(con, path) -> list[tuple[Decimal, Decimal, Decimal]]:
    return read(con, "gl_postings", path).project("debit, credit, amount").fetchall()


def test_decimal_comma(con, write_gl) -> None:
    path = write_gl([gl_row(debet="12,5")])
    assert _amounts(con, path) == [(Decimal("12.50"), Decimal("0"), Decimal("-12.50"))]


def test_space_nbsp_and_narrow_nbsp_thousands_separators(con, write_gl) -> None:
    # GIVEN thousands separated by a space, a no-break space and a narrow no-break space
    rows = [gl_row(kredit=k) for k in ("1 234,56", "1\u00a0234,56", "1\u202f234\u202f567")]
    # WHEN read / THEN each is one number
    credits = [c for _, c, _ in _amounts(con, write_gl(rows))]
    assert credits == [Decimal("1234.56"), Decimal("1234.56"), Decimal("1234567")]


def test_minus_sign_variants(con, write_gl) -> None:
    # GIVEN '-', '−' (U+2212) and a minus followed by a space
    rows = [gl_row(kredit=k) for k in ("-1 234,56", "− 742 373", "- 5", "1234")]
    credits = [c for _, c, _ in _amounts(con, write_gl(rows))]
    assert credits == [Decimal("-1234.56"), Decimal("-742373"), Decimal("-5"), Decimal("1234")]


def test_empty_amount_means_zero(con, write_gl) -> None:
    path = write_gl([gl_row(debet="", kredit="")])
    assert _amounts(con, path) == [(Decimal("0"), Decimal("0"), Decimal("0"))]


def test_amount_is_kredit_minus_debet(con, write_gl) -> None:
    # GIVEN a cost (debit) row and a revenue (credit) row
    path = write_gl([gl_row(debet="100,00"), gl_row(kredit="40,25")])
    # THEN costs are negative and revenue positive
    assert [amount for _, _, amount in _amounts(con, path)] == [Decimal("-100"), Decimal("40.25")]


def test_short_and_zero_padded_dates(con, write_gl) -> None:
    import datetime as dt

    path = write_gl([gl_row(date="31.3.2026"), gl_row(date="01.03.2026"), gl_row(date="1.3.2026")])
    dates = [row[0] for row in read(con, "gl_postings", path).project("posting_date").fetchall()]
    assert dates == [dt.date(2026, 3, 31), dt.date(2026, 3, 1), dt.date(2026, 3, 1)]


def test_crlf_line_endings(con, write_gl) -> None:
    # GIVEN a Windows file / THEN no '\r' leaks into the last column and lines count right
    path = write_gl([gl_row(kredit="1,00"), gl_row(kredit="2,00")], newline="\r\n")
    relation = read(con, "gl_postings", path)
    assert relation.project("credit, source_row").fetchall() == [
        (Decimal("1.00"), 2),
        (Decimal("2.00"), 3),
    ]


def test_quoted_field_may_contain_semicolon(con, write_gl) -> None:
    path = write_gl([gl_row(selite='"Lasku; tammikuu"', debet="3,00")])
    relation = read(con, "gl_postings", path)
    assert relation.project("description, debit").fetchall() == [("Lasku; tammikuu", Decimal("3"))]


def test_empty_project_is_null_and_output_columns_follow_the_contract(con, write_gl) -> None:
    path = write_gl([gl_row(projekti=""), gl_row(projekti="INV-7")])
    relation = read(con, "gl_postings", path)
    assert relation.project("project_code").fetchall() == [(None,), ("INV-7",)]
    assert relation.columns == [
        "municipality_code", "fiscal_year", "period_month", "posting_date", "voucher_no",
        "cost_centre_code", "account_code", "project_code", "description", "debit", "credit",
        "amount", "source_file", "source_hash", "source_row",
    ]  # fmt: skip
