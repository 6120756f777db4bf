-- Forecast of each unit and line on reporting date D: from the newest forecast file of
-- year Y made at month <= m. An explicitly given figure wins (also a subtotal that
-- disagrees with its lines: the disagreement is a check's business, not this table's);
-- a subtotal without one is the sum of its components' resolved forecasts (missing
-- components count as 0; no component at all gives no row, i.e. null).
with reporting_dates as (
    select * from {{ ref('int_reporting_dates') }}
),

forecasts as (
    select * from {{ ref('stg_finance__forecasts') }}
),

report_lines as (
    select * from {{ ref('report_lines') }}
),

components as (
    select * from {{ ref('report_line_components') }}
),

line_mapping as (
    select * from {{ ref('report_line_year_mapping') }}
),

chosen_files as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        reporting_dates.report_year,
        max(forecasts.forecast_month) as forecast_month
    from reporting_dates
    inner join forecasts
        on reporting_dates.municipality_code = forecasts.municipality_code
        and reporting_dates.report_year = forecasts.fiscal_year
        and reporting_dates.report_month >= forecasts.forecast_month
    group by all
),

given as (
    select
        chosen_files.municipality_code,
        chosen_files.reporting_date,
        forecasts.org_unit_code,
        coalesce(line_mapping.reported_as, forecasts.line_code) as line_code,
        sum(forecasts.amount) as forecast
    from chosen_files
    inner join forecasts
        on chosen_files.municipality_code = forecasts.municipality_code
        and chosen_files.report_year = forecasts.fiscal_year
        and chosen_files.forecast_month = forecasts.forecast_month
    left join line_mapping
        on forecasts.line_code = line_mapping.line_code
        and chosen_files.report_year
        between line_mapping.report_year_from and line_mapping.report_year_to
    group by all
),

{{ forecast_resolution_ctes(['municipality_code', 'reporting_date']) }}
final as (
    select
        municipality_code,
        reporting_date,
        org_unit_code,
        line_code,
        cast(forecast as decimal(18, 2)) as forecast
    from resolved
)

select * from final
