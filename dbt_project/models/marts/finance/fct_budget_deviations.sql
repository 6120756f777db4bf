-- The lines the check deviations_explained judges, published for the review's pages and
-- for analysts: one place holds the rule (int_budget_deviations), this only exposes it.
with deviations as (
    select * from {{ ref('int_budget_deviations') }}
),

final as (
    select
        municipality_code,
        reporting_date,
        org_unit_code,
        org_unit_name,
        line_code,
        line_name,
        budget_amended,
        pro_rata_budget,
        actual_ytd,
        deviation,
        tolerance_pct,
        tolerance_eur
    from deviations
)

select * from final
