{#- Multi-column foreign key: fails with the child key combinations that have no parent
    row with the same values (a child key with a null part is not checked). -#}
{% test relationships_on_columns(model, columns, to, to_columns) %}

with child_keys as (
    select distinct {{ columns | join(', ') }}
    from {{ model }}
    where {% for column in columns %}{{ column }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
),

parent_keys as (
    select distinct
        {% for to_column in to_columns -%}
        {{ to_column }} as {{ columns[loop.index0] }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from {{ to }}
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

{% endtest %}
