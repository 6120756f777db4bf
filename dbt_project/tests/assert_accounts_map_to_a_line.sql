-- Rule: every account used in the ledger or the budget reports on a posted
-- income-statement line (not a subtotal) or is an investment account. An account
-- outside every range of seeds/account_line_ranges.csv without a line of its own, or
-- whose chart row names an unknown line or a subtotal, fails here.
-- A failing row is an account whose money would be left out of the income statement:
-- add its line to the chart of accounts (Rivi) or its range to the seed.
with accounts as (
    select * from {{ ref('dim_account') }}
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
    select municipality_code, account_code from actuals
    union
    select municipality_code, account_code from budget_entries
),

final as (
    select
        used_accounts.municipality_code,
        used_accounts.account_code,
        accounts.account_name,
        accounts.line_code
    from used_accounts
    left join accounts
        on used_accounts.municipality_code = accounts.municipality_code
        and used_accounts.account_code = accounts.account_code
    left join report_lines
        on accounts.line_code = report_lines.line_code
    where not (
        coalesce(accounts.is_investment, false)
        or coalesce(not report_lines.is_subtotal, false)
    )
)

select * from final
