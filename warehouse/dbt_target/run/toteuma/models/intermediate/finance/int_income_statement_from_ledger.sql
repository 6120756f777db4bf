
    

    create  table
      "toteuma"."intermediate"."int_income_statement_from_ledger__dbt_tmp"
  
    
    as (
      with units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
    where org_level != 'KUSTANNUSPAIKKA'
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
),

components as (
    select * from "toteuma"."seeds"."report_line_components"
),

unit_figures as (
    select * from "toteuma"."intermediate"."int_unit_figures_rolled_up"
),

forecasts as (
    select * from "toteuma"."intermediate"."int_forecasts_resolved"
),

-- every unit gets every line, zero where nothing was posted, so subtotals always exist
lines_with_subtotals_level_0 as (
    select
        units.municipality_code,
        units.reporting_date,
        units.org_unit_code,
        report_lines.line_code,
        coalesce(unit_figures.tp_prior_year, 0) as tp_prior_year,
        coalesce(unit_figures.actual_prior_ytd, 0) as actual_prior_ytd,
        coalesce(unit_figures.budget_amended, 0) as budget_amended,
        coalesce(unit_figures.actual_ytd, 0) as actual_ytd
        
    from units
    cross join report_lines
    left join unit_figures
        on units.municipality_code = unit_figures.municipality_code
        and units.reporting_date = unit_figures.reporting_date
        and units.org_unit_code = unit_figures.org_unit_code
        and report_lines.line_code = unit_figures.line_code
    where not report_lines.is_subtotal
),


lines_with_subtotals_level_1 as (
    select * from lines_with_subtotals_level_0
    union all by name
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.tp_prior_year) as tp_prior_year,
        sum(lower_level.actual_prior_ytd) as actual_prior_ytd,
        sum(lower_level.budget_amended) as budget_amended,
        sum(lower_level.actual_ytd) as actual_ytd
        
    from lines_with_subtotals_level_0 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 1
    group by all
),
lines_with_subtotals_level_2 as (
    select * from lines_with_subtotals_level_1
    union all by name
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.tp_prior_year) as tp_prior_year,
        sum(lower_level.actual_prior_ytd) as actual_prior_ytd,
        sum(lower_level.budget_amended) as budget_amended,
        sum(lower_level.actual_ytd) as actual_ytd
        
    from lines_with_subtotals_level_1 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 2
    group by all
),
lines_with_subtotals_level_3 as (
    select * from lines_with_subtotals_level_2
    union all by name
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.tp_prior_year) as tp_prior_year,
        sum(lower_level.actual_prior_ytd) as actual_prior_ytd,
        sum(lower_level.budget_amended) as budget_amended,
        sum(lower_level.actual_ytd) as actual_ytd
        
    from lines_with_subtotals_level_2 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 3
    group by all
),
lines_with_subtotals_level_4 as (
    select * from lines_with_subtotals_level_3
    union all by name
    select
        lower_level.municipality_code,
        lower_level.reporting_date,
        lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.tp_prior_year) as tp_prior_year,
        sum(lower_level.actual_prior_ytd) as actual_prior_ytd,
        sum(lower_level.budget_amended) as budget_amended,
        sum(lower_level.actual_ytd) as actual_ytd
        
    from lines_with_subtotals_level_3 as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = 4
    group by all
),
lines_with_subtotals as (
    select * from lines_with_subtotals_level_4
),

final as (
    select
        cast(lines.municipality_code as varchar) as municipality_code,
        cast(lines.reporting_date as date) as reporting_date,
        cast(lines.org_unit_code as varchar) as org_unit_code,
        cast(units.org_unit_name as varchar) as org_unit_name,
        cast(units.org_level as varchar) as org_level,
        cast(units.is_valid_on_reporting_date as boolean) as is_valid_on_reporting_date,
        cast(lines.line_code as varchar) as line_code,
        cast(report_lines.line_name as varchar) as line_name,
        cast(report_lines.line_order as integer) as line_order,
        cast(report_lines.line_kind as varchar) as line_kind,
        cast(lines.tp_prior_year as decimal(18, 2)) as tp_prior_year,
        cast(lines.actual_prior_ytd as decimal(18, 2)) as actual_prior_ytd,
        cast(lines.budget_amended as decimal(18, 2)) as budget_amended,
        cast(lines.actual_ytd as decimal(18, 2)) as actual_ytd,
        
        cast(lines.budget_amended - lines.actual_ytd as decimal(18, 2)) as remaining,
        case
        when lines.budget_amended = 0 then cast(0 as decimal(9, 2))
        when ((abs(cast(lines.actual_ytd * 100 as hugeint)) * 20000 + abs(cast(lines.budget_amended * 100 as hugeint))) // (2 * abs(cast(lines.budget_amended * 100 as hugeint)))) >= 1000000000 then null
        else cast(
            cast(
                ((abs(cast(lines.actual_ytd * 100 as hugeint)) * 20000 + abs(cast(lines.budget_amended * 100 as hugeint))) // (2 * abs(cast(lines.budget_amended * 100 as hugeint))))
                * case when (lines.actual_ytd < 0) = (lines.budget_amended < 0) or lines.actual_ytd = 0 then 1 else -1 end
                as decimal(38, 0)
            ) * 0.01 as decimal(9, 2)
        )
    end as realization_pct,
        cast(forecasts.forecast as decimal(18, 2)) as forecast
    from lines_with_subtotals as lines
    inner join units
        on lines.municipality_code = units.municipality_code
        and lines.reporting_date = units.reporting_date
        and lines.org_unit_code = units.org_unit_code
    inner join report_lines
        on lines.line_code = report_lines.line_code
    left join forecasts
        on lines.municipality_code = forecasts.municipality_code
        and lines.reporting_date = forecasts.reporting_date
        and lines.org_unit_code = forecasts.org_unit_code
        and lines.line_code = forecasts.line_code
)

select * from final
    );
    
  