{#- Fails with one row per key combination that occurs more than once. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with keyed as (
    select {{ combination_of_columns | join(', ') }}
    from {{ model }}
),

duplicates as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

{% endtest %}
