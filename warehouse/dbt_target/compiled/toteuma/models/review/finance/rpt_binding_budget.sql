with income_statement as (
    select * from "toteuma"."review"."income_statement"
),

binding_items as (
    select * from "toteuma"."seeds"."binding_budget_items"
),

final as (
    select
        income_statement.municipality_code,
        income_statement.reporting_date,
        income_statement.org_unit_code,
        income_statement.org_unit_name,
        income_statement.org_level,
        income_statement.is_valid_on_reporting_date,
        cast(binding_items.item_code as varchar) as item_code,
        cast(binding_items.item_order as integer) as item_order,
        income_statement.tp_prior_year, income_statement.actual_prior_ytd, income_statement.budget_amended, income_statement.actual_ytd, income_statement.remaining, income_statement.realization_pct,
        income_statement.release_status,
        income_statement.approved_by,
        income_statement.approved_at
    from income_statement
    inner join binding_items
        on income_statement.line_code = binding_items.line_code
)

select * from final