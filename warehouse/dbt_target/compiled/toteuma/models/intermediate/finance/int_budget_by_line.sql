-- Investment budget rows: a positive amount is TULOT, a negative one MENOT (per row).
with budget_entries as (
    select * from "toteuma"."staging"."stg_finance__budget_entries"
),

accounts as (
    select * from "toteuma"."intermediate"."int_accounts_mapped"
),

with_lines as (
    select
        budget_entries.municipality_code,
        budget_entries.cost_centre_code,
        budget_entries.fiscal_year,
        budget_entries.approval_date,
        case
            when not accounts.is_investment then accounts.line_code
            when budget_entries.amount > 0 then 'INVESTMENT_TULOT'
            else 'INVESTMENT_MENOT'
        end as line_code,
        budget_entries.amount
    from budget_entries
    left join accounts
        on budget_entries.municipality_code = accounts.municipality_code
        and budget_entries.account_code = accounts.account_code
),

final as (
    select
        municipality_code,
        cost_centre_code,
        fiscal_year,
        approval_date,
        line_code,
        cast(sum(amount) as decimal(18, 2)) as amount
    from with_lines
    group by all
)

select * from final