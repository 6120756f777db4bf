{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
with units as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
    where
        org_level != 'KUSTANNUSPAIKKA'
        and {{ in_ledger_scope() }}
),

report_lines as (
    select * from {{ ref('report_lines') }}
),

components as (
    select * from {{ ref('report_line_components') }}
),

unit_figures as (
    select * from {{ ref('int_unit_figures_rolled_up') }}
    where {{ in_ledger_scope() }}
),

forecasts as (
    select * from {{ ref('int_forecasts_resolved') }}
    where {{ in_ledger_scope() }}
),

-- every unit gets every line, zero where nothing was posted, so subtotals always exist
lines_with_subtotals_level_0 as (
    select
        units.municipality_code,
        units.reporting_date,
        units.org_unit_code,
        report_lines.line_code,
        {% for figure in ledger_figures() -%}
        coalesce(unit_figures.{{ figure }}, 0) as {{ figure }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from units
    cross join report_lines
    left join unit_figures
        on units.municipality_code = unit_figures.municipality_code
        and units.reporting_date = unit_figures.reporting_date
        and units.org_unit_code = unit_figures.org_unit_code
        and report_lines.line_code = unit_figures.line_code
    where not report_lines.is_subtotal
),

{{ add_subtotal_lines(
    'components',
    ['municipality_code', 'reporting_date', 'org_unit_code'],
    ledger_figures()
) }},

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
        {% for figure in ledger_figures() -%}
        cast(lines.{{ figure }} as decimal(18, 2)) as {{ figure }},
        {% endfor %}
        cast(lines.budget_amended - lines.actual_ytd as decimal(18, 2)) as remaining,
        {{ realization_pct('lines.actual_ytd', 'lines.budget_amended') }} as realization_pct,
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
