

with keyed as (
    select municipality_code, reporting_date, cost_centre_code, line_code
    from "toteuma"."intermediate"."int_cost_centre_figures_on_reporting_dates"
),

duplicates as (
    select
        municipality_code, reporting_date, cost_centre_code, line_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

