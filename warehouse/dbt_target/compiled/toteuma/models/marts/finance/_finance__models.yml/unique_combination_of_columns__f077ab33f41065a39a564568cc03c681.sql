

with keyed as (
    select municipality_code, cost_centre_code, account_code, fiscal_year, period_month
    from "toteuma"."marts"."fct_actuals_monthly"
),

duplicates as (
    select
        municipality_code, cost_centre_code, account_code, fiscal_year, period_month,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

