-- A forecast file is the whole forecast as of its month: the rows of the newest file
-- replace, not extend, the earlier months' rows.
with forecasts as (
    select * from "toteuma"."staging"."stg_finance__forecasts"
),

latest_months as (
    select
        municipality_code,
        fiscal_year,
        max(forecast_month) as latest_forecast_month
    from forecasts
    group by all
),

final as (
    select
        forecasts.municipality_code,
        forecasts.fiscal_year,
        forecasts.forecast_month,
        forecasts.org_unit_code,
        forecasts.line_code,
        cast(forecasts.amount as decimal(18, 2)) as amount,
        forecasts.forecast_month = latest_months.latest_forecast_month as is_latest_of_year,
        forecasts.source_file,
        forecasts.source_row
    from forecasts
    inner join latest_months
        on forecasts.municipality_code = latest_months.municipality_code
        and forecasts.fiscal_year = latest_months.fiscal_year
)

select * from final