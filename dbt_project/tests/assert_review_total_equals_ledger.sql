{{ config(
    severity='error',
    meta={
        'check': 'review_total_equals_ledger',
        'layer': 'built',
        'explanation': 'The published result (TULOS) of the whole municipality differs from the ledger or the budget rows: money was dropped or doubled on the way to the review tables.',
        'dagster': {'ref': {'name': 'rpt_income_statement'}},
    },
) }}
-- Identity: for every municipality and reporting date D (year Y, month m), the TULOS
-- actual_ytd of the top unit(s) placed on D equals the sum of all ledger amounts on
-- non-investment accounts of year Y, months 1..m, read straight from the postings; and
-- its budget_amended equals all non-investment budget rows of Y approved by D.
-- Cost centres not valid on D count too, where int_org_units_on_reporting_dates places
-- them (closed: in the unit they belonged to on their last valid day; opening later:
-- under the parent of their first version), so a mid-year organisation change keeps
-- the identity.
-- A failing row means money was dropped or doubled between the ledger and the review:
-- a cost centre unknown to the organisation file (or not under a top unit on D), an
-- account mapped to no line, or a join that multiplies rows.
-- Evidence: one row per municipality, reporting date and column (actual_ytd /
-- budget_amended); line_code TULOS, org_unit_code null (all top units together),
-- expected = the ledger (or budget) total, actual = the published total.
with postings as (
    select * from {{ ref('stg_finance__gl_postings') }}
),

budget_entries as (
    select * from {{ ref('stg_finance__budget_entries') }}
),

accounts as (
    select * from {{ ref('int_accounts_mapped') }}
),

reporting_dates as (
    select * from {{ ref('int_reporting_dates') }}
),

units as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
),

income_statement as (
    select * from {{ ref('rpt_income_statement') }}
),

ledger_months as (
    select
        postings.municipality_code,
        postings.fiscal_year,
        postings.period_month,
        sum(postings.amount) as amount
    from postings
    left join accounts
        on postings.municipality_code = accounts.municipality_code
        and postings.account_code = accounts.account_code
    where not coalesce(accounts.is_investment, false)
    group by all
),

ledger_totals as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        sum(ledger_months.amount) as ledger_actual_ytd
    from reporting_dates
    inner join ledger_months
        on reporting_dates.municipality_code = ledger_months.municipality_code
        and reporting_dates.report_year = ledger_months.fiscal_year
        and ledger_months.period_month <= reporting_dates.report_month
    group by all
),

budget_totals as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        sum(budget_entries.amount) as ledger_budget_amended
    from reporting_dates
    inner join budget_entries
        on reporting_dates.municipality_code = budget_entries.municipality_code
        and reporting_dates.report_year = budget_entries.fiscal_year
        and budget_entries.approval_date <= reporting_dates.reporting_date
    left join accounts
        on budget_entries.municipality_code = accounts.municipality_code
        and budget_entries.account_code = accounts.account_code
    where not coalesce(accounts.is_investment, false)
    group by all
),

review_totals as (
    select
        income_statement.municipality_code,
        income_statement.reporting_date,
        sum(income_statement.actual_ytd) as review_actual_ytd,
        sum(income_statement.budget_amended) as review_budget_amended
    from income_statement
    inner join units
        on income_statement.municipality_code = units.municipality_code
        and income_statement.reporting_date = units.reporting_date
        and income_statement.org_unit_code = units.org_unit_code
    where units.parent_code is null
        and income_statement.line_code = 'TULOS'
    group by all
),

compared as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        coalesce(ledger_totals.ledger_actual_ytd, 0) as ledger_actual_ytd,
        coalesce(review_totals.review_actual_ytd, 0) as review_actual_ytd,
        coalesce(budget_totals.ledger_budget_amended, 0) as ledger_budget_amended,
        coalesce(review_totals.review_budget_amended, 0) as review_budget_amended
    from reporting_dates
    left join ledger_totals
        on reporting_dates.municipality_code = ledger_totals.municipality_code
        and reporting_dates.reporting_date = ledger_totals.reporting_date
    left join budget_totals
        on reporting_dates.municipality_code = budget_totals.municipality_code
        and reporting_dates.reporting_date = budget_totals.reporting_date
    left join review_totals
        on reporting_dates.municipality_code = review_totals.municipality_code
        and reporting_dates.reporting_date = review_totals.reporting_date
),

differences as (
    select
        municipality_code, reporting_date, 'actual_ytd' as figure, 'the ledger' as source_name,
        ledger_actual_ytd as expected_amount, review_actual_ytd as reported_amount
    from compared
    where review_actual_ytd != ledger_actual_ytd
    union all
    select
        municipality_code, reporting_date, 'budget_amended', 'the approved budget rows',
        ledger_budget_amended, review_budget_amended
    from compared
    where review_budget_amended != ledger_budget_amended
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            line_code="'TULOS'",
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='expected_amount',
            actual='reported_amount',
            explanation="'Municipality ' || municipality_code || ' on ' || strftime(reporting_date, '%Y-%m-%d')
                || ': Tilikauden tulos ' || " ~ figure_label('figure', 'reporting_date') ~ "
                || ' is ' || " ~ format_eur('reported_amount') ~ " || ' in the review but '
                || " ~ format_eur('expected_amount') ~ " || ' in ' || source_name
                || ' (difference ' || " ~ format_eur('reported_amount - expected_amount') ~ " || ')'"
        ) }}
    from differences
)

select * from final
