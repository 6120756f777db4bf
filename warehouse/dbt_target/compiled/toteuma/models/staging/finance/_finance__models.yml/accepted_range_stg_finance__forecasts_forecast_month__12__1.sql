

with checked as (
    select forecast_month as checked_value
    from "toteuma"."staging"."stg_finance__forecasts"
    where forecast_month is not null
),

out_of_range as (
    select * from checked
    where false or checked_value < 1 or checked_value > 12
)

select * from out_of_range

