with source as (
    select * from "toteuma"."controls"."approved_figures"
),

final as (
    select
        signoff_id,
        municipality_code,
        reporting_date,
        table_name,
        org_unit_code,
        org_unit_name,
        org_level,
        is_valid_on_reporting_date,
        line_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd,
        forecast
    from source
)

select * from final