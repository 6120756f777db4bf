

with keyed as (
    select municipality_code, cost_centre_code, fiscal_year, period_month, line_code
    from "toteuma"."intermediate"."int_actuals_by_line"
),

duplicates as (
    select
        municipality_code, cost_centre_code, fiscal_year, period_month, line_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

