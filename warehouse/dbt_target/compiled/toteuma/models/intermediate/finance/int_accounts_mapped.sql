-- Reads the fact tables only for the set of accounts in use, so an account missing from
-- the chart still gets its default line (and a warning) instead of vanishing.
with accounts as (
    select * from "toteuma"."staging"."stg_finance__accounts"
),

actuals as (
    select * from "toteuma"."intermediate"."int_actuals_monthly"
),

budget_entries as (
    select * from "toteuma"."staging"."stg_finance__budget_entries"
),

line_ranges as (
    select * from "toteuma"."seeds"."account_line_ranges"
),

all_accounts as (
    select municipality_code, account_code from accounts
    union
    select municipality_code, account_code from actuals
    union
    select municipality_code, account_code from budget_entries
),

mapped as (
    select
        all_accounts.municipality_code,
        all_accounts.account_code,
        accounts.account_name,
        accounts.line_code as chart_line_code,
        line_ranges.line_code as range_line_code,
        coalesce(accounts.line_code, line_ranges.line_code) as line_code,
        accounts.account_code is not null as is_in_chart
    from all_accounts
    left join accounts
        on all_accounts.municipality_code = accounts.municipality_code
        and all_accounts.account_code = accounts.account_code
    left join line_ranges
        on try_cast(all_accounts.account_code as integer)
        between line_ranges.range_from and line_ranges.range_to
),

final as (
    select
        *,
        coalesce(line_code = 'INVESTMENT', false) as is_investment
    from mapped
)

select * from final