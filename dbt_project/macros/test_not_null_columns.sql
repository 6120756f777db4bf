{#- Fails with one row per row of the model that is empty in any of `columns`: the row as
    the table holds it, empty_columns naming the empty ones, and an explanation for the
    controllers. One scan and one check for all of a table's required columns: a not_null
    test per column cost a dbt node and a Dagster check each (109 of them were 40 % of the
    nightly tests; docs/performance.md). The table's own `explanation` column, if any,
    is left out: the evidence's explanation is this test's. -#}
{% test not_null_columns(model, columns) %}

{%- set kept = ['*'] -%}
{%- if execute -%}
    {%- set kept = adapter.get_columns_in_relation(model)
        | map(attribute='name') | reject('equalto', 'explanation') | list -%}
{%- endif %}

with empty as (
    select
        {{ kept | join(', ') }},
        concat_ws(
            ', ',
            {%- for column in columns %}
            case when {{ column }} is null then '{{ column }}' end{{ "," if not loop.last }}
            {%- endfor %}
        ) as empty_columns
    from {{ model }}
    where
        {%- for column in columns %}
        {{ "or " if not loop.first }}{{ column }} is null
        {%- endfor %}
)

select
    *,
    'Pakollinen tieto puuttuu sarakkeesta: ' || empty_columns || '.' as explanation
from empty

{% endtest %}
