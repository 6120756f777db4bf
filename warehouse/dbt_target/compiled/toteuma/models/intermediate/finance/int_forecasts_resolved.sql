-- Forecast of each unit and line on reporting date D: from the newest forecast file of
-- year Y made at month <= m. An explicitly given figure wins (also a subtotal that
-- disagrees with its lines: the disagreement is a check's business, not this table's);
-- a subtotal without one is the sum of its components' resolved forecasts (missing
-- components count as 0; no component at all gives no row, i.e. null).
with reporting_dates as (
    select * from "toteuma"."intermediate"."int_reporting_dates"
),

forecasts as (
    select * from "toteuma"."staging"."stg_finance__forecasts"
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
),

components as (
    select * from "toteuma"."seeds"."report_line_components"
),

line_mapping as (
    select * from "toteuma"."seeds"."report_line_year_mapping"
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

subtotal_levels as (
    select distinct subtotal_code, formula_level from components
),

resolved_level_0 as (
    select given.municipality_code, given.reporting_date, given.org_unit_code, given.line_code, given.forecast
    from given
    inner join report_lines
        on given.line_code = report_lines.line_code
    where not report_lines.is_subtotal
),

computed_level_1 as (
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.forecast) as forecast
    from resolved_level_0 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 1
    group by all
),

given_level_1 as (
    select given.municipality_code, given.reporting_date, given.org_unit_code, given.line_code, given.forecast
    from given
    inner join subtotal_levels
        on given.line_code = subtotal_levels.subtotal_code
    where subtotal_levels.formula_level = 1
),

resolved_level_1 as (
    select * from resolved_level_0
    union all by name
    select
        coalesce(given_figures.municipality_code, computed.municipality_code) as municipality_code,
        coalesce(given_figures.reporting_date, computed.reporting_date) as reporting_date,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_1 as given_figures
    full outer join computed_level_1 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.reporting_date = computed.reporting_date
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

computed_level_2 as (
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.forecast) as forecast
    from resolved_level_1 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 2
    group by all
),

given_level_2 as (
    select given.municipality_code, given.reporting_date, given.org_unit_code, given.line_code, given.forecast
    from given
    inner join subtotal_levels
        on given.line_code = subtotal_levels.subtotal_code
    where subtotal_levels.formula_level = 2
),

resolved_level_2 as (
    select * from resolved_level_1
    union all by name
    select
        coalesce(given_figures.municipality_code, computed.municipality_code) as municipality_code,
        coalesce(given_figures.reporting_date, computed.reporting_date) as reporting_date,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_2 as given_figures
    full outer join computed_level_2 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.reporting_date = computed.reporting_date
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

computed_level_3 as (
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.forecast) as forecast
    from resolved_level_2 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 3
    group by all
),

given_level_3 as (
    select given.municipality_code, given.reporting_date, given.org_unit_code, given.line_code, given.forecast
    from given
    inner join subtotal_levels
        on given.line_code = subtotal_levels.subtotal_code
    where subtotal_levels.formula_level = 3
),

resolved_level_3 as (
    select * from resolved_level_2
    union all by name
    select
        coalesce(given_figures.municipality_code, computed.municipality_code) as municipality_code,
        coalesce(given_figures.reporting_date, computed.reporting_date) as reporting_date,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_3 as given_figures
    full outer join computed_level_3 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.reporting_date = computed.reporting_date
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

computed_level_4 as (
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.forecast) as forecast
    from resolved_level_3 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 4
    group by all
),

given_level_4 as (
    select given.municipality_code, given.reporting_date, given.org_unit_code, given.line_code, given.forecast
    from given
    inner join subtotal_levels
        on given.line_code = subtotal_levels.subtotal_code
    where subtotal_levels.formula_level = 4
),

resolved_level_4 as (
    select * from resolved_level_3
    union all by name
    select
        coalesce(given_figures.municipality_code, computed.municipality_code) as municipality_code,
        coalesce(given_figures.reporting_date, computed.reporting_date) as reporting_date,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_4 as given_figures
    full outer join computed_level_4 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.reporting_date = computed.reporting_date
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

resolved as (
    select * from resolved_level_4
),

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