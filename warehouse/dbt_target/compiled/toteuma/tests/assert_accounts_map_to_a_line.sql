
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
    select * from "toteuma"."marts"."dim_account"
),

chart as (
    select * from "toteuma"."staging"."stg_finance__accounts"
),

actuals as (
    select * from "toteuma"."marts"."fct_actuals_monthly"
),

budget_entries as (
    select * from "toteuma"."marts"."fct_budget_entries"
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
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
        cast(municipality_code as varchar) as municipality_code,
    cast(null as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(period as varchar) as period,
    cast(null as decimal(18, 2)) as expected,
    cast(amount as decimal(18, 2)) as actual,
    cast(cast(amount as decimal(18, 2)) - cast(null as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(source_file as varchar) as source_file,
    cast(source_row as integer) as source_row,
    cast('Tili ' || account_code || coalesce(' (' || account_name || ')', '')
                || case
                    when line_code is null then ' ei kuulu mihinkään tiliväliin eikä sillä ole omaa riviä'
                    when is_subtotal then ' on kohdistettu välisummaan ' || line_code || ' eikä riviin'
                    else ' on kohdistettu tuntemattomaan riviin ' || line_code
                end
                || ': sen vuoden ' || fiscal_year || ' '
                || case when used_in = 'ledger' then 'kirjanpidon' else 'talousarvion' end
                || ' summa ' || coalesce(
        case when (amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(amount)) as hugeint)), ',', ' ')
        || case
            when abs(amount) != trunc(abs(amount))
                then ',' || lpad(cast(cast(abs(amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € jää tuloslaskelman ulkopuolelle' as varchar) as explanation
    from unmapped
)

select * from final