

with keyed as (
    select municipality_code, fiscal_year, period_month, cost_centre_code, account_code
    from "toteuma"."intermediate"."int_actuals_monthly"
),

duplicates as (
    select
        municipality_code, fiscal_year, period_month, cost_centre_code, account_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

