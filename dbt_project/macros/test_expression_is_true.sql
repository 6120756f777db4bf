{#- Fails with the rows for which the SQL expression is not true (false or null). -#}
{% test expression_is_true(model, expression, column_name=none) %}

with failing as (
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
)

select * from failing

{% endtest %}
