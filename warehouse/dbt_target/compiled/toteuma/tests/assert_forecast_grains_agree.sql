
-- Checks the newest forecast file of each municipality and year (fct_forecasts
-- is_latest_of_year: a file is the whole forecast as of its month and replaces the
-- earlier ones; superseded files are not re-checked every night). Lines are mapped to
-- the line of the report year as in int_forecasts_resolved (rents into MUUT_* from 2024).
-- A unit's "resolved" forecast of a line is resolved as in int_forecasts_resolved: the
-- given figure wins, a subtotal without one is the sum of its components' resolved
-- forecasts (missing components count as 0; no component at all = no forecast).
-- (a) subtotal vs its components: a subtotal given explicitly for a unit is compared with
--     the sum of its direct components' resolved forecasts for the same unit (for
--     TOIMINTAKULUT: the given cost lines), when at least one component has a forecast.
--     expected = the given subtotal, actual = the sum of its components.
-- (b) parent vs children: any figure given explicitly for a unit is compared with the
--     sum of the resolved forecasts of the same line of its direct children (units
--     whose parent is the unit on the last day of the forecast month), when at least one
--     child has a forecast for the line (children without one count as 0).
--     expected = the unit's given figure, actual = the sum of its children.
-- Heinola 2026: Yhteiset palvelut (600) gives Toimintakulut -9 720 700, its cost lines
-- sum to -10 233 700 -> (a) row: expected -9 720 700, actual -10 233 700, difference
-- -513 000; its 7 responsibility areas sum to -9 720 700 -> no (b) row.
-- Evidence: period = the forecast file's month 'YYYY-MM'; source_file / source_row = the
-- given figure's row in the forecast file.
with forecasts as (
    select * from "toteuma"."marts"."fct_forecasts"
    where is_latest_of_year
),

org_units as (
    select * from "toteuma"."staging"."stg_finance__org_units"
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

given as (
    select
        forecasts.municipality_code,
        forecasts.fiscal_year,
        forecasts.forecast_month,
        forecasts.org_unit_code,
        coalesce(line_mapping.reported_as, forecasts.line_code) as line_code,
        sum(forecasts.amount) as forecast,
        min(forecasts.source_file) as source_file,
        min(forecasts.source_row) as source_row
    from forecasts
    left join line_mapping
        on forecasts.line_code = line_mapping.line_code
        and forecasts.fiscal_year >= line_mapping.report_year_from
        and forecasts.fiscal_year <= line_mapping.report_year_to
    group by all
),

subtotal_levels as (
    select distinct subtotal_code, formula_level from components
),

resolved_level_0 as (
    select given.municipality_code, given.fiscal_year, given.forecast_month, given.org_unit_code, given.line_code, given.forecast
    from given
    inner join report_lines
        on given.line_code = report_lines.line_code
    where not report_lines.is_subtotal
),

computed_level_1 as (
    select
        lower_level.municipality_code,
        lower_level.fiscal_year,
        lower_level.forecast_month,
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
    select given.municipality_code, given.fiscal_year, given.forecast_month, given.org_unit_code, given.line_code, given.forecast
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
        coalesce(given_figures.fiscal_year, computed.fiscal_year) as fiscal_year,
        coalesce(given_figures.forecast_month, computed.forecast_month) as forecast_month,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_1 as given_figures
    full outer join computed_level_1 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.fiscal_year = computed.fiscal_year
        and given_figures.forecast_month = computed.forecast_month
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

computed_level_2 as (
    select
        lower_level.municipality_code,
        lower_level.fiscal_year,
        lower_level.forecast_month,
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
    select given.municipality_code, given.fiscal_year, given.forecast_month, given.org_unit_code, given.line_code, given.forecast
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
        coalesce(given_figures.fiscal_year, computed.fiscal_year) as fiscal_year,
        coalesce(given_figures.forecast_month, computed.forecast_month) as forecast_month,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_2 as given_figures
    full outer join computed_level_2 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.fiscal_year = computed.fiscal_year
        and given_figures.forecast_month = computed.forecast_month
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

computed_level_3 as (
    select
        lower_level.municipality_code,
        lower_level.fiscal_year,
        lower_level.forecast_month,
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
    select given.municipality_code, given.fiscal_year, given.forecast_month, given.org_unit_code, given.line_code, given.forecast
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
        coalesce(given_figures.fiscal_year, computed.fiscal_year) as fiscal_year,
        coalesce(given_figures.forecast_month, computed.forecast_month) as forecast_month,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_3 as given_figures
    full outer join computed_level_3 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.fiscal_year = computed.fiscal_year
        and given_figures.forecast_month = computed.forecast_month
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

computed_level_4 as (
    select
        lower_level.municipality_code,
        lower_level.fiscal_year,
        lower_level.forecast_month,
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
    select given.municipality_code, given.fiscal_year, given.forecast_month, given.org_unit_code, given.line_code, given.forecast
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
        coalesce(given_figures.fiscal_year, computed.fiscal_year) as fiscal_year,
        coalesce(given_figures.forecast_month, computed.forecast_month) as forecast_month,
        coalesce(given_figures.org_unit_code, computed.org_unit_code) as org_unit_code,
        coalesce(given_figures.line_code, computed.line_code) as line_code,
        coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_4 as given_figures
    full outer join computed_level_4 as computed
        on given_figures.municipality_code = computed.municipality_code
        and given_figures.fiscal_year = computed.fiscal_year
        and given_figures.forecast_month = computed.forecast_month
        and given_figures.org_unit_code = computed.org_unit_code
        and given_figures.line_code = computed.line_code
),

resolved as (
    select * from resolved_level_4
),


-- (a) a given subtotal vs the sum of its direct components' resolved forecasts
subtotal_vs_components as (
    select
        given.municipality_code, given.fiscal_year, given.forecast_month,
        given.org_unit_code, given.line_code, given.source_file, given.source_row,
        'a' as comparison,
        any_value(given.forecast) as given_forecast,
        sum(resolved.forecast) as parts_forecast,
        count(*) as part_count,
        string_agg(resolved.line_code, ' + ' order by resolved.line_code) as parts
    from given
    inner join components
        on given.line_code = components.subtotal_code
    inner join resolved
        on given.municipality_code = resolved.municipality_code
        and given.fiscal_year = resolved.fiscal_year
        and given.forecast_month = resolved.forecast_month
        and given.org_unit_code = resolved.org_unit_code
        and components.component_code = resolved.line_code
    group by all
),

-- (b) a given figure vs the sum of its direct children's resolved forecasts
children as (
    select
        given.municipality_code, given.fiscal_year, given.forecast_month,
        given.org_unit_code, given.line_code, org_units.org_unit_code as child_code
    from given
    inner join org_units
        on given.municipality_code = org_units.municipality_code
        and given.org_unit_code = org_units.parent_code
        and last_day(make_date(given.fiscal_year, given.forecast_month, 1))
        between org_units.valid_from_date and org_units.valid_to_date
),

parent_vs_children as (
    select
        given.municipality_code, given.fiscal_year, given.forecast_month,
        given.org_unit_code, given.line_code, given.source_file, given.source_row,
        'b' as comparison,
        any_value(given.forecast) as given_forecast,
        sum(resolved.forecast) as parts_forecast,
        count(*) as part_count,
        string_agg(children.child_code, ', ' order by children.child_code) as parts
    from given
    inner join children
        on given.municipality_code = children.municipality_code
        and given.fiscal_year = children.fiscal_year
        and given.forecast_month = children.forecast_month
        and given.org_unit_code = children.org_unit_code
        and given.line_code = children.line_code
    inner join resolved
        on children.municipality_code = resolved.municipality_code
        and children.fiscal_year = resolved.fiscal_year
        and children.forecast_month = resolved.forecast_month
        and children.child_code = resolved.org_unit_code
        and children.line_code = resolved.line_code
    group by all
),

disagreements as (
    select * from subtotal_vs_components
    where given_forecast != parts_forecast
    union all
    select * from parent_vs_children
    where given_forecast != parts_forecast
),

unit_names as (
    select municipality_code, org_unit_code, valid_from_date, valid_to_date, org_unit_name
    from org_units
),

final as (
    select
        cast(disagreements.municipality_code as varchar) as municipality_code,
    cast(disagreements.org_unit_code as varchar) as org_unit_code,
    cast(disagreements.line_code as varchar) as line_code,
    cast(strftime(make_date(disagreements.fiscal_year, disagreements.forecast_month, 1), '%Y-%m') as varchar) as period,
    cast(disagreements.given_forecast as decimal(18, 2)) as expected,
    cast(disagreements.parts_forecast as decimal(18, 2)) as actual,
    cast(cast(disagreements.parts_forecast as decimal(18, 2)) - cast(disagreements.given_forecast as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(disagreements.source_file as varchar) as source_file,
    cast(disagreements.source_row as integer) as source_row,
    cast('Ennuste ' || disagreements.fiscal_year || ' (tiedosto '
                || disagreements.forecast_month || '/' || disagreements.fiscal_year
                || '), yksikkö ' || disagreements.org_unit_code || coalesce(' ' || unit_names.org_unit_name, '')
                || ': ' || coalesce(report_lines.line_name || ' (' || disagreements.line_code || ')', disagreements.line_code)
                || ' ennuste ' || coalesce(
        case when (disagreements.given_forecast) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(disagreements.given_forecast)) as hugeint)), ',', ' ')
        || case
            when abs(disagreements.given_forecast) != trunc(abs(disagreements.given_forecast))
                then ',' || lpad(cast(cast(abs(disagreements.given_forecast) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || case
                    when disagreements.comparison = 'a' then ' €, mutta sen rivit (' || disagreements.parts || ') ovat yhteensä '
                    else ' €, mutta sen alayksiköt, joilla on ennuste (' || disagreements.parts || '), ovat yhteensä '
                end
                || coalesce(
        case when (disagreements.parts_forecast) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(disagreements.parts_forecast)) as hugeint)), ',', ' ')
        || case
            when abs(disagreements.parts_forecast) != trunc(abs(disagreements.parts_forecast))
                then ',' || lpad(cast(cast(abs(disagreements.parts_forecast) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € (erotus ' || coalesce(
        case when (disagreements.parts_forecast - disagreements.given_forecast) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(disagreements.parts_forecast - disagreements.given_forecast)) as hugeint)), ',', ' ')
        || case
            when abs(disagreements.parts_forecast - disagreements.given_forecast) != trunc(abs(disagreements.parts_forecast - disagreements.given_forecast))
                then ',' || lpad(cast(cast(abs(disagreements.parts_forecast - disagreements.given_forecast) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €)' as varchar) as explanation
    from disagreements
    left join report_lines
        on disagreements.line_code = report_lines.line_code
    left join unit_names
        on disagreements.municipality_code = unit_names.municipality_code
        and disagreements.org_unit_code = unit_names.org_unit_code
        and last_day(make_date(disagreements.fiscal_year, disagreements.forecast_month, 1))
        between unit_names.valid_from_date and unit_names.valid_to_date
)

select * from final