{#- Fails with one row per row of the model that is empty in any of `columns`; the added
    column empty_columns names which. One scan and one check for all of a table's required
    columns: a not_null test per column cost a dbt node and a Dagster check each (109 of
    them were 40 % of the nightly tests; docs/performance.md). -#}
{% test not_null_columns(model, columns) %}

select
    *,
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

{% endtest %}
