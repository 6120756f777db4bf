

with keyed as (
    select municipality_code, fiscal_year, forecast_month, org_unit_code, line_code
    from "toteuma"."staging"."stg_finance__forecasts"
),

duplicates as (
    select
        municipality_code, fiscal_year, forecast_month, org_unit_code, line_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

