with budget_entries as (
    select * from "toteuma"."staging"."stg_finance__budget_entries"
),

final as (
    select
        municipality_code,
        fiscal_year,
        cost_centre_code,
        account_code,
        entry_kind,
        approval_date,
        cast(amount as decimal(18, 2)) as amount,
        source_file,
        source_row
    from budget_entries
)

select * from final