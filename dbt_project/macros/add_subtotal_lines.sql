{#- Emits CTEs that append the subtotal lines to a set of line rows, level by level
    (report_line_components.formula_level 1..levels): a level-n subtotal is the sum of
    its direct components, which are lines or lower-level subtotals. Use inside a `with`:

        lines_with_subtotals_level_0 as (... leaf line rows: keys, line_code, measures ...),
        {{ add_subtotal_lines('components', ['unit', 'date'], ['amount']) }},
        final as (select * from lines_with_subtotals)

    The leaf CTE (columns: the keys, line_code, the measures) must be named <result_cte>_level_0 and hold no subtotal rows; every leaf
    line should be present (zero rather than missing) so a subtotal row always exists. -#}
{% macro add_subtotal_lines(components_cte, key_columns, measure_columns, levels=4, result_cte='lines_with_subtotals') %}
{%- for level in range(1, levels + 1) %}
{{ result_cte }}_level_{{ level }} as (
    select * from {{ result_cte }}_level_{{ level - 1 }}
    union all by name
    select
        {% for key in key_columns -%}
        lower_level.{{ key }},
        {% endfor -%}
        {{ components_cte }}.subtotal_code as line_code,
        {% for measure in measure_columns -%}
        sum(lower_level.{{ measure }}) as {{ measure }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from {{ result_cte }}_level_{{ level - 1 }} as lower_level
    inner join {{ components_cte }}
        on lower_level.line_code = {{ components_cte }}.component_code
    where {{ components_cte }}.formula_level = {{ level }}
    group by all
),
{%- endfor %}
{{ result_cte }} as (
    select * from {{ result_cte }}_level_{{ levels }}
)
{%- endmacro %}
