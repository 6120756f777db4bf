{#- A printed figure equals the computation it comes from, on every row of a review table
    (jaffle-shop's column identities, with our evidence shape: macros/evidence.sql).

    column_name  the printed figure (remaining, realization_pct)
    expected     the computation, a SQL expression over the row's columns
    item         the column naming the row's line or item (line_code, item_code)
    label        the figure as the report heads it ('Jäljellä', 'TOT-%')
    operands     the two columns of the computation with their report headings,
                 [[heading, column], [heading, column]], and `operator` the word between
                 them ('miinus', '/'), for the explanation a controller reads
    unit         'eur' or 'pct' (how the figure and the computation's result are written)
    tolerance    0: exact; otherwise the largest accepted difference (a half-way
                 rounding of a recomputed percentage), and a null figure is not compared
-#}
{% test figure_identity(model, column_name, expected, item, label, operands, operator,
                        unit='eur', tolerance=0) %}
{%- set left, right = operands -%}
with checked as (
    select
        municipality_code,
        reporting_date,
        org_unit_code,
        {{ item }} as item,
        {{ left[1] }} as left_operand,
        {{ right[1] }} as right_operand,
        {{ column_name }} as printed,
        {{ expected }} as expected_value
    from {{ model }}
),

failing as (
    select *
    from checked
    {%- if tolerance == 0 %}
    where printed is distinct from expected_value
    {%- else %}
    where printed is not null and abs(printed - expected_value) > {{ tolerance }}
    {%- endif %}
)

select
    {{ evidence_columns(
        municipality_code='municipality_code',
        org_unit_code='org_unit_code',
        line_code='item',
        period="strftime(reporting_date, '%Y-%m-%d')",
        expected='expected_value',
        actual='printed',
        explanation="'" ~ model.schema ~ "." ~ model.identifier ~ ", yksikkö ' || org_unit_code
            || ' ' || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || item
            || ': " ~ label ~ " tulostettu ' || " ~ figure_shown('printed', unit) ~ " || ', mutta "
            ~ left[0] ~ " ' || " ~ format_eur('left_operand') ~ " || ' € " ~ operator ~ " "
            ~ right[0] ~ " ' || " ~ format_eur('right_operand') ~ " || ' € on ' || "
            ~ figure_shown('expected_value', unit)
    ) }}
from failing
{% endtest %}


{#- A figure as the explanation writes it: '-52 690 €' or '45,25 %'. -#}
{% macro figure_shown(value, unit) -%}
    {%- if unit == 'pct' -%}
        {{ format_pct(value) }}
    {%- else -%}
        {{ format_eur(value) }} || ' €'
    {%- endif -%}
{%- endmacro %}
