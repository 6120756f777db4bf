{#
  CTEs that resolve a forecast at every line of the income statement from what
  controllers gave: a given figure wins; a subtotal nobody gave is the sum of its direct
  components' resolved figures (level by level, 4 levels as in report_line_components).
  Expects CTEs `given` (keys..., org_unit_code, line_code, forecast), `components` and
  `report_lines`; defines `resolved` (same columns) and ends with a comma.
  `keys` are the columns that identify one forecast besides unit and line, e.g.
  ['municipality_code', 'reporting_date'] or ['municipality_code', 'fiscal_year', 'forecast_month'].
#}
{% macro forecast_resolution_ctes(keys) %}
{%- set columns = keys + ['org_unit_code', 'line_code'] -%}
subtotal_levels as (
    select distinct subtotal_code, formula_level from components
),

resolved_level_0 as (
    select {% for column in columns %}given.{{ column }}, {% endfor %}given.forecast
    from given
    inner join report_lines
        on given.line_code = report_lines.line_code
    where not report_lines.is_subtotal
),
{% for level in range(1, 5) %}
computed_level_{{ level }} as (
    select
        {% for key in keys %}lower_level.{{ key }},
        {% endfor %}lower_level.org_unit_code,
        components.subtotal_code as line_code,
        sum(lower_level.forecast) as forecast
    from resolved_level_{{ level - 1 }} as lower_level
    inner join components
        on lower_level.line_code = components.component_code
    where components.formula_level = {{ level }}
    group by all
),

given_level_{{ level }} as (
    select {% for column in columns %}given.{{ column }}, {% endfor %}given.forecast
    from given
    inner join subtotal_levels
        on given.line_code = subtotal_levels.subtotal_code
    where subtotal_levels.formula_level = {{ level }}
),

resolved_level_{{ level }} as (
    select * from resolved_level_{{ level - 1 }}
    union all by name
    select
        {% for column in columns %}coalesce(given_figures.{{ column }}, computed.{{ column }}) as {{ column }},
        {% endfor %}coalesce(given_figures.forecast, computed.forecast) as forecast
    from given_level_{{ level }} as given_figures
    full outer join computed_level_{{ level }} as computed
        on {% for column in columns %}given_figures.{{ column }} = computed.{{ column }}{% if not loop.last %}
        and {% endif %}{% endfor %}
),
{% endfor %}
resolved as (
    select * from resolved_level_4
),
{% endmacro %}
