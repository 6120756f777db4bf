{{ config(
    severity='error',
    meta={
        'check': 'accounts_map_to_a_line',
        'layer': 'built',
        'explanation': 'An account used in the ledger or the budget reports on no income-statement line: its money is left out of the review tables.',
        'selite': 'Kirjanpidossa tai talousarviossa käytetty tili ei raportoi millekään tuloslaskelman riville: sen rahat jäävät katsauksesta pois.',
        'dagster': {'ref': {'name': 'dim_account'}},
    },
) }}
-- Rule: every account used in the ledger or the budget reports on a posted
-- income-statement line (not a subtotal) or is an investment account. An account
-- outside every range of seeds/account_line_ranges.csv without a line of its own, or
-- whose chart row names an unknown line or a subtotal, fails here.
-- A failing row is an account whose money would be left out of the income statement:
-- add its line to the chart of accounts (Rivi) or its range to the seed.
-- Evidence: one row per account, year and use (ledger / budget). line_code = the line the
-- account is mapped to now (null = none), actual = the year's ledger (or budget) total of
-- the account, period = the last ledger month 'YYYY-MM' (budget: the last approval date),
-- source_file / source_row = the account's chart row (null when not in the chart).
with accounts as (
    select * from {{ ref('dim_account') }}
),

chart as (
    select * from {{ ref('stg_finance__accounts') }}
),

actuals as (
    select * from {{ ref('fct_actuals_monthly') }}
),

budget_entries as (
    select * from {{ ref('fct_budget_entries') }}
),

report_lines as (
    select * from {{ ref('report_lines') }}
),

used_accounts as (
    select
        municipality_code, account_code, fiscal_year, 'ledger' as used_in,
        strftime(make_date(fiscal_year, max(period_month), 1), '%Y-%m') as period,
        sum(amount) as amount
    from actuals
    group by municipality_code, account_code, fiscal_year
    union all
    select
        municipality_code, account_code, fiscal_year, 'budget' as used_in,
        strftime(max(approval_date), '%Y-%m-%d') as period,
        sum(amount) as amount
    from budget_entries
    group by municipality_code, account_code, fiscal_year
),

unmapped as (
    select
        used_accounts.*,
        accounts.account_name,
        accounts.line_code,
        report_lines.is_subtotal,
        chart.source_file,
        chart.source_row
    from used_accounts
    left join accounts
        on used_accounts.municipality_code = accounts.municipality_code
        and used_accounts.account_code = accounts.account_code
    left join report_lines
        on accounts.line_code = report_lines.line_code
    left join chart
        on used_accounts.municipality_code = chart.municipality_code
        and used_accounts.account_code = chart.account_code
    where not (
        coalesce(accounts.is_investment, false)
        or coalesce(not report_lines.is_subtotal, false)
    )
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            line_code='line_code',
            period='period',
            actual='amount',
            source_file='source_file',
            source_row='source_row',
            explanation="'Tili ' || account_code || coalesce(' (' || account_name || ')', '')
                || case
                    when line_code is null then ' ei kuulu mihinkään tiliväliin eikä sillä ole omaa riviä'
                    when is_subtotal then ' on kohdistettu välisummaan ' || line_code || ' eikä riviin'
                    else ' on kohdistettu tuntemattomaan riviin ' || line_code
                end
                || ': sen vuoden ' || fiscal_year || ' '
                || case when used_in = 'ledger' then 'kirjanpidon' else 'talousarvion' end
                || ' summa ' || " ~ format_eur('amount') ~ "
                || ' € jää tuloslaskelman ulkopuolelle'"
        ) }}
    from unmapped
)

select * from final
